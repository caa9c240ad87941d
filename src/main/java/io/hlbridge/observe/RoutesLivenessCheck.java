package io.hlbridge.observe;

import java.util.Map;

import org.apache.camel.Route;
import org.apache.camel.ServiceStatus;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * Liveness: every route of the bridge runs (a route that stopped is a bridge that stopped syncing, whatever its
 * process says). Camel's own checks report routes for readiness only.
 */
public final class RoutesLivenessCheck extends AbstractHealthCheck {

    public RoutesLivenessCheck() {
        super("bridge", "routes");
    }

    @Override
    public boolean isReadiness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        int stopped = 0;
        for (Route r : getCamelContext().getRoutes()) {
            ServiceStatus s = getCamelContext().getRouteController().getRouteStatus(r.getRouteId());
            builder.detail("route." + r.getRouteId(), s == null ? "unknown" : s.name());
            stopped += s == ServiceStatus.Started ? 0 : 1;
        }
        if (stopped == 0) {
            builder.up();
        } else {
            builder.message(stopped + " route(s) not running").down();
        }
    }
}
