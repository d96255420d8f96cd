package cloud.swas.ram;

import static org.assertj.core.api.Assertions.assertThat;

import cloud.swas.auth.AccessKeyStore;
import cloud.swas.support.Api;
import cloud.swas.support.Db;
import cloud.swas.support.Ram;
import cloud.swas.support.TestAccount;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.path.xml.XmlPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every action is enforced for RAM users (contract 11.4) and a denied call says why (11.5): 403 Forbidden.RAM with
 * AccessDeniedDetail, nothing changed, no ClientToken claimed, no quota counted, its nonce spent.
 */
@QuarkusTest
class EnforcementTest {

    private static final String REGION = "cn-hangzhou";
    private static final String FORBIDDEN_MESSAGE =
            "User not authorized to operate on the specified resource, or this API doesn't support RAM.";

    @Inject
    AccessKeyStore keys;

    @Inject
    Db db;

    private TestAccount owner;

    @BeforeEach
    void freshAccount() {
        owner = TestAccount.fresh("enf");
        keys.upsert(owner.accountId(), owner.accessKeyId(), owner.secret());
    }

    private static Api share(TestAccount caller, String imageId) {
        return Api.call(caller, "ModifyImageShareStatus").param("RegionId", REGION).param("ImageId", imageId)
                .param("Operation", "Share");
    }

    private static Api list(TestAccount caller) {
        return Api.call(caller, "ListCustomImages").param("RegionId", REGION);
    }

    private static String arn(TestAccount account, String imageId) {
        return "acs:swas-open:" + REGION + ":" + account.accountId() + ":customimage/" + imageId;
    }

    private boolean inShare(String imageId) {
        return (Boolean) db.single("SELECT in_share FROM custom_image WHERE account_id = ? AND image_id = ?",
                owner.accountId(), imageId);
    }

    private static void assertDenied(Response response, String authAction, TestAccount account, String userName,
                                     String noPermissionType) {
        JsonPath body = response.then().statusCode(403).extract().jsonPath();
        assertThat(body.getString("Code")).isEqualTo("Forbidden.RAM");
        assertThat(body.getString("Message")).isEqualTo(FORBIDDEN_MESSAGE);
        assertThat(body.getString("RequestId")).isEqualTo(response.header("x-acs-request-id"));
        Map<String, Object> detail = body.getMap("AccessDeniedDetail");
        assertThat(detail).containsEntry("AuthAction", authAction)
                .containsEntry("AuthPrincipalType", "SubUser")
                .containsEntry("AuthPrincipalOwnerId", Long.toString(account.accountId()))
                .containsEntry("AuthPrincipalDisplayName", userName)
                .containsEntry("NoPermissionType", noPermissionType)
                .containsEntry("PolicyType", "AccountLevelIdentityBasedPolicy");
        assertThat((String) detail.get("EncodedDiagnosticMessage")).isNotBlank();
    }

    @Test
    void aUserWithoutPoliciesMayListRegionsAndNothingElse() {
        TestAccount user = Ram.user(owner, "nobody");
        String imageId = Api.createImage(owner, REGION, "enf-" + UUID.randomUUID().toString().substring(0, 8));

        Api.call(user, "ListRegions").post().then().statusCode(200);
        assertDenied(list(user).post(), "swas-open:ListCustomImages", owner, "nobody", "ImplicitDeny");
        assertDenied(share(user, imageId).post(), "swas-open:ModifyImageShareStatus", owner, "nobody", "ImplicitDeny");
        assertThat(inShare(imageId)).isFalse();
    }

    @Test
    void theDetailIsInXmlToo() {
        TestAccount user = Ram.user(owner, "xml-reader");
        Response response = list(user).xml().post();
        XmlPath xml = response.then().statusCode(403).extract().xmlPath();
        assertThat(xml.getString("Error.Code")).isEqualTo("Forbidden.RAM");
        assertThat(xml.getString("Error.AccessDeniedDetail.AuthAction")).isEqualTo("swas-open:ListCustomImages");
        assertThat(xml.getString("Error.AccessDeniedDetail.AuthPrincipalType")).isEqualTo("SubUser");
        assertThat(xml.getString("Error.AccessDeniedDetail.AuthPrincipalDisplayName")).isEqualTo("xml-reader");
        assertThat(xml.getString("Error.AccessDeniedDetail.NoPermissionType")).isEqualTo("ImplicitDeny");
    }

    @Test
    void aReadOnlyUserReadsAndCannotChange() {
        TestAccount reader = Ram.userWithSystemPolicies(owner, "reader", "AliyunSWASReadOnlyAccess");
        String imageId = Api.createImage(owner, REGION, "enf-ro-" + UUID.randomUUID().toString().substring(0, 8));

        assertThat(list(reader).post().then().statusCode(200).extract().jsonPath()
                .getList("CustomImages.ImageId", String.class)).contains(imageId);
        assertDenied(share(reader, imageId).post(), "swas-open:ModifyImageShareStatus", owner, "reader",
                "ImplicitDeny");
        assertDenied(Api.call(reader, "DeleteCustomImage").param("RegionId", REGION).param("ImageId", imageId).post(),
                "swas-open:DeleteCustomImage", owner, "reader", "ImplicitDeny");
        assertThat(inShare(imageId)).isFalse();
        assertThat(db.count("SELECT count(*) FROM custom_image WHERE account_id = ? AND image_id = ?",
                owner.accountId(), imageId)).isEqualTo(1);
    }

    @Test
    void aPolicyOnOneImageAllowsThatImageOnlyAndTheAuditNamesTheUser() {
        String mine = Api.createImage(owner, REGION, "enf-one-" + UUID.randomUUID().toString().substring(0, 8));
        String other = Api.createImage(owner, REGION, "enf-other-" + UUID.randomUUID().toString().substring(0, 8));
        TestAccount sharer = Ram.user(owner, "sharer");
        Ram.grant(owner, "sharer", "share-one",
                Ram.statement("Allow", "swas-open:ModifyImageShareStatus", arn(owner, mine)));

        share(sharer, mine).post().then().statusCode(200);
        assertDenied(share(sharer, other).post(), "swas-open:ModifyImageShareStatus", owner, "sharer", "ImplicitDeny");

        assertThat(inShare(mine)).isTrue();
        assertThat(inShare(other)).isFalse();
        assertThat(db.single("SELECT principal_arn FROM image_share_history WHERE account_id = ? AND image_id = ?",
                owner.accountId(), mine)).isEqualTo("acs:ram::" + owner.accountId() + ":user/sharer");
        assertThat(db.count("SELECT count(*) FROM image_share_history WHERE account_id = ? AND image_id = ?",
                owner.accountId(), other)).isZero();
    }

    @Test
    void anExplicitDenyWinsOverFullAccess() {
        String imageId = Api.createImage(owner, REGION, "enf-deny-" + UUID.randomUUID().toString().substring(0, 8));
        TestAccount user = Ram.userWithSystemPolicies(owner, "almost-admin", "AliyunSWASFullAccess");
        Ram.grant(owner, "almost-admin", "no-deleting",
                Ram.statement("Deny", "swas-open:Delete*", "*"));

        list(user).post().then().statusCode(200);
        assertDenied(Api.call(user, "DeleteCustomImage").param("RegionId", REGION).param("ImageId", imageId).post(),
                "swas-open:DeleteCustomImage", owner, "almost-admin", "ExplicitDeny");
        assertThat(db.count("SELECT count(*) FROM custom_image WHERE account_id = ? AND image_id = ?",
                owner.accountId(), imageId)).isEqualTo(1);
    }

    @Test
    void deletingSeveralImagesNeedsEachOfThem() {
        String allowed = Api.createImage(owner, REGION, "enf-a-" + UUID.randomUUID().toString().substring(0, 8));
        String notAllowed = Api.createImage(owner, REGION, "enf-b-" + UUID.randomUUID().toString().substring(0, 8));
        TestAccount user = Ram.user(owner, "deleter");
        Ram.grant(owner, "deleter", "delete-one",
                Ram.statement("Allow", "swas-open:DeleteCustomImages", arn(owner, allowed)));

        assertDenied(Api.call(user, "DeleteCustomImages").param("RegionId", REGION)
                        .param("ImageIds", "[\"" + allowed + "\",\"" + notAllowed + "\"]").post(),
                "swas-open:DeleteCustomImages", owner, "deleter", "ImplicitDeny");
        assertThat(db.count("SELECT count(*) FROM custom_image WHERE account_id = ? AND image_id IN (?, ?)",
                owner.accountId(), allowed, notAllowed)).isEqualTo(2);

        Api.call(user, "DeleteCustomImages").param("RegionId", REGION).param("ImageIds", "[\"" + allowed + "\"]")
                .post().then().statusCode(200);
        assertThat(db.count("SELECT count(*) FROM custom_image WHERE account_id = ? AND image_id = ?",
                owner.accountId(), allowed)).isZero();
    }

    @Test
    void ecsDescribeImagesIsCheckedExceptForPublicAndSharedImages() {
        TestAccount user = Ram.user(owner, "ecs-viewer");
        Api describe = Api.call(user, "DescribeImages").param("Version", "2014-05-26").param("RegionId", REGION);
        describe.param("ImageOwnerAlias", "system").post().then().statusCode(200);
        Api.call(user, "DescribeImages").param("Version", "2014-05-26").param("RegionId", REGION)
                .param("ImageOwnerAlias", "others").post().then().statusCode(200);
        assertDenied(Api.call(user, "DescribeImages").param("Version", "2014-05-26").param("RegionId", REGION)
                .param("ImageOwnerAlias", "self").post(), "ecs:DescribeImages", owner, "ecs-viewer", "ImplicitDeny");
        assertDenied(Api.call(user, "DescribeImages").param("Version", "2014-05-26").param("RegionId", REGION)
                .post(), "ecs:DescribeImages", owner, "ecs-viewer", "ImplicitDeny");

        Ram.attach(owner, "ecs-viewer", "System", "AliyunECSReadOnlyAccess");
        Api.call(user, "DescribeImages").param("Version", "2014-05-26").param("RegionId", REGION)
                .param("ImageOwnerAlias", "self").post().then().statusCode(200);
    }

    @Test
    void aDeniedCallClaimsNoClientTokenCountsNoQuotaAndSpendsItsNonce() {
        String imageId = Api.createImage(owner, REGION, "enf-tok-" + UUID.randomUUID().toString().substring(0, 8));
        TestAccount user = Ram.user(owner, "tokenless");
        String token = "enf-" + UUID.randomUUID();
        long quotaBefore = quotaCount("ModifyImageShareStatus");

        Map<String, String> signed = share(user, imageId).param("ClientToken", token).signedFor("POST");
        assertThat(Api.postSigned(signed).then().statusCode(403).extract().jsonPath().getString("Code"))
                .isEqualTo("Forbidden.RAM");
        assertThat(db.count("SELECT count(*) FROM idempotency_token WHERE account_id = ?", owner.accountId())).isZero();
        assertThat(quotaCount("ModifyImageShareStatus")).isEqualTo(quotaBefore);
        // The same request again: its nonce was spent by the denied call.
        assertThat(Api.postSigned(signed).then().statusCode(400).extract().jsonPath().getString("Code"))
                .isEqualTo("SignatureNonceUsed");

        // The account's own key may use the token afterwards: the call runs, it is not a replay of the denial.
        Response byOwner = share(owner, imageId).param("ClientToken", token).post();
        byOwner.then().statusCode(200);
        assertThat(byOwner.header("x-acs-idempotent-replayed")).isNull();
        assertThat(inShare(imageId)).isTrue();
    }

    private long quotaCount(String action) {
        Object count = db.single("SELECT coalesce(sum(calls), 0) FROM throttle_window WHERE account_id = ? "
                + "AND action = ?", owner.accountId(), action);
        return ((Number) count).longValue();
    }

    @Test
    void aDetachedPolicyStopsAllowingFromTheNextCall() {
        TestAccount user = Ram.userWithSystemPolicies(owner, "temp-reader", "AliyunSWASReadOnlyAccess");
        list(user).post().then().statusCode(200);
        Ram.detach(owner, "temp-reader", "System", "AliyunSWASReadOnlyAccess");
        assertDenied(list(user).post(), "swas-open:ListCustomImages", owner, "temp-reader", "ImplicitDeny");
    }

    @Test
    void theMetricsCountAUsersCallsAsAUsersNeverByName() {
        TestAccount user = Ram.user(owner, "metered-user-name");
        Api.call(user, "ListRegions").post().then().statusCode(200);
        String metrics = io.restassured.RestAssured.given().get("/q/metrics").then().statusCode(200).extract()
                .asString();
        assertThat(metrics).containsPattern("(?m)^swas_api_requests_total\\{action=\"ListRegions\",code=\"Success\","
                + "principal=\"user\"\\} ");
        assertThat(metrics).doesNotContain("metered-user-name");
    }
}
