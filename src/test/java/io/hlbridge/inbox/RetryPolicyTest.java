package io.hlbridge.inbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@link RetryPolicy}, row by row: the delay before each attempt lies in its jitter range, whatever the draw. */
class RetryPolicyTest {
    static final RetryPolicy POLICY = new RetryPolicy(new RetrySettings(Duration.ofSeconds(1), Duration.ofMinutes(10),
            25, Duration.ofMinutes(15)));

    @ParameterizedTest(name = "after {0} attempts, Retry-After {1} ms -> {2}..{3} ms")
    @CsvSource(delimiter = '|', textBlock = """
            0  | -1     | 500     | 1000
            1  | -1     | 1000    | 2000
            3  | -1     | 4000    | 8000
            9  | -1     | 256000  | 512000
            10 | -1     | 300000  | 600000
            40 | -1     | 300000  | 600000
            0  | 5000   | 5000    | 5500
            12 | 5000   | 5000    | 5500
            3  | 120000 | 120000  | 132000
            """)
    void delayWithinItsJitter(int attempts, long retryAfter, long least, long most) {
        for (int draw = 0; draw < 200; draw++) {
            long d = POLICY.delayMillis(attempts, retryAfter);
            assertTrue(d >= least && d <= most, d + " ms not in " + least + ".." + most);
        }
    }

    @Test
    void aRefusedAppleIdWaitsTheCredentialsDelayAndWorkGivesUpAfterMaxAttempts() {
        assertEquals(900_000, POLICY.credentialsDelayMillis());
        assertEquals(25, POLICY.maxAttempts());
    }
}
