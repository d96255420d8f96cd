package cloud.swas.support;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * The Node programs under {@code src/test/node} that drive the service with the official Node SDKs. Their
 * packages come from the npm registry on first use; where Node, npm or the registry is not there, the
 * tests that need them are skipped (an assumption, with the reason logged), never failed.
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
        List<String> command = new java.util.ArrayList<>();
        command.add("node");
        command.addAll(scriptAndArguments);
        Result result = run(command, timeoutSeconds);
        if (result.exitCode() != 0) {
            throw new AssertionError(command + " exited with " + result.exitCode() + ":\n" + result.output());
        }
        return result.output();
    }

    private static void skipUnless(boolean condition, String reason) {
        if (!condition) {
            LOG.warnf("Skipping the Node SDK test: %s", reason);
        }
        assumeTrue(condition, reason);
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
        Process process = new ProcessBuilder(command).directory(DIR).redirectErrorStream(true).start();
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            return new Result(-1, command + " did not finish in " + timeoutSeconds + " s");
        }
        return new Result(process.exitValue(), new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }
}
