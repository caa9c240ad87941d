package io.hlbridge.connectpage;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.ResourceBundle;

/**
 * The connect page's texts, all in one bundle ({@code connect/messages.properties}; English shipped). A text is
 * formatted here and escaped by the template that shows it, values from HighLevel or iCloud included.
 */
final class PageText {
    private final ResourceBundle bundle;

    PageText() {
        // the bridge's own class loader: the context loader of an OSGi or Spring host may not see the bundle
        bundle = ResourceBundle.getBundle("connect.messages", Locale.ENGLISH, PageText.class.getClassLoader());
    }

    String get(String key, Object... values) {
        String pattern = bundle.getString(key);
        return values.length == 0 ? pattern : new MessageFormat(pattern, Locale.ENGLISH).format(values);
    }
}
