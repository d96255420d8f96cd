package cloud.swas.api;

import static org.assertj.core.api.Assertions.assertThat;

import cloud.swas.support.Api;
import cloud.swas.support.ErrorAssertions;
import cloud.swas.support.LogCapture;
import cloud.swas.support.Db;
import cloud.swas.support.TestAccount;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A failure inside an operation (here: the database refusing the history insert, through a trigger)
 * becomes 500 InternalError in the requested format, with nothing internal in the body, and the
 * operation's transaction leaves no trace.
 */
@QuarkusTest
class InternalErrorTest {

    private static final String LEAK = "secret_internal_detail";

    @Inject
    Db db;

    private String imageId;

    @BeforeEach
    void breakHistoryInsertsForOneImage() {
        imageId = Api.createImage(TestAccount.A, "cn-hangzhou", "internal-error-" + java.util.UUID.randomUUID());
        db.execute("CREATE OR REPLACE FUNCTION swas_test_refuse() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
                + "RAISE EXCEPTION 'refused: SELECT * FROM " + LEAK + "'; END $$");
        db.execute("CREATE TRIGGER swas_test_refuse_" + imageId.replace("-", "_")
                + " BEFORE INSERT ON image_share_history FOR EACH ROW WHEN (NEW.image_id = '" + imageId
                + "') EXECUTE FUNCTION swas_test_refuse()");
    }

    @AfterEach
    void repair() {
        db.execute("DROP TRIGGER IF EXISTS swas_test_refuse_" + imageId.replace("-", "_") + " ON image_share_history");
    }

    private Api share() {
        return Api.call(TestAccount.A, "ModifyImageShareStatus")
                .param("RegionId", "cn-hangzhou").param("ImageId", imageId).param("Operation", "Share");
    }

    @Test
    void jsonInternalErrorRevealsNothing() {
        Response response;
        try (LogCapture log = LogCapture.of("cloud.swas.rpc.RpcGateway")) {
            response = share().post();
            assertLoggedUnderItsRequestId(log, response.header("x-acs-request-id"));
        }
        ErrorAssertions.assertJsonError(response, 500, "InternalError",
                "An error occurred while processing your request.");
        assertNoInternals(response.asString());
        assertUnchanged();
    }

    @Test
    void xmlInternalErrorRevealsNothing() {
        Response response;
        try (LogCapture log = LogCapture.of("cloud.swas.rpc.RpcGateway")) {
            response = share().xml().post();
            assertLoggedUnderItsRequestId(log, response.header("x-acs-request-id"));
        }
        ErrorAssertions.assertXmlError(response, 500, "InternalError",
                "An error occurred while processing your request.");
        assertNoInternals(response.asString());
        assertUnchanged();
    }

    /** The stack trace goes to the log, as an ERROR under the call's RequestId (captured here, off the console). */
    private static void assertLoggedUnderItsRequestId(LogCapture log, String requestId) {
        assertThat(log.records()).filteredOn(r -> r.getLevel().intValue() >= java.util.logging.Level.SEVERE.intValue())
                .singleElement().satisfies(r -> {
                    assertThat(r.getMdc("requestId")).isEqualTo(requestId);
                    assertThat(r.getThrown()).isNotNull();
                });
    }

    private static void assertNoInternals(String body) {
        assertThat(body).doesNotContain(LEAK, "SELECT", "Exception", "org.", "java.", "cloud.swas", "\tat ",
                "image_share_history");
    }

    private void assertUnchanged() {
        assertThat(db.single("SELECT in_share FROM custom_image WHERE account_id = ? AND image_id = ?",
                TestAccount.A.accountId(), imageId)).isEqualTo(false);
        assertThat(db.count("SELECT count(*) FROM image_share_history WHERE image_id = ?", imageId)).isZero();
    }
}
