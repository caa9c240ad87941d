package io.hlbridge;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

import io.hlbridge.runtime.RouteContract;
import org.junit.jupiter.api.Test;

/**
 * docs/edit-routes.md tells route editors which steps they must keep: its table says, for each route, exactly the
 * required steps in the order each flow's contract declares them, and the steps of its error clauses.
 */
class RouteContractsDocumentedTest {

    @Test
    void theTableOfRequiredStepsIsEachFlowsContract() throws Exception {
        List<String[]> rows = Files.readAllLines(Path.of("docs/edit-routes.md")).stream()
                .filter(l -> l.startsWith("| `")).map(l -> l.split("\\|")).toList();
        for (RouteContract contract : RouteContracts.CONTRACTS) {
            String[] row = rows.stream().filter(r -> r[1].contains("`" + contract.routeId() + "`")).findFirst()
                    .orElseThrow(() -> new AssertionError("docs/edit-routes.md has no row for " + contract.routeId()));
            String required = row[2];
            String chain = contract.steps().stream().map(s -> "`" + s + "`").collect(Collectors.joining(" → "));
            assertTrue(required.contains(chain), contract.routeId() + ": the table should say " + chain + ", says "
                    + required);
            for (String step : contract.onException()) {
                assertTrue(required.contains("`" + step + "`"), contract.routeId() + ": the table should name the"
                        + " error clause step " + step + ", says " + required);
            }
        }
    }
}
