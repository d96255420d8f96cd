package cloud.swas.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import cloud.swas.support.TestAccount;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;

/**
 * The README's Java example compiles against the SDK versions it names (those on the test classpath) and,
 * pointed at this test's port and account instead of dev mode's, prints what its comments say.
 */
@QuarkusTest
class ReadmeExampleTest {

    @TestHTTPResource("/")
    URL url;

    @Test
    void theJavaExampleCompilesAndRuns() throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        Matcher block = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL).matcher(readme);
        assertThat(block.find()).as("a java block in README.md").isTrue();
        String source = block.group(1)
                .replace("127.0.0.1:8080", "127.0.0.1:" + url.getPort())
                .replace("LTAI5tDemoSwasDevOnly", TestAccount.A.accessKeyId())
                .replace("DemoSecretForLocalDevelopmentOnly", TestAccount.A.secret());
        Path dir = Files.createTempDirectory("readme-example");
        Path file = dir.resolve("ShareToEcs.java");
        Files.writeString(file, source);

        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
        int status = javac.run(null, diagnostics, diagnostics, "-classpath", System.getProperty("java.class.path"),
                "-d", dir.toString(), file.toString());
        assertThat(status).as(diagnostics.toString(StandardCharsets.UTF_8)).isZero();

        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream original = System.out;
        try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()},
                Thread.currentThread().getContextClassLoader())) {
            System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
            loader.loadClass("ShareToEcs").getMethod("main", String[].class).invoke(null, (Object) new String[0]);
        } finally {
            System.setOut(original);
        }
        List<String> lines = printed.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).contains("InShare=true");
        assertThat(lines.get(1)).isEqualTo("1");
    }
}
