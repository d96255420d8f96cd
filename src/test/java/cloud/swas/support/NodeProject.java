package cloud.swas.support;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * The Node programs under {@code src/test/node} that drive the service with the official Node SDKs. Their
 * packages come from the npm registry on first use. Where Node, npm or the registry is not there, the tests
 * that need them are skipped on a developer's machine (an assumption, with the reason logged), but fail in CI
 * ({@code CI=true}): there a skip would hide that the official V3 clients were never run.
 */
public final class NodeProject {

    private static final Logger LOG = Logger.getLogger(NodeProject.class);
    private static final File DIR = new File("src/test/node");
    private static final List<String> UNREACHABLE = List.of("ENOTFOUND", "ETIMEDOUT", "EAI_AGAIN", "ECONNREFUSED",
            "ECONNRESET", "ENETUNREACH", "network");

    private NodeProject() {
    }

    /** Makes sure the packages are installed, or skips the calling test. */
    public static void assumeInstalled(String markerPackage) throws Exception {
        skipUnless(works(List.of("node", "--version")) && works(List.of("npm", "--version")),
                "node and npm are not installed");
        if (new File(DIR, "node_modules/" + markerPackage).isDirectory()) {
            return;
        }
        Result ping = run(List.of("npm", "ping"), 60);
        skipUnless(ping.exitCode() == 0, "the npm registry cannot be reached (npm ping: " + firstLine(ping) + ")");
        Result install = run(List.of("npm", "ci", "--no-audit", "--no-fund"), 600);
        if (install.exitCode() != 0 && UNREACHABLE.stream().anyMatch(install.output()::contains)) {
            skipUnless(false, "npm ci could not download the packages: " + firstLine(install));
        }
        if (install.exitCode() != 0) {
            throw new AssertionError("npm ci failed:\n" + install.output());
        }
    }

    /** Runs {@code node <script> <args>} in the Node project; fails the test on a non-zero exit. */
    public static String node(List<String> scriptAndArguments, int timeoutSeconds) throws Exception {
        return node(scriptAndArguments, timeoutSeconds, java.util.Map.of());
    }

    /** {@link #node(List, int)} with extra environment variables (e.g. {@code NODE_EXTRA_CA_CERTS}). */
    public static String node(List<String> scriptAndArguments, int timeoutSeconds, java.util.Map<String, String> env)
            throws Exception {
        List<String> command = new java.util.ArrayList<>();
        command.add("node");
        command.addAll(scriptAndArguments);
        Result result = run(command, timeoutSeconds, env);
        if (result.exitCode() != 0) {
            throw new AssertionError(command + " exited with " + result.exitCode() + ":\n" + result.output());
        }
        return result.output();
    }

    private static void skipUnless(boolean condition, String reason) {
        if (condition) {
            return;
        }
        if (inCi()) {
            throw new AssertionError("The Node SDK tests must run in CI (CI=true), but " + reason);
        }
        LOG.warnf("Skipping the Node SDK test: %s", reason);
        assumeTrue(false, reason);
    }

    /** CI services (and .ci/run) export CI=true; any other value, or none, is a developer's machine. */
    static boolean inCi() {
        return "true".equalsIgnoreCase(System.getenv("CI"));
    }

    private static boolean works(List<String> command) {
        try {
            return run(command, 30).exitCode() == 0;
        } catch (Exception e) {
            return false;
        }
    }

    private static String firstLine(Result result) {
        return result.output().lines().filter(l -> !l.isBlank()).findFirst().orElse("exit " + result.exitCode());
    }

    private record Result(int exitCode, String output) {
    }

    private static Result run(List<String> command, int timeoutSeconds) throws Exception {
        return run(command, timeoutSeconds, java.util.Map.of());
    }

    private static Result run(List<String> command, int timeoutSeconds, java.util.Map<String, String> env)
            throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).directory(DIR).redirectErrorStream(true);
        builder.environment().putAll(env);
        Process process = builder.start();
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            return new Result(-1, command + " did not finish in " + timeoutSeconds + " s");
        }
        return new Result(process.exitValue(), new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }
}
