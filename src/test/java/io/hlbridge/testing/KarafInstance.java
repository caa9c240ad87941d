package io.hlbridge.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A real Apache Karaf, unpacked from the distribution Maven fetched ({@code testing.karaf.archive}), made offline (no
 * remote Maven repositories), given free ports for its SSH console and JMX, and driven as an administrator drives it:
 * {@code bin/start}, {@code bin/client}, {@code bin/stop}. {@link #close()} leaves no Karaf process behind.
 */
public final class KarafInstance implements AutoCloseable {
    private final Path home;
    private final int sshPort = Ports.free();

    private KarafInstance(Path home) {
        this.home = home;
    }

    /** Unpacks the distribution into a new folder and configures it; does not start it. */
    public static KarafInstance unpack() throws Exception {
        Path archive = Path.of(System.getProperty("testing.karaf.archive", "target/karaf/none.tar.gz"));
        if (!Files.isRegularFile(archive)) {
            throw new IllegalStateException("No Karaf distribution at " + archive + " (mvn verify copies it there)");
        }
        Path dir = Files.createTempDirectory("karaf-");
        run(dir, Duration.ofSeconds(60), "tar", "xzf", archive.toAbsolutePath().toString(), "--strip-components=1");
        KarafInstance k = new KarafInstance(dir);
        k.configure();
        return k;
    }

    private void configure() throws IOException {
        // offline: the bundle comes through deploy/, nothing is fetched
        replaceKey("etc/org.ops4j.pax.url.mvn.cfg", "org.ops4j.pax.url.mvn.repositories", "");
        replaceKey("etc/org.apache.karaf.shell.cfg", "sshPort", String.valueOf(sshPort));
        replaceKey("etc/org.apache.karaf.management.cfg", "rmiRegistryPort", String.valueOf(Ports.free()));
        replaceKey("etc/org.apache.karaf.management.cfg", "rmiServerPort", String.valueOf(Ports.free()));
        // bin/client signs in as the karaf user, commented out in the distribution
        Path users = home.resolve("etc/users.properties");
        Files.writeString(users, Files.readString(users).replace("#karaf = ", "karaf = ")
                .replace("#_g_\\:admingroup", "_g_\\:admingroup"));
    }

    /** Sets {@code key} in a Karaf configuration file, replacing its value and any continuation lines. */
    private void replaceKey(String file, String key, String value) throws IOException {
        Path f = home.resolve(file);
        String text = Files.readString(f);
        Pattern p = Pattern.compile("(?m)^" + Pattern.quote(key) + "\\s*=(?:[^\\n]*\\\\\\n)*[^\\n]*$");
        if (!p.matcher(text).find()) {
            throw new IllegalStateException(key + " not in " + f);
        }
        Files.writeString(f, p.matcher(text).replaceFirst(key + " = " + value));
    }

    public Path home() {
        return home;
    }

    /** Writes {@code etc/<pid>.cfg}, which Karaf's file install hands to ConfigAdmin. */
    public void configuration(String pid, Map<String, String> properties) throws IOException {
        Files.writeString(home.resolve("etc/" + pid + ".cfg"), properties.entrySet().stream()
                .map(e -> e.getKey() + " = " + e.getValue().replace("\\", "\\\\")).collect(Collectors.joining("\n", "", "\n")));
    }

    public void deploy(Path bundle) throws IOException {
        Files.copy(bundle, home.resolve("deploy").resolve(bundle.getFileName()));
    }

    /** Adds a folder in Maven's layout to the repositories Karaf reads without fetching (its system folder's kind). */
    public void addLocalRepository(Path repository) throws IOException {
        Path f = home.resolve("etc/org.ops4j.pax.url.mvn.cfg");
        Files.writeString(f, Files.readString(f) + "\norg.ops4j.pax.url.mvn.defaultRepositories = "
                + "file:${karaf.home}/${karaf.default.repository}@id=system.repository@snapshots, "
                + repository.toUri() + "@id=added@snapshots\n");
    }

    public void start() throws Exception {
        run(home, Duration.ofSeconds(60), "bin/start");
    }

    /** Runs a console command through {@code bin/client} (batch mode) and returns what it printed. */
    public String console(String command) throws Exception {
        Process p = withThisJava(new ProcessBuilder("bin/client", "-a", String.valueOf(sshPort), "-u", "karaf",
                "-p", "karaf", "-r", "30", "-d", "2", "-b").directory(home.toFile()).redirectErrorStream(true)).start();
        p.getOutputStream().write((command + "\n").getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
        }
        return out;
    }

    /** {@code bin/stop}, then waits for Karaf's JVM to end; true when it ended by itself. */
    public boolean stop(Duration timeout) throws Exception {
        run(home, Duration.ofSeconds(60), "bin/stop");
        long end = System.nanoTime() + timeout.toNanos();
        while (!processes().isEmpty() && System.nanoTime() < end) {
            Thread.sleep(200);
        }
        return processes().isEmpty();
    }

    /** Karaf's processes: every process whose command line names this installation. */
    public List<ProcessHandle> processes() {
        String marker = "-Dkaraf.home=" + home;
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().map(c -> c.contains(marker)).orElse(false)).toList();
    }

    public String log() throws IOException {
        Path log = home.resolve("data/log/karaf.log");
        return Files.isRegularFile(log) ? Files.readString(log) : "";
    }

    @Override
    public void close() throws Exception {
        processes().forEach(ProcessHandle::destroyForcibly);
        Path log = home.resolve("data/log/karaf.log");
        if (Files.isRegularFile(log)) {
            Files.copy(log, TestLogs.dir().resolve("karaf-" + home.getFileName() + ".log"));
        }
    }

    private static void run(Path dir, Duration timeout, String... command) throws Exception {
        Process p = withThisJava(new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)).start();
        if (!p.waitFor(timeout.toSeconds(), TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IllegalStateException(String.join(" ", command) + " failed in " + dir);
        }
    }

    /** Karaf's scripts run the JVM the tests run on. */
    private static ProcessBuilder withThisJava(ProcessBuilder pb) {
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        return pb;
    }
}
