package io.hlbridge.spring;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;


import org.apache.camel.CamelContext;
import org.apache.camel.health.HealthCheck;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;

/**
 * The bridge's readiness checks (its connections' states, the store, the webhook listener) as one Actuator component,
 * {@code bridge} in {@code /actuator/health}: DOWN when one of them is, with each check's state, message and details.
 * camel-spring-boot's own {@code camelHealth} component shows a check's details only at
 * {@code camel.health.exposure-level=full}, a host key the bridge leaves alone.
 */
final class BridgeHealthIndicator extends AbstractHealthIndicator {
    static final String GROUP = "bridge";
    private final CamelContext camel;

    BridgeHealthIndicator(CamelContext camel) {
        super("The bridge's health checks failed");
        this.camel = camel;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        boolean down = false;
        // the checks the bridge bound, called directly: which of them Camel's health registry takes up in
        // camel-spring-boot depends on the host's camel.health.* keys
        List<HealthCheck> checks = camel.getRegistry().findByType(HealthCheck.class).stream()
                .filter(c -> GROUP.equals(c.getGroup())).sorted(Comparator.comparing(HealthCheck::getId)).toList();
        for (HealthCheck check : checks) {
            HealthCheck.Result r = check.call();
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("state", r.getState().name());
            r.getMessage().ifPresent(m -> detail.put("message", m));
            r.getDetails().forEach((k, v) -> {
                if (!k.startsWith("check.") && !k.startsWith("invocation.") && !k.startsWith("failure.")
                        && !k.startsWith("success.")) {
                    detail.put(k, v);
                }
            });
            builder.withDetail(check.getId(), detail);
            down |= r.getState() == HealthCheck.State.DOWN;
        }
        if (down) {
            builder.down();
        } else {
            builder.up();
        }
    }
}
