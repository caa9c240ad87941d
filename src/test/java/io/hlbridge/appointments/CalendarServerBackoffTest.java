package io.hlbridge.appointments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * CalendarServerBackoff's rule row by row: work for connections a and b of location L, two works allowed per key
 * (four workers). Busy: works in flight per key; slow: keys answering slowly; failing: connection=seconds until its
 * next probe (negative: due already).
 */
class CalendarServerBackoffTest {
    static final long NOW = 1_000_000;

    @ParameterizedTest(name = "targets {0}, busy {1}, slow {2}, failing {3} -> {4}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            # targets | busy         | slow       | failing      | verdict
            a         | -            | -          | -            | go
            a         | a=1          | -          | -            | go
            a         | a=2          | -          | -            | wait its turn
            a,b       | b=2          | -          | -            | wait its turn
            a         | location:L=2 | -          | -            | wait its turn
            a         | a=1          | a          | -            | wait its turn
            a         | -            | a          | -            | go
            a         | location:L=1 | location:L | -            | wait its turn
            a         | -            | -          | a=30         | wait until 30
            a,b       | -            | -          | a=30,b=10    | wait until 10
            a,b       | -            | -          | a=30         | go
            a         | -            | -          | a=-1         | go
            a,b       | -            | -          | a=30,b=-1    | go
            -         | -            | -          | a=30         | go
            a         | a=2          | -          | a=30         | wait its turn
            """)
    void row(String targets, String busy, String slow, String failing, String verdict) {
        Set<String> t = set(targets);
        Set<String> keys = new LinkedHashSet<>(t);
        keys.add("location:L");
        Map<String, Integer> inWork = new HashMap<>();
        map(busy).forEach((k, v) -> inWork.put(k, (int) (long) v));
        Map<String, Long> until = new HashMap<>();
        map(failing).forEach((k, v) -> until.put(k, NOW + v * 1000));
        CalendarServerBackoff.Verdict v = CalendarServerBackoff.decide(t, keys, inWork, set(slow), until, 2, NOW);
        String said = !v.waits() ? "go" : v.waitReason().contains("waits its turn") ? "wait its turn"
                : "wait until " + (v.until() - NOW) / 1000;
        assertEquals(verdict, said, String.valueOf(v));
        if (v.waits()) {
            assertTrue(v.spread() > 0, "waiting work comes back spread out");
        }
    }

    private static Set<String> set(String csv) {
        return csv == null ? Set.of() : new LinkedHashSet<>(Arrays.asList(csv.split(",")));
    }

    private static Map<String, Long> map(String csv) {
        Map<String, Long> m = new HashMap<>();
        for (String pair : set(csv)) {
            String[] kv = pair.split("=");
            m.put(kv[0], Long.parseLong(kv[1]));
        }
        return m;
    }
}
