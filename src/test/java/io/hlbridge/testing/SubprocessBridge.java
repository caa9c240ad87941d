package io.hlbridge.testing;

import java.io.File;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.hlbridge.BridgeApplication;

/**
 * The bridge in its own JVM (the same classes and routes/ folder, configured by -D system properties), so a
 * test can {@code kill -9} it mid-burst and start it again on the same database.
 */
public final class SubprocessBridge implements AutoCloseable {
    private final Map<String, String> properties;
    private final int port;
    private final Map<String, String> environment = new java.util.HashMap<>();
    private File directory;
    private java.nio.file.Path jar;
    private Process process;

    public SubprocessBridge(Map<String, String> properties) {
        this.properties = properties;
        this.port = Integer.parseInt(properties.get("camel.server.port"));
    }

    /** Environment variables of the bridge's JVM, on top of the test's own. */
    public SubprocessBridge environment(String name, String value) {
        environment.put(name, value);
        return this;
    }

    /** Runs this jar ({@code java -jar}) instead of the test classpath: the bridge exactly as shipped. */
    public SubprocessBridge jar(java.nio.file.Path runnerJar) {
        this.jar = runnerJar;
        return this;
    }

    /** Working directory of the bridge's JVM (where it looks for application.properties and routes/). */
    public SubprocessBridge directory(java.nio.file.Path dir) {
        this.directory = dir.toFile();
        return this;
    }

    public SubprocessBridge start() throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(System.getProperty("java.home") + File.separator + "bin" + File.separator + "java");
        cmd.add("-Xmx512m");
        properties.forEach((k, v) -> cmd.add("-D" + k + "=" + v));
        if (jar != null) {
            cmd.add("-jar");
            cmd.add(jar.toAbsolutePath().toString());
        } else {
            cmd.add("-cp");
            cmd.add(System.getProperty("java.class.path"));
            cmd.add(BridgeApplication.class.getName());
        }
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).directory(directory)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(TestLogs.file("subprocess-bridge-" + port + ".log")));
        pb.environment().putAll(environment);
        process = pb.start();
        Ports.awaitListening(port, Duration.ofSeconds(60), process);
        return this;
    }

    public URI webhookUrl() {
        return URI.create("http://127.0.0.1:" + port + "/webhooks/highlevel");
    }

    /** SIGKILL: no shutdown hook, no flush, nothing graceful. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws Exception {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                kill();
            }
        }
    }
}
