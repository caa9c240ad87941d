package io.hlbridge.http;

import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;

/**
 * The bridge's server-rendered pages: Mustache templates (mustache.java) under one classpath folder, each compiled once.
 * Every {@code {{value}}} is HTML-escaped, so a string from iCloud or HighLevel cannot become markup; templates hold no
 * logic (the page classes build the values). Templates and their partials ({@code {{> name}}}) are read through this
 * class's loader: an OSGi or Spring host's context loader may not see them.
 */
public final class HtmlTemplates {
    private final DefaultMustacheFactory factory;

    /** @param folder the classpath folder, like {@code status} for {@code /status/*.mustache} */
    public HtmlTemplates(String folder) {
        this.factory = new DefaultMustacheFactory(name -> {
            InputStream in = HtmlTemplates.class.getResourceAsStream("/" + folder + "/" + name);
            return in == null ? null : new InputStreamReader(in, StandardCharsets.UTF_8);
        });
    }

    /** Template {@code name} ({@code name.mustache}) filled with {@code values} (maps, lists, records' fields). */
    public String render(String name, Object values) {
        Mustache m = factory.compile(name + ".mustache"); // the factory caches what it compiled
        StringWriter out = new StringWriter();
        m.execute(out, values);
        return out.toString();
    }
}
