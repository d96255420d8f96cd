package cloud.swas.db;

import static org.assertj.core.api.Assertions.assertThat;

import cloud.swas.support.Api;
import cloud.swas.support.Db;
import cloud.swas.support.ErrorAssertions;
import cloud.swas.support.TestAccount;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every connection carries a lock and a statement timeout (swas.db.*, short here): a call that runs into
 * one gets 503 ServiceUnavailable with x-acs-retry-after, never InternalError, and changes nothing.
 */
@QuarkusTest
@TestProfile(DatabaseTimeoutsTest.ShortBounds.class)
class DatabaseTimeoutsTest {

    public static class ShortBounds implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("swas.db.lock-timeout", "1s", "swas.db.statement-timeout", "2s",
                    "swas.db.retry-after", "1500ms");
        }
    }

    private static final String MESSAGE = "The request has failed due to a temporary failure of the server.";

    @Inject
    Db db;

    private static Api share(String imageId, boolean withToken) {
        Api call = Api.call(TestAccount.A, "ModifyImageShareStatus").param("RegionId", "cn-hangzhou")
                .param("ImageId", imageId).param("Operation", "Share");
        return withToken ? call.param("ClientToken", UUID.randomUUID().toString()) : call;
    }

    private void assertUnchanged(String imageId) {
        assertThat(db.single("SELECT in_share FROM custom_image WHERE account_id = ? AND image_id = ?",
                TestAccount.A.accountId(), imageId)).isEqualTo(false);
        assertThat(db.count("SELECT count(*) FROM image_share_history WHERE account_id = ? AND image_id = ?",
                TestAccount.A.accountId(), imageId)).isZero();
    }

    @ParameterizedTest(name = "with ClientToken: {0}")
    @ValueSource(booleans = {false, true})
    void aRowLockedPastTheLockTimeoutIsServiceUnavailable(boolean withToken) throws Exception {
        String imageId = Api.createImage(TestAccount.A, "cn-hangzhou", "lock-timeout-" + withToken);
        CompletableFuture<Response> call;
        try (Db.RowLock held = db.lock("SELECT 1 FROM custom_image WHERE account_id = ? AND image_id = ? FOR UPDATE",
                TestAccount.A.accountId(), imageId)) {
            call = CompletableFuture.supplyAsync(() -> share(imageId, withToken).post());
            Response response = call.get(30, TimeUnit.SECONDS);
            ErrorAssertions.assertJsonError(response, 503, "ServiceUnavailable", MESSAGE);
            assertThat(response.header("x-acs-retry-after")).isEqualTo("1500");
        }
        assertUnchanged(imageId);
        assertThat(db.count("SELECT count(*) FROM idempotency_token WHERE account_id = ? AND response IS NULL",
                TestAccount.A.accountId())).as("no token left claimed by the failed call").isZero();
        share(imageId, withToken).post().then().statusCode(200);
    }

    @ParameterizedTest(name = "with ClientToken: {0}")
    @ValueSource(booleans = {false, true})
    void aStatementPastTheStatementTimeoutIsServiceUnavailableInXmlToo(boolean withToken) {
        String imageId = Api.createImage(TestAccount.A, "cn-hangzhou", "statement-timeout-" + withToken);
        String trigger = "swas_test_slow_" + imageId.replace("-", "_");
        db.execute("CREATE OR REPLACE FUNCTION swas_test_slow() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
                + "PERFORM pg_sleep(5); RETURN NEW; END $$");
        db.execute("CREATE TRIGGER " + trigger + " BEFORE INSERT ON image_share_history FOR EACH ROW WHEN "
                + "(NEW.image_id = '" + imageId + "') EXECUTE FUNCTION swas_test_slow()");
        try {
            Response response = share(imageId, withToken).xml().post();
            ErrorAssertions.assertXmlError(response, 503, "ServiceUnavailable", MESSAGE);
            assertThat(response.header("x-acs-retry-after")).isEqualTo("1500");
        } finally {
            db.execute("DROP TRIGGER IF EXISTS " + trigger + " ON image_share_history");
        }
        assertUnchanged(imageId);
    }
}
