package io.hlbridge.spring;

import io.hlbridge.config.InvalidConfigurationException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * A configuration mistake in the bridge's keys ends the host's start-up as Spring Boot reports its own: "APPLICATION
 * FAILED TO START", every problem with its key and fix, no stack trace.
 */
final class BridgeConfigurationFailureAnalyzer extends AbstractFailureAnalyzer<InvalidConfigurationException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, InvalidConfigurationException cause) {
        return new FailureAnalysis(cause.getMessage(), "Correct the bridge's keys above in your application.yml or"
                + " application.properties (docs/configuration.md lists each with its default).", cause);
    }
}
