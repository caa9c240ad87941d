package io.hlbridge.spring;

import java.util.Properties;
import java.util.function.Predicate;

import io.hlbridge.config.BridgeOptions;
import org.apache.camel.spi.LoadablePropertiesSource;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.Environment;

/**
 * The bridge's keys in the host's Spring {@link Environment}, listed for Camel's properties component. camel-spring-boot
 * resolves a key it is asked for from the environment, but lists none of them; the bridge must see which keys are
 * set (its connections are {@code connections.<name>.*}, and a misspelt key under its prefixes is refused at start).
 */
final class SpringEnvironmentKeys implements LoadablePropertiesSource {
    private final Environment environment;

    SpringEnvironmentKeys(Environment environment) {
        this.environment = environment;
    }

    @Override
    public String getName() {
        return "spring-environment (bridge keys)";
    }

    @Override
    public String getProperty(String name) {
        return BridgeOptions.PREFIXES.stream().anyMatch(name::startsWith) ? environment.getProperty(name) : null;
    }

    @Override
    public Properties loadProperties() {
        return loadProperties(k -> true);
    }

    @Override
    public Properties loadProperties(Predicate<String> filter) {
        Properties out = new Properties();
        if (environment instanceof ConfigurableEnvironment c) {
            c.getPropertySources().stream()
                    .filter(EnumerablePropertySource.class::isInstance)
                    .flatMap(s -> java.util.Arrays.stream(((EnumerablePropertySource<?>) s).getPropertyNames()))
                    .filter(k -> BridgeOptions.PREFIXES.stream().anyMatch(k::startsWith) && filter.test(k))
                    .distinct()
                    .forEach(k -> {
                        String v = environment.getProperty(k);
                        if (v != null) {
                            out.setProperty(k, v);
                        }
                    });
        }
        return out;
    }

    @Override
    public void reloadProperties(String location) {
        // the environment is read anew on every call
    }
}
