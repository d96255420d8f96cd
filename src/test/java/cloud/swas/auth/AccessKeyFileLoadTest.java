package cloud.swas.auth;

import static org.assertj.core.api.Assertions.assertThat;

import cloud.swas.support.Api;
import cloud.swas.support.Db;
import cloud.swas.support.TestAccount;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.List;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * 100,000 keys from one file: all stored, any of them works, and a second read of the unchanged content
 * writes nothing (the digests match). How long it takes is logged; the README has the measured figure.
 */
@QuarkusTest
class AccessKeyFileLoadTest {

    private static final Logger LOG = Logger.getLogger(AccessKeyFileLoadTest.class);
    private static final int KEYS = 100_000;

    @Inject
    AccessKeyFile file;

    @Inject
    Db db;

    private final String prefix = "AKBULK" + TestAccount.fresh("BULK").accountId() + "X";

    @AfterEach
    void cleanUp() {
        db.update("DELETE FROM access_key WHERE access_key_id LIKE ?", prefix + "%");
    }

    @Test
    void oneHundredThousandKeysLoadFromOneFile() {
        long firstAccount = TestAccount.fresh("BULKACCOUNT").accountId() * 10;
        StringBuilder content = new StringBuilder(KEYS * 60);
        for (int i = 0; i < KEYS; i++) {
            content.append(firstAccount + i % 1000).append(':').append(prefix).append(i).append(":secret-").append(i)
                    .append('\n');
        }
        long started = System.nanoTime();
        assertThat(file.apply(Path.of("generated"), content.toString()).written()).isEqualTo(KEYS);
        LOG.infof("%d keys applied in %d ms", KEYS, (System.nanoTime() - started) / 1_000_000);

        assertThat(db.count("SELECT count(*) FROM access_key WHERE from_file AND status = 'Active' "
                + "AND access_key_id LIKE ?", prefix + "%")).isEqualTo(KEYS);
        for (int i : List.of(0, 4242, KEYS - 1)) {
            TestAccount key = new TestAccount(firstAccount + i % 1000, prefix + i, "secret-" + i);
            Api.call(key, "ListCustomImages").param("RegionId", "cn-hangzhou").post().then().statusCode(200);
        }

        assertThat(file.apply(Path.of("generated"), content.toString()).written()).as("unchanged: nothing written")
                .isZero();
        assertThat(db.count("SELECT count(*) FROM access_key WHERE from_file AND status = 'Active' "
                + "AND access_key_id LIKE ?", prefix + "%")).isEqualTo(KEYS);
    }
}
