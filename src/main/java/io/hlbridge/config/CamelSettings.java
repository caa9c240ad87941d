package io.hlbridge.config;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.apache.camel.CamelContext;
import org.apache.camel.spi.PropertiesComponent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bridge's configuration read through Camel's properties component, whoever runs Camel (the bridge's own main,
 * or an application embedding it): the catalogue's defaults go under everything else (initial properties, so the
 * routes' placeholders resolve even when the application's own {@code application.properties} shadows the packaged
 * one), secrets are marked sensitive for Camel's start-up summaries, and the whole configuration is checked at once.
 */
public final class CamelSettings {
    private static final Logger LOG = LoggerFactory.getLogger(CamelSettings.class);

    private CamelSettings() {
    }

    /** Registry name of the checked configuration: it is checked once, by whichever part of the bridge starts first. */
    private static final String CHECKED = "bridgeCheckedSettings";

    /** Checks the configuration and returns it; throws {@link InvalidConfigurationException} listing every problem. */
    public static Settings read(CamelContext context) {
        Settings checked = context.getRegistry().lookupByNameAndType(CHECKED, Settings.class);
        if (checked != null) {
            return checked;
        }
        PropertiesComponent pc = context.getPropertiesComponent();
        if (!pc.hasPropertiesFunction(MillisPropertiesFunction.NAME)) {
            pc.addPropertiesFunction(new MillisPropertiesFunction());
        }
        for (Option<?> o : BridgeOptions.ALL) {
            if (o.hasDefault() && BridgeOptions.PREFIXES.stream().anyMatch(o.key()::startsWith)
                    && pc.resolveProperty(o.key()).isEmpty()) {
                pc.addInitialProperty(o.key(), o.defaultValue());
            }
        }
        markSecretsSensitive(context);
        Set<String> keys = new LinkedHashSet<>(pc.loadPropertiesAsMap().keySet().stream().map(Object::toString).toList());
        keys.addAll(System.getProperties().stringPropertyNames());
        Settings settings = new Settings(key -> pc.resolveProperty(key).orElse(null), keys);
        ConfigurationCheck.verify(settings, System.getenv()).forEach(LOG::warn);
        context.getRegistry().bind(CHECKED, settings);
        return settings;
    }

    /**
     * Camel masks a key in its summaries when its last segment is a known sensitive word; {@code app-password} and
     * {@code highlevel-token} are not among them.
     */
    private static void markSecretsSensitive(CamelContext context) {
        String existing = context.getCamelContextExtension().getAdditionalSensitiveKeywords();
        Set<String> words = Stream.concat(BridgeOptions.ALL.stream(), BridgeOptions.CONNECTION_FIELDS.stream())
                .filter(Option::secret)
                .map(o -> o.key().substring(o.key().lastIndexOf('.') + 1).replace("-", "").toLowerCase(Locale.ROOT))
                .collect(Collectors.toCollection(LinkedHashSet::new));
        if (existing != null && !existing.isBlank()) {
            words.add(existing);
        }
        context.getCamelContextExtension().setAdditionalSensitiveKeywords(String.join(",", words));
    }
}
