package cloud.swas.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import cloud.swas.support.Api;
import cloud.swas.support.Db;
import cloud.swas.support.ErrorAssertions;
import cloud.swas.support.MutableClock;
import cloud.swas.support.RamFixtures;
import cloud.swas.support.StsCredentials;
import cloud.swas.support.TestAccount;
import cloud.swas.support.V3Call;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Calls with STS credentials (contract 11.6, 11.8): V1 carries the token as the signed {@code SecurityToken}
 * parameter, V3 as the signed {@code x-acs-security-token} header, on every product; the documented errors for a
 * missing, mismatched, malformed and expired token; a session acts in its role's account, stops at exactly its
 * Expiration and within a second of its role's deletion.
 */
@QuarkusTest
class StsCredentialsTest {

    @Inject
    SessionTokens tokens;

    @Inject
    Db db;

    private RamFixtures ram() {
        return new RamFixtures(db);
    }

    private StsCredentials session(TestAccount account, String roleId, String roleName, String sessionName,
                                   Instant expiration) {
        SessionTokens.Issued issued = tokens.issue(account.accountId(), roleId, roleName, sessionName, null, expiration);
        return StsCredentials.of(account.accountId(), issued.accessKeyId(), issued.accessKeySecret(),
                issued.securityToken());
    }

    private StsCredentials newSession(TestAccount account, String label) {
        String roleName = "sts-" + label + "-" + UUID.randomUUID().toString().substring(0, 8);
        String roleId = ram().roleWithPolicies(account.accountId(), roleName, "AliyunSWASFullAccess",
                "AliyunECSReadOnlyAccess");
        return session(account, roleId, roleName, "session-" + label, Instant.now().plus(Duration.ofHours(1)));
    }

    private static Response listV1(StsCredentials credentials) {
        return credentials.call("ListCustomImages").param("RegionId", "cn-hangzhou").post();
    }

    private static Response listV3(StsCredentials credentials) {
        V3Call call = credentials.v3("ListCustomImages").param("RegionId", "cn-hangzhou");
        return call.post(call.authorization());
    }

    @Test
    void aSessionCallsEveryProductWithBothSignatureVersionsInItsRolesAccount() {
        String imageId = Api.createImage(TestAccount.A, "cn-hangzhou", "sts-visible-" + System.nanoTime());
        StsCredentials session = newSession(TestAccount.A, "products");

        assertThat(listV1(session).then().statusCode(200).extract().jsonPath().getList("CustomImages.ImageId"))
                .contains(imageId);
        assertThat(listV3(session).then().statusCode(200).extract().jsonPath().getList("CustomImages.ImageId"))
                .contains(imageId);

        session.call("DescribeImages").param("Version", "2014-05-26").param("RegionId", "cn-hangzhou")
                .param("ImageOwnerAlias", "system").post().then().statusCode(200);
        V3Call ecs = session.v3("DescribeImages").param("RegionId", "cn-hangzhou").param("ImageOwnerAlias", "system");
        ecs.headers.put("x-acs-version", "2014-05-26");
        ecs.post(ecs.authorization()).then().statusCode(200);

        JsonPath identity = session.call("GetCallerIdentity").param("Version", "2015-04-01").post()
                .then().statusCode(200).extract().jsonPath();
        assertThat(identity.getString("IdentityType")).isEqualTo("AssumedRoleUser");
        assertThat(identity.getString("AccountId")).isEqualTo(Long.toString(TestAccount.A.accountId()));
        V3Call sts = session.v3("GetCallerIdentity");
        sts.headers.put("x-acs-version", "2015-04-01");
        assertThat(sts.post(sts.authorization()).then().statusCode(200).extract().jsonPath().getString("IdentityType"))
                .isEqualTo("AssumedRoleUser");
    }

    @Test
    void theAuditTrailRecordsTheSessionsArn() {
        String imageId = Api.createImage(TestAccount.A, "cn-hangzhou", "sts-audit-" + System.nanoTime());
        String roleName = "Auditor" + System.nanoTime();
        String roleId = ram().roleWithPolicies(TestAccount.A.accountId(), roleName, "AliyunSWASFullAccess");
        StsCredentials session = session(TestAccount.A, roleId, roleName, "alice",
                Instant.now().plus(Duration.ofHours(1)));

        session.call("ModifyImageShareStatus").param("RegionId", "cn-hangzhou").param("ImageId", imageId)
                .param("Operation", "Share").post().then().statusCode(200);

        assertThat(db.single("SELECT principal_arn FROM image_share_history WHERE account_id = ? AND image_id = ?",
                TestAccount.A.accountId(), imageId))
                .isEqualTo("acs:ram::" + TestAccount.A.accountId() + ":assumed-role/" + roleName + "/alice");
        assertThat(db.single("SELECT access_key_id FROM image_share_history WHERE account_id = ? AND image_id = ?",
                TestAccount.A.accountId(), imageId)).isEqualTo(session.key().accessKeyId());
    }

    @Test
    void anStsKeyWithoutItsTokenIsMissingSecurityToken() {
        StsCredentials session = newSession(TestAccount.A, "missing");
        ErrorAssertions.assertJsonError(Api.call(session.key(), "ListCustomImages").param("RegionId", "cn-hangzhou")
                .post(), 400, "MissingSecurityToken", "SecurityToken is mandatory for this action.");
        V3Call call = V3Call.call(session.key(), "ListCustomImages").param("RegionId", "cn-hangzhou");
        ErrorAssertions.assertJsonError(call.post(call.authorization()), 400, "MissingSecurityToken",
                "SecurityToken is mandatory for this action.");
    }

    @Test
    void aTokenOfAnotherSessionIsAMismatch() {
        StsCredentials one = newSession(TestAccount.A, "one");
        StsCredentials two = newSession(TestAccount.A, "two");
        StsCredentials crossed = new StsCredentials(one.key(), two.securityToken());
        String message = "Specified SecurityToken mismatch with the AccessKey.";
        ErrorAssertions.assertJsonError(listV1(crossed), 400, "InvalidSecurityToken.MismatchWithAccessKey", message);
        ErrorAssertions.assertJsonError(listV3(crossed), 400, "InvalidSecurityToken.MismatchWithAccessKey", message);
    }

    @Test
    void anAlteredOrForeignTokenIsMalformed() {
        StsCredentials session = newSession(TestAccount.A, "altered");
        String token = session.securityToken();
        String prefix = token.substring(0, token.lastIndexOf('.') + 1);
        byte[] sealed = Base64.getUrlDecoder().decode(token.substring(prefix.length()));
        sealed[sealed.length / 2] ^= 0x20;
        String flipped = prefix + Base64.getUrlEncoder().withoutPadding().encodeToString(sealed);
        String message = "Specified SecurityToken is malformed.";
        for (String bad : new String[] {flipped, "not-a-token", token.replaceFirst("^v1\\.enc\\.", "v1.old."),
                token.substring(0, token.length() - 4)}) {
            StsCredentials altered = new StsCredentials(session.key(), bad);
            ErrorAssertions.assertJsonError(listV1(altered), 400, "InvalidSecurityToken.Malformed", message);
            ErrorAssertions.assertJsonError(listV3(altered), 400, "InvalidSecurityToken.Malformed", message);
        }
        // A token sealed by another service's key (another deployment, a removed key) is no token here.
        SessionTokens foreign = new SessionTokens(java.util.List.of("enc=" + Base64.getEncoder().encodeToString(
                new byte[32])), java.util.Optional.empty());
        SessionTokens.Issued issued = foreign.issue(TestAccount.A.accountId(), "1", "Role", "s",
                null, Instant.now().plusSeconds(3600));
        StsCredentials forged = StsCredentials.of(TestAccount.A.accountId(), issued.accessKeyId(),
                issued.accessKeySecret(), issued.securityToken());
        ErrorAssertions.assertJsonError(listV1(forged), 400, "InvalidSecurityToken.Malformed", message);
    }

    @Test
    void aV3TokenHeaderOutsideTheSignatureIsRefused() {
        StsCredentials session = newSession(TestAccount.A, "unsigned");
        V3Call call = session.v3("ListCustomImages").param("RegionId", "cn-hangzhou");
        String signedWithoutToken = call.authorization(
                "host;x-acs-action;x-acs-version;x-acs-date;x-acs-signature-nonce;x-acs-content-sha256");
        Response response = call.post(signedWithoutToken);
        response.then().statusCode(400).body("Code", equalTo("IncompleteSignature"));
        assertThat(response.jsonPath().getString("Message")).contains("x-acs-security-token");
    }

    @Test
    void aWrongSecretWithAValidTokenIsSignatureDoesNotMatch() {
        StsCredentials session = newSession(TestAccount.A, "secret");
        StsCredentials wrong = StsCredentials.of(TestAccount.A.accountId(), session.key().accessKeyId(),
                session.key().secret() + "x", session.securityToken());
        listV1(wrong).then().statusCode(400).body("Code", equalTo("SignatureDoesNotMatch"));
    }

    @Test
    void aSessionExpiresAtExactlyItsExpirationByTheServersClockAtReceipt() {
        MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
        QuarkusMock.installMockForType(clock, Clock.class);
        String roleName = "Expiry" + System.nanoTime();
        String roleId = ram().roleWithPolicies(TestAccount.A.accountId(), roleName, "AliyunSWASFullAccess");
        Instant expiration = clock.instant().plusSeconds(900);
        StsCredentials session = session(TestAccount.A, roleId, roleName, "expiring", expiration);

        clock.advance(Duration.ofSeconds(899));
        session.call("ListCustomImages").param("RegionId", "cn-hangzhou").timestamp(clock.instant()).post()
                .then().statusCode(200);
        // Signed one second before Expiration, received at Expiration.
        Map<String, String> signedBefore = session.call("ListCustomImages").param("RegionId", "cn-hangzhou")
                .timestamp(clock.instant()).signedFor("POST");
        clock.advance(Duration.ofSeconds(1));
        String message = "Specified SecurityToken is expired.";
        ErrorAssertions.assertJsonError(Api.postSigned(signedBefore), 400, "InvalidSecurityToken.Expired", message);
        ErrorAssertions.assertJsonError(session.call("ListCustomImages").param("RegionId", "cn-hangzhou")
                .timestamp(clock.instant()).post(), 400, "InvalidSecurityToken.Expired", message);
        V3Call v3 = session.v3("ListCustomImages").date(clock.instant()).param("RegionId", "cn-hangzhou");
        ErrorAssertions.assertJsonError(v3.post(v3.authorization()), 400, "InvalidSecurityToken.Expired", message);
    }

    @Test
    void aSessionStopsWithinASecondOfItsRolesDeletionAndARecreatedRoleDoesNotRevive() {
        String roleName = "Deleted" + System.nanoTime();
        String roleId = ram().roleWithPolicies(TestAccount.A.accountId(), roleName, "AliyunSWASFullAccess");
        StsCredentials session = session(TestAccount.A, roleId, roleName, "doomed",
                Instant.now().plus(Duration.ofHours(1)));
        listV1(session).then().statusCode(200);

        ram().deleteRole(TestAccount.A.accountId(), roleId);
        long deleted = System.nanoTime();
        // Same name, new role: the session belonged to the old one.
        ram().roleWithPolicies(TestAccount.A.accountId(), roleName, "AliyunSWASFullAccess");
        // Contract 11.8: a call that starts a second after the change is refused, whatever this replica cached.
        while (System.nanoTime() - deleted < Duration.ofSeconds(1).toNanos()) {
            Thread.onSpinWait();
        }
        ErrorAssertions.assertJsonError(listV1(session), 404, "EntityNotExist.Role", "The specified Role not exists.");
        ErrorAssertions.assertJsonError(listV3(session), 404, "EntityNotExist.Role", "The specified Role not exists.");
    }

    @Test
    void noncesAreKeptPerSessionKey() {
        StsCredentials one = newSession(TestAccount.A, "nonce1");
        StsCredentials two = newSession(TestAccount.A, "nonce2");
        String nonce = UUID.randomUUID().toString();
        one.call("ListCustomImages").param("RegionId", "cn-hangzhou").param("SignatureNonce", nonce).post()
                .then().statusCode(200);
        two.call("ListCustomImages").param("RegionId", "cn-hangzhou").param("SignatureNonce", nonce).post()
                .then().statusCode(200);
        ErrorAssertions.assertJsonError(one.call("ListCustomImages").param("RegionId", "cn-hangzhou")
                        .param("SignatureNonce", nonce).post(), 400, "SignatureNonceUsed",
                "Specified signature nonce was used already.");
    }
}
