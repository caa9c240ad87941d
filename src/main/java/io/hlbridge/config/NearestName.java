package io.hlbridge.config;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/** The known name closest to a misspelt one (edit distance), for "did you mean" in configuration errors. */
public final class NearestName {
    private NearestName() {
    }

    /** {@code "; did you mean X?"} when a known name is close enough to be a likely typo, else empty. */
    public static String suggestion(String wrong, Collection<String> known) {
        return nearest(wrong, known).map(n -> "; did you mean " + n + "?").orElse("");
    }

    /** The known name close enough to {@code wrong} to be a likely typo of it. */
    public static Optional<String> nearest(String wrong, Collection<String> known) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        String w = wrong.toLowerCase(Locale.ROOT);
        for (String k : known) {
            int d = distance(w, k.toLowerCase(Locale.ROOT));
            if (d < bestDistance) {
                best = k;
                bestDistance = d;
            }
        }
        boolean close = best != null && bestDistance <= Math.max(2, Math.min(wrong.length(), best.length()) / 3);
        return close ? Optional.of(best) : Optional.empty();
    }

    /** Levenshtein distance. */
    static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
