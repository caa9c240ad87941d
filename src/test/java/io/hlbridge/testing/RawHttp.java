package io.hlbridge.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP as an attacker writes it: the exact bytes of a request (any Host, both Content-Length and Transfer-Encoding, an
 * h2c upgrade, the HTTP/2 preface) over a plain socket, which Java's HTTP client will not send.
 */
public final class RawHttp {
    /** What came back: the first answer's status and headers (names in lower case), and every byte read. */
    public record Answer(int status, Map<String, String> headers, String text, boolean closed) {
        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    private RawHttp() {
    }

    /** Sends {@code request} (then {@code more}, if any, after the first answer's head) and reads for up to 3 s. */
    public static Answer send(int port, String request, byte[]... more) throws IOException {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(1500);
            s.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            s.getOutputStream().flush();
            for (byte[] m : more) {
                s.getOutputStream().write(m);
            }
            s.getOutputStream().flush();
            ByteArrayOutputStream read = new ByteArrayOutputStream();
            boolean closed = readUntilQuiet(s.getInputStream(), read);
            String text = read.toString(StandardCharsets.ISO_8859_1);
            return new Answer(status(text), headers(text), text, closed);
        }
    }

    /** Reads until the peer closes (true) or is quiet for the socket's timeout (false), at most 3 s. */
    private static boolean readUntilQuiet(InputStream in, ByteArrayOutputStream into) throws IOException {
        long end = System.currentTimeMillis() + 3000;
        byte[] buf = new byte[8192];
        while (System.currentTimeMillis() < end) {
            int n;
            try {
                n = in.read(buf);
            } catch (SocketTimeoutException e) {
                return false;
            } catch (IOException e) {
                return true; // reset
            }
            if (n < 0) {
                return true;
            }
            into.write(buf, 0, n);
        }
        return false;
    }

    private static int status(String text) {
        if (!text.startsWith("HTTP/1.")) {
            return -1;
        }
        return Integer.parseInt(text.substring(9, 12));
    }

    private static Map<String, String> headers(String text) {
        Map<String, String> h = new LinkedHashMap<>();
        int end = text.indexOf("\r\n\r\n");
        if (end < 0) {
            return h;
        }
        String[] lines = text.substring(0, end).split("\r\n");
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                h.putIfAbsent(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                        lines[i].substring(colon + 1).trim());
            }
        }
        return h;
    }

    /** The HTTP/2 connection preface, an empty SETTINGS frame, and a GET of {@code path} as stream 1 (HPACK literals). */
    public static byte[] http2Get(String authority, String path) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        out.writeBytes(new byte[] {0, 0, 0, 4, 0, 0, 0, 0, 0}); // SETTINGS, empty
        ByteArrayOutputStream block = new ByteArrayOutputStream();
        for (String[] f : new String[][] {{":method", "GET"}, {":scheme", "http"}, {":path", path},
                {":authority", authority}}) {
            block.write(0); // literal header field without indexing, new name
            block.write(f[0].length());
            block.writeBytes(f[0].getBytes(StandardCharsets.ISO_8859_1));
            block.write(f[1].length());
            block.writeBytes(f[1].getBytes(StandardCharsets.ISO_8859_1));
        }
        int len = block.size();
        out.writeBytes(new byte[] {(byte) (len >> 16), (byte) (len >> 8), (byte) len, 1, 5, 0, 0, 0, 1}); // HEADERS
        out.writeBytes(block.toByteArray());
        return out.toByteArray();
    }
}
