package cloud.swas.support;

import java.io.File;
import java.io.IOException;
import java.net.ConnectException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The packaged application ({@code target/quarkus-app/quarkus-run.jar}, prod profile) in a process of the test's
 * own, as an operator runs it: its database is the suite's ({@link TestDatabase}), its port a free one, its output
 * in {@code target/<name>.log}. For what a {@code @QuarkusIntegrationTest} cannot do: signals, JVM options, a
 * second replica.
 */
public final class PackagedService implements AutoCloseable {

    /** The test profile's encryption key: any fixed 32 bytes will do for a test process. */
    private static final String TEST_ENCRYPTION_KEY = "dGVzdC1vbmx5LWVuY3J5cHRpb24ta2V5LTMyLWJ5dGU=";

    private final Process process;
    private final int port;
    private final File log;

    private PackagedService(Process process, int port, File log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** What to start: extra JVM options and environment on top of the defaults. */
    public static final class Options {
        private final List<String> jvmOptions = new ArrayList<>();
        private final Map<String, String> environment = new HashMap<>();
        private final String name;

        public Options(String name) {
            this.name = name;
            // The prod profile's quota of 10 a minute is not what these tests are about unless they say so.
            environment.put("SWAS_THROTTLE_DEFAULT_PER_MINUTE", "1000000");
            environment.put("SWAS_AUTH_ENCRYPTION_KEY", TEST_ENCRYPTION_KEY);
        }

        public Options jvm(String option) {
            jvmOptions.add(option);
            return this;
        }

        public Options env(String name, String value) {
            environment.put(name, value);
            return this;
        }

        /** The access keys the process provisions at start-up ({@code SWAS_ACCESS_KEYS}). */
        public Options accounts(TestAccount... accounts) {
            List<String> entries = new ArrayList<>();
            for (TestAccount account : accounts) {
                entries.add(account.accountId() + ":" + account.accessKeyId() + ":" + account.secret());
            }
            return env("SWAS_ACCESS_KEYS", String.join(",", entries));
        }
    }

    /** Starts the packaged jar against {@code database} and waits until it is ready (at most {@code readyWithin}). */
    public static PackagedService start(TestDatabase database, Options options, Duration readyWithin)
            throws IOException, InterruptedException {
        int port = freePort();
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(options.jvmOptions);
        command.add("-jar");
        command.add("target/quarkus-app/quarkus-run.jar");
        File log = new File("target/" + options.name + ".log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log);
        // Nothing of the test JVM's own datasource settings leaks in beside the database given here.
        builder.environment().keySet().removeIf(key -> key.startsWith("QUARKUS_DATASOURCE_"));
        builder.environment().putAll(database.environment());
        builder.environment().put("QUARKUS_HTTP_PORT", Integer.toString(port));
        builder.environment().putAll(options.environment);
        PackagedService service = new PackagedService(builder.start(), port, log);
        service.awaitReady(readyWithin);
        return service;
    }

    public int port() {
        return port;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    public Process process() {
        return process;
    }

    public File log() {
        return log;
    }

    /** Sends SIGTERM, as Kubernetes does to stop a pod. */
    public void terminate() {
        process.toHandle().destroy();
    }

    /** The HTTP status of a GET of {@code path}; -1 when the connection is refused, -2 on any other failure. */
    public int status(String path) {
        try {
            HttpURLConnection c = (HttpURLConnection) URI.create(baseUrl() + path).toURL().openConnection();
            c.setConnectTimeout(1000);
            c.setReadTimeout(5000);
            return c.getResponseCode();
        } catch (ConnectException e) {
            return -1;
        } catch (IOException e) {
            return -2;
        }
    }

    private void awaitReady(Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (status("/q/health/ready") != 200) {
            if (!process.isAlive()) {
                throw new IllegalStateException("The packaged application exited with " + process.exitValue()
                        + " before it was ready; its output is in " + log);
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("The packaged application was not ready within " + within
                        + "; its output is in " + log);
            }
            Thread.sleep(100);
        }
    }

    /** Stops the process if it still runs (forcibly: a test that wanted a graceful stop has waited for it). */
    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
