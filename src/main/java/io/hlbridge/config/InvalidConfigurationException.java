package io.hlbridge.config;

import java.util.List;

/** The configuration cannot run: every problem found, each naming its key and the fix. */
public class InvalidConfigurationException extends RuntimeException {
    private final List<String> problems;

    public InvalidConfigurationException(List<String> problems) {
        super(message(problems), null, false, false);
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }

    private static String message(List<String> problems) {
        StringBuilder b = new StringBuilder("The bridge's configuration has ").append(problems.size())
                .append(problems.size() == 1 ? " problem:" : " problems:");
        problems.forEach(p -> b.append("\n  - ").append(p));
        return b.toString();
    }
}
