package io.hlbridge.runtime;

import java.util.List;

/**
 * The steps (bean refs) a route must keep, in order, and the steps its error clauses must run, declared by the flow
 * that binds them. The bridge refuses routes that break one (docs/edit-routes.md shows them to route editors).
 *
 * @param routeId the route's id in its YAML file
 * @param steps its required steps, in the order they must run
 * @param onException the steps its routeConfiguration's error clauses must run
 * @param why what breaks without them, for the start-up message
 */
public record RouteContract(String routeId, List<String> steps, List<String> onException, String why) {
    public RouteContract(String routeId, List<String> steps, String why) {
        this(routeId, steps, List.of(), why);
    }
}
