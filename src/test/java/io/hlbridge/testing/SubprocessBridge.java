package io.hlbridge.testing;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.hlbridge.BridgeApplication;

/**
 * The bridge in its own JVM (the same classes and routes/ folder, configured by -D system properties), so a test can
 * {@code kill -9} it mid-burst, stop it with SIGTERM, see it refuse to start, or run it inside another application.
 * Each process writes its own log file under the test logs (which the secrets scan reads).
 */
public final class SubprocessBridge implements AutoCloseable {
    private static final AtomicInteger STARTED = new AtomicInteger();
    private final Map<String, String> properties;
    private final int port;
    private final Map<String, String> environment = new HashMap<>();
    private File directory;
    private Path jar;
    private String mainClass = BridgeApplication.class.getName();
    private List<String> classpathFirst = List.of();
    private List<String> jvmOptions = List.of("-Xmx512m");
    private Path log;
    private Process process;

    public SubprocessBridge(Map<String, String> properties) {
        this.properties = properties;
        this.port = Integer.parseInt(properties.getOrDefault("camel.server.port", "0"));
    }

    /** Environment variables of the bridge's JVM, on top of the test's own. */
    public SubprocessBridge environment(String name, String value) {
        environment.put(name, value);
        return this;
    }

    /** Runs this jar ({@code java -jar}) instead of the test classpath: the bridge exactly as shipped. */
    public SubprocessBridge jar(Path runnerJar) {
        this.jar = runnerJar;
        return this;
    }

    /** Working directory of the bridge's JVM (where it looks for application.properties and routes/). */
    public SubprocessBridge directory(Path dir) {
        this.directory = dir.toFile();
        return this;
    }

    /** Another main class on the test classpath (an application embedding the bridge), with entries put first. */
    public SubprocessBridge application(String className, List<Path> beforeClasspath) {
        this.mainClass = className;
        this.classpathFirst = List.copyOf(beforeClasspath.stream().map(Path::toString).toList());
        return this;
    }

    /** Options of the JVM (the heap size, say) instead of {@code -Xmx512m}. */
    public SubprocessBridge jvm(String... options) {
        this.jvmOptions = List.of(options);
        return this;
    }

    /** The JVM's process id, to read what it holds (its open files, under /proc). */
    public long pid() {
        return process.pid();
    }

    /** Whether the JVM still runs. */
    public boolean alive() {
        return process.isAlive();
    }

    /** Waits at most {@code timeout} for the JVM to end on its own; its exit code, or -1 if it still runs. */
    public int awaitExit(Duration timeout) throws InterruptedException {
        return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS) ? process.exitValue() : -1;
    }

    /**
     * Starts the JVM and waits until its webhook route answers: Camel binds the port before the routes start, and a
     * webhook posted in between is answered 404 (seen as too few acknowledged webhooks in a kill test). A bridge given
     * a working directory or HIGHLEVEL_WEBHOOK_PATH is waited for on its port only.
     */
    public SubprocessBridge start() throws Exception {
        launch();
        awaitListening(port);
        if (directory != null || environment.containsKey("HIGHLEVEL_WEBHOOK_PATH")) {
            return this; // its webhook path may come from a file or the environment: the port is all we know
        }
        java.net.http.HttpClient client = java.net.http.HttpClient.newHttpClient();
        URI url = webhookUrl();
        long deadline = System.currentTimeMillis() + 60_000;
        while (true) {
            int status = -1;
            try {
                status = client.send(java.net.http.HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(10)).build(),
                        java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode(); // GET: 405 once routed
            } catch (IOException e) {
                // not answering yet
            }
            if (status != -1 && status != 404) {
                return this;
            }
            if (!process.isAlive() || System.currentTimeMillis() > deadline) {
                throw new AssertionError("the webhook route of " + url + " did not answer (" + status + "); its log:\n"
                        + log());
            }
            Thread.sleep(50);
        }
    }

    /** Waits until the process listens on {@code port}; fails with its log when it ends first or takes over a minute. */
    public void awaitListening(int port) throws Exception {
        try {
            Ports.awaitListening(port, Duration.ofSeconds(60), process);
        } catch (IllegalStateException e) {
            throw new AssertionError(e.getMessage() + "; its log:\n" + log(), e);
        }
    }

    /** Starts the JVM and returns at once. */
    public SubprocessBridge runAsync() throws IOException {
        launch();
        return this;
    }

    /** Starts the JVM and waits for it to end on its own; returns its exit code. */
    public int runUntilExit(Duration timeout) throws Exception {
        launch();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            kill();
            throw new AssertionError("the bridge was still running after " + timeout + ":\n" + log());
        }
        return process.exitValue();
    }

    private void launch() throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(System.getProperty("java.home") + File.separator + "bin" + File.separator + "java");
        cmd.addAll(jvmOptions);
        properties.forEach((k, v) -> cmd.add("-D" + k + "=" + v));
        if (jar != null) {
            cmd.add("-jar");
            cmd.add(jar.toAbsolutePath().toString());
        } else {
            List<String> classpath = new ArrayList<>(classpathFirst);
            classpath.add(System.getProperty("java.class.path"));
            cmd.add("-cp");
            cmd.add(String.join(File.pathSeparator, classpath));
            cmd.add(mainClass);
        }
        log = TestLogs.file("subprocess-" + ProcessHandle.current().pid() + "-" + STARTED.incrementAndGet() + "-" + port
                + ".log").toPath();
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).directory(directory)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        pb.environment().putAll(environment);
        process = pb.start();
    }

    /** The management server's port (camel.management.port as configured). */
    public int managementPort() {
        return Integer.parseInt(properties.getOrDefault("camel.management.port", "8081"));
    }

    public URI webhookUrl() {
        return URI.create("http://127.0.0.1:" + port + properties.getOrDefault("highlevel.webhook.path",
                "/webhooks/highlevel"));
    }

    /** Everything the JVM printed so far. */
    public String log() throws IOException {
        return log == null || !Files.exists(log) ? "" : Files.readString(log, StandardCharsets.UTF_8);
    }

    /** SIGTERM, as a service manager stops the bridge; returns the exit code once it ended. */
    public int terminate(Duration timeout) throws Exception {
        process.destroy();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            kill();
            throw new AssertionError("the bridge did not stop within " + timeout + " of SIGTERM");
        }
        return process.exitValue();
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
