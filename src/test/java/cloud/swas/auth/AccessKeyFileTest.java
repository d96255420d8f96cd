package cloud.swas.auth;

import static org.assertj.core.api.Assertions.assertThat;

import cloud.swas.support.Api;
import cloud.swas.support.Await;
import cloud.swas.support.LogCapture;
import cloud.swas.support.TestAccount;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/**
 * Keys from a file that changes while the service runs, replaced the way Kubernetes updates a mounted
 * Secret (a new file moved over the old one): new keys work, keys marked Inactive or removed stop working
 * within the poll interval, keys that stay never fail, and a malformed file changes nothing.
 */
@QuarkusTest
@TestProfile(AccessKeyFileTest.KeyFile.class)
class AccessKeyFileTest {

    static final Path FILE = tempFile();

    private static Path tempFile() {
        try {
            Path dir = Files.createTempDirectory("swas-keys");
            return dir.resolve("keys");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static class KeyFile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            write("# written before start-up\n");
            return Map.of("swas.auth.access-keys-file", FILE.toString(), "swas.auth.access-keys-file-poll", "200ms",
                    "swas.auth.key-cache-ttl", "10s");
        }
    }

    /** A new file moved over the old one: readers see the old content or the new, never a half-written one. */
    private static void write(String content) {
        try {
            Path next = Files.createTempFile(FILE.getParent(), "next", ".tmp");
            Files.writeString(next, content);
            Files.move(next, FILE, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String line(TestAccount key, String status) {
        return key.accountId() + ":" + key.accessKeyId() + ":" + key.secret() + (status == null ? "" : ":" + status);
    }

    private static Response list(TestAccount key) {
        return Api.call(key, "ListCustomImages").param("RegionId", "cn-hangzhou").post();
    }

    private static void await(String what, BooleanSupplier condition) {
        Await.until(what, condition, Duration.ofSeconds(10));
    }

    @Test
    void aRotationAppliesWithinThePollIntervalAndKeysThatStayNeverFail() throws Exception {
        TestAccount stays = TestAccount.fresh("FILESTAY");
        TestAccount removed = TestAccount.fresh("FILEGONE");
        TestAccount deactivated = TestAccount.fresh("FILEOFF");
        TestAccount added = TestAccount.fresh("FILENEW");
        TestAccount colons = new TestAccount(TestAccount.fresh("FILECOLON").accountId(), "AKFILECOLON" + System.nanoTime(),
                "with:colons:Active");
        write(String.join("\n", "# the first version", line(stays, null), line(removed, "Active"),
                line(deactivated, null), line(colons, "Active"), ""));
        await("the first version in force", () -> list(deactivated).statusCode() == 200);
        list(stays).then().statusCode(200);
        list(removed).then().statusCode(200);
        list(colons).then().statusCode(200);

        AtomicBoolean rotating = new AtomicBoolean(true);
        AtomicInteger calls = new AtomicInteger();
        AtomicInteger failures = new AtomicInteger();
        CompletableFuture<Void> steady = CompletableFuture.runAsync(() -> {
            while (rotating.get()) {
                calls.incrementAndGet();
                if (list(stays).statusCode() != 200) {
                    failures.incrementAndGet();
                }
            }
        });
        write(String.join("\n", line(stays, null), line(deactivated, "Inactive"), line(added, null),
                line(colons, "Active"), ""));
        await("the new key works", () -> list(added).statusCode() == 200);
        await("the removed key stops", () -> "InvalidAccessKeyId.Inactive".equals(list(removed).jsonPath().getString("Code")));
        await("the deactivated key stops",
                () -> "InvalidAccessKeyId.Inactive".equals(list(deactivated).jsonPath().getString("Code")));
        rotating.set(false);
        steady.get(30, TimeUnit.SECONDS);

        assertThat(calls.get()).as("calls with the key that stayed").isPositive();
        assertThat(failures.get()).as("failed calls with the key that stayed").isZero();
        list(colons).then().statusCode(200);
    }

    @Test
    void aMalformedFileIsLoggedWithoutItsSecretsAndChangesNothing() throws Exception {
        TestAccount kept = TestAccount.fresh("FILEKEPT");
        TestAccount wouldBeNew = TestAccount.fresh("FILEBAD");
        write(line(kept, null) + "\n");
        await("the key in force", () -> list(kept).statusCode() == 200);

        try (LogCapture log = LogCapture.of("cloud.swas.auth.AccessKeyFile")) {
            write(String.join("\n", line(wouldBeNew, null), "not-a-number:AKX:leaked-secret-text", line(kept, "Inactive"),
                    ""));
            await("the malformed file noticed", () -> log.records().stream()
                    .anyMatch(r -> r.getFormattedMessage().contains("malformed")));
            assertThat(log.records()).allSatisfy(r -> assertThat(r.getFormattedMessage())
                    .doesNotContain("leaked-secret-text", wouldBeNew.secret(), kept.secret()));
            assertThat(log.records()).anySatisfy(r -> assertThat(r.getFormattedMessage()).contains("[2]"));
        }
        list(kept).then().statusCode(200);
        assertThat(list(wouldBeNew).jsonPath().getString("Code")).isEqualTo("InvalidAccessKeyId.NotFound");
    }

    @Test
    void keysFromElsewhereAreNotTheFilesToRemove() throws Exception {
        TestAccount onlyInFile = TestAccount.fresh("FILEONLY");
        write(line(onlyInFile, null) + "\n");
        await("the file without A, B and C in force", () -> list(onlyInFile).statusCode() == 200);
        // A, B and C come from swas.auth.access-keys, not from the file.
        for (TestAccount account : List.of(TestAccount.A, TestAccount.B, TestAccount.C)) {
            list(account).then().statusCode(200);
        }
    }
}
