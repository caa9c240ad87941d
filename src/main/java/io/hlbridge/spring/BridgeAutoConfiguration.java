package io.hlbridge.spring;

import java.util.Collection;

import io.hlbridge.BridgeConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.Resource;
import org.apache.camel.spring.boot.CamelAutoConfiguration;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.apache.camel.support.PluginHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * The bridge in a Spring Boot application that uses camel-spring-boot: adding the bridge's artifact is enough. The
 * bridge reads its keys through Camel's properties component, which camel-spring-boot backs with Spring's
 * {@link Environment}, so they come from the host's {@code application.yml} / {@code application.properties} (the
 * catalogue's defaults under them); its meters go to the host's Micrometer registry and its health checks into
 * Camel's, which Actuator's {@code /actuator/health} shows as its {@code bridge} component. Its webhook and OAuth routes are served by the host's web
 * server (camel-platform-http-starter). It adds its own routes ({@code classpath:routes/*.camel.yaml}) and beans
 * only; it sets none of the host's keys.
 */
@AutoConfiguration(after = CamelAutoConfiguration.class)
@ConditionalOnClass(CamelContextConfiguration.class)
public class BridgeAutoConfiguration {
    private static final Logger LOG = LoggerFactory.getLogger(BridgeAutoConfiguration.class);
    static final String ROUTES = "classpath:routes/*.camel.yaml";

    @Bean
    CamelContextConfiguration highLevelICloudBridge(Environment environment) {
        return new CamelContextConfiguration() {
            @Override
            public void beforeApplicationStart(CamelContext context) {
                try {
                    context.getPropertiesComponent().addPropertiesSource(new SpringEnvironmentKeys(environment));
                    // the listener health check watches the host's port, not camel-main's camel.server.port
                    if (!environment.containsProperty("camel.server.port")) {
                        context.getPropertiesComponent().addInitialProperty("camel.server.port", environment
                                .getProperty("local.server.port", environment.getProperty("server.port", "8080")));
                    }
                    new BridgeConfiguration().configure(context);
                    Collection<Resource> routes = PluginHelper.getPackageScanResourceResolver(context).findResources(ROUTES);
                    PluginHelper.getRoutesLoader(context).loadRoutes(routes);
                    LOG.info("HighLevel - iCloud bridge added: {} route files", routes.size());
                } catch (RuntimeException e) {
                    throw e;
                } catch (Exception e) {
                    throw new IllegalStateException("The bridge did not start: " + e.getMessage(), e);
                }
            }

            @Override
            public void afterApplicationStart(CamelContext context) {
            }
        };
    }

    /** The bridge's health in Actuator's, when the host has Actuator. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.boot.actuate.health.HealthIndicator")
    static class Health {
        @Bean
        BridgeHealthIndicator bridgeHealthIndicator(CamelContext camel) {
            return new BridgeHealthIndicator(camel);
        }
    }
}
