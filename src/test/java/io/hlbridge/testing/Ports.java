package io.hlbridge.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Free loopback ports and waiting for a server to listen.
 *
 * <p>
 * A port handed to a process that binds it seconds later must not come from the kernel's ephemeral range: there any
 * outgoing connection (a database pool, a relay, an HTTP client) may take it as its local port in the meantime, and
 * the process then fails to bind (CI saw a node's management port taken so). A client polling a port of that range
 * that nothing listens on can even connect to itself. So ports come from below the ephemeral range, each at most once
 * per JVM, starting at an offset from the process id so that concurrent test JVMs rarely try the same ones.
 */
public final class Ports {
    private static final int LOWEST = 10_000;
    private static final int ABOVE_HIGHEST = ephemeralStart();
    private static final AtomicInteger NEXT = new AtomicInteger(
            LOWEST + (int) (ProcessHandle.current().pid() * 211 % (ABOVE_HIGHEST - LOWEST)));

    private Ports() {
    }

    public static int free() {
        int span = ABOVE_HIGHEST - LOWEST;
        for (int tries = 0; tries < span; tries++) {
            int port = LOWEST + Math.floorMod(NEXT.getAndIncrement() - LOWEST, span);
            if (bindable(port)) {
                return port;
            }
        }
        throw new IllegalStateException("no free port in " + LOWEST + ".." + (ABOVE_HIGHEST - 1));
    }

    private static boolean bindable(int port) {
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress("0.0.0.0", port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** The first port of Linux's ephemeral range; 32768 (its usual start, and IANA's 49152 is above it) elsewhere. */
    private static int ephemeralStart() {
        try {
            String[] range = Files.readString(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).trim().split("\\s+");
            return Math.max(LOWEST + 1_000, Math.min(32_768, Integer.parseInt(range[0])));
        } catch (IOException | RuntimeException e) {
            return 32_768;
        }
    }

    public static void awaitListening(int port, Duration timeout, Process process) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < end) {
            if (process != null && !process.isAlive()) {
                throw new IllegalStateException("process exited with " + process.exitValue() + " before listening on " + port);
            }
            try (Socket s = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException e) {
                Thread.sleep(50);
            }
        }
        throw new IllegalStateException("nothing listens on port " + port + " after " + timeout);
    }
}
