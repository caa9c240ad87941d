package io.hlbridge.testing;

import java.io.IOException;
import java.net.InetSocketAddress;

import com.sun.net.httpserver.HttpServer;

/**
 * The JDK's HTTP server on 127.0.0.1 with TCP_NODELAY: it writes a response's headers and body separately, and
 * without it Nagle's algorithm and the client's delayed ACK hold each answer about 40 ms, which would make the
 * sandbox and the test responders look slow to the bridge.
 */
public final class LoopbackServer {
    private LoopbackServer() {
    }

    public static HttpServer create(int port, int backlog) throws IOException {
        System.setProperty("sun.net.httpserver.nodelay", "true"); // read when the first server of the JVM starts
        return HttpServer.create(new InetSocketAddress("127.0.0.1", port), backlog);
    }
}
