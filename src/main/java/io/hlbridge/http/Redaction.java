package io.hlbridge.http;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * What of a server's error body may be logged: the secrets the request carried (a server may echo the request) and
 * anything shaped like credentials are masked, white space is folded, and the rest is cut short.
 */
public final class Redaction {
    private static final Pattern CREDENTIALS = Pattern.compile("(?i)\\b(basic|bearer)\\s+[A-Za-z0-9+/=._~-]{6,}");
    private static final int LONGEST = 200;

    private Redaction() {
    }

    /**
     * @param user    the user of the Basic credentials the request carried, or null
     * @param secrets the passwords and tokens the request carried (nulls ignored)
     */
    public static String of(String text, String user, String... secrets) {
        String t = text;
        for (String secret : secrets) {
            if (secret == null || secret.isEmpty()) {
                continue;
            }
            if (user != null) {
                t = t.replace(Base64.getEncoder().encodeToString((user + ":" + secret)
                        .getBytes(StandardCharsets.UTF_8)), "***");
            }
            t = t.replace(secret, "***");
        }
        t = CREDENTIALS.matcher(t).replaceAll("$1 ***").strip().replaceAll("\\s+", " ");
        return t.length() > LONGEST ? t.substring(0, LONGEST) + "..." : t;
    }
}
