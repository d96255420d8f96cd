package cloud.swas.idempotency;

import static org.assertj.core.api.Assertions.assertThat;

import cloud.swas.support.Api;
import cloud.swas.support.Concurrently;
import cloud.swas.support.Db;
import cloud.swas.support.TestAccount;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A short TTL and a short wait bound: expired tokens are purged and reusable; slow firsts make duplicates give up. */
@QuarkusTest
@TestProfile(TokenExpiryAndBoundTest.ShortLived.class)
class TokenExpiryAndBoundTest {

    public static class ShortLived implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("swas.idempotency.ttl", "2s",
                    "swas.idempotency.purge-every", "1s",
                    "swas.idempotency.wait-bound", "300ms");
        }
    }

    @Inject
    Db db;

    private static Api modify(String imageId, String operation, String token) {
        return Api.call(TestAccount.A, "ModifyImageShareStatus").param("RegionId", "cn-hangzhou")
                .param("ImageId", imageId).param("Operation", operation).param("ClientToken", token);
    }

    private long tokenRows(String token) {
        return db.count("SELECT count(*) FROM idempotency_token WHERE account_id = ? AND client_token = ?",
                TestAccount.A.accountId(), token);
    }

    @Test
    void expiredTokenIsPurgedAndUsableAfresh() throws InterruptedException {
        String imageId = Api.createImage(TestAccount.A, "cn-hangzhou", "ttl-token");
        String token = UUID.randomUUID().toString();
        String first = modify(imageId, "Share", token).post().then().statusCode(200).extract().path("RequestId");
        assertThat(tokenRows(token)).isEqualTo(1);

        long deadline = System.currentTimeMillis() + 15_000;
        while (tokenRows(token) > 0 && System.currentTimeMillis() < deadline) {
            Thread.sleep(200);
        }
        assertThat(tokenRows(token)).as("purged by the scheduled job").isZero();

        // Other parameters with the same token: a new request, not a mismatch.
        Response again = modify(imageId, "UnShare", token).post();
        again.then().statusCode(200);
        assertThat(again.header("x-acs-idempotent-replayed")).isNull();
        assertThat(again.jsonPath().getString("RequestId")).isNotEqualTo(first);
        assertThat(db.column("SELECT operation FROM image_share_history WHERE account_id = ? AND image_id = ? "
                + "ORDER BY version", TestAccount.A.accountId(), imageId)).containsExactly("Share", "UnShare");
    }

    @Test
    void duplicatesOfASlowFirstRequestGetLastTokenProcessing() throws Exception {
        String imageId = Api.createImage(TestAccount.A, "cn-hangzhou", "slow-first");
        String trigger = "swas_test_slow_" + imageId.replace("-", "_");
        db.execute("CREATE OR REPLACE FUNCTION swas_test_slow() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
                + "PERFORM pg_sleep(1.5); RETURN NEW; END $$");
        db.execute("CREATE TRIGGER " + trigger + " BEFORE INSERT ON image_share_history FOR EACH ROW WHEN "
                + "(NEW.image_id = '" + imageId + "') EXECUTE FUNCTION swas_test_slow()");
        try {
            String token = UUID.randomUUID().toString();
            List<Response> responses = Concurrently.run(8, i -> modify(imageId, "Share", token).post());

            assertThat(responses).allSatisfy(r -> assertThat(r.statusCode()).isIn(200, 409));
            assertThat(responses.stream().filter(r -> r.statusCode() == 409))
                    .isNotEmpty()
                    .allSatisfy(r -> assertThat(r.jsonPath().getString("Code")).isEqualTo("LastTokenProcessing"));
            assertThat(db.count("SELECT count(*) FROM image_share_history WHERE account_id = ? AND image_id = ?",
                    TestAccount.A.accountId(), imageId)).isEqualTo(1);
        } finally {
            db.execute("DROP TRIGGER IF EXISTS " + trigger + " ON image_share_history");
        }
    }
}
