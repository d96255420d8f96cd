package cloud.swas.ram;

import static org.assertj.core.api.Assertions.assertThat;

import cloud.swas.auth.AccessKeyStore;
import cloud.swas.support.Api;
import cloud.swas.support.Ram;
import cloud.swas.support.TestAccount;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 26's matrix over the actions of contract 11.4: each is allowed by a policy naming its exact resource ARN,
 * allowed by a wildcard policy, denied with no policy ({@code ImplicitDeny}), denied by a Deny over an Allow
 * ({@code ExplicitDeny}); and with a policy allowing the action on {@code customimage/*}, another account's image is
 * still {@code InvalidImageId.NotFound}: authorization looks at the caller's own ARN and reveals nothing of others.
 * ARNs and RAM actions are literals from the contract's table.
 */
@QuarkusTest
class ActionMatrixTest {

    private static final String REGION = "cn-hangzhou";
    private static final AtomicInteger USERS = new AtomicInteger();

    /**
     * One action of 11.4: its RAM action, the exact resource a policy names for a call on {@code image} of
     * {@code account} (literal ARN shapes of the contract), and the call itself.
     *
     * @param imageSpecific whether the call names one image, so that another account's image can be tried
     */
    record Case(String name, String ramAction, BiFunction<Long, String, String> exactResource, boolean imageSpecific,
                Call call, boolean sharedFirst) {

        Case(String name, String ramAction, BiFunction<Long, String, String> exactResource, boolean imageSpecific,
             Call call) {
            this(name, ramAction, exactResource, imageSpecific, call, false);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    @FunctionalInterface
    interface Call {
        Response send(TestAccount caller, String imageId, long otherAccount);
    }

    private static String image(long account, String imageId) {
        return "acs:swas-open:" + REGION + ":" + account + ":customimage/" + imageId;
    }

    static Stream<Case> actions() {
        return Stream.of(
                new Case("ModifyImageShareStatus", "swas-open:ModifyImageShareStatus", ActionMatrixTest::image, true,
                        (caller, imageId, other) -> Api.call(caller, "ModifyImageShareStatus").param("RegionId", REGION)
                                .param("ImageId", imageId).param("Operation", "Share").post()),
                new Case("DeleteCustomImage", "swas-open:DeleteCustomImage", ActionMatrixTest::image, true,
                        (caller, imageId, other) -> Api.call(caller, "DeleteCustomImage").param("RegionId", REGION)
                                .param("ImageId", imageId).post()),
                new Case("DeleteCustomImages", "swas-open:DeleteCustomImages", ActionMatrixTest::image, true,
                        (caller, imageId, other) -> Api.call(caller, "DeleteCustomImages").param("RegionId", REGION)
                                .param("ImageIds", "[\"" + imageId + "\"]").post()),
                new Case("AddCustomImageShareAccount", "swas-open:AddCustomImageShareAccount", ActionMatrixTest::image,
                        true, (caller, imageId, other) -> Api.call(caller, "AddCustomImageShareAccount")
                        .param("RegionId", REGION).param("ImageId", imageId)
                        .param("Account.1", Long.toString(other + 7)).post()),
                new Case("RemoveCustomImageShareAccount", "swas-open:RemoveCustomImageShareAccount",
                        ActionMatrixTest::image, true, (caller, imageId, other) -> Api.call(caller,
                                "RemoveCustomImageShareAccount").param("RegionId", REGION).param("ImageId", imageId)
                        .param("Account.1", Long.toString(other)).post(), true),
                new Case("ListCustomImageShareAccounts", "swas-open:ListCustomImageShareAccounts",
                        ActionMatrixTest::image, true, (caller, imageId, other) -> Api.call(caller,
                                "ListCustomImageShareAccounts").param("RegionId", REGION).param("ImageId", imageId)
                        .post()),
                new Case("CreateCustomImage", "swas-open:CreateCustomImage",
                        (account, imageId) -> image(account, "*"), false,
                        (caller, imageId, other) -> Api.call(caller, "CreateCustomImage").param("RegionId", REGION)
                                .param("ImageName", "matrix-" + UUID.randomUUID().toString().substring(0, 8))
                                .param("InstanceId", "i-matrix").param("SystemSnapshotId", "s-matrix").post()),
                new Case("ListCustomImages", "swas-open:ListCustomImages", (account, imageId) -> image(account, "*"),
                        false, (caller, imageId, other) -> Api.call(caller, "ListCustomImages")
                        .param("RegionId", REGION).post()),
                new Case("ListImages", "swas-open:ListImages", (account, imageId) -> "*", false,
                        (caller, imageId, other) -> Api.call(caller, "ListImages").param("RegionId", REGION).post()),
                new Case("DescribeImages", "ecs:DescribeImages",
                        (account, imageId) -> "acs:ecs:" + REGION + ":" + account + ":image/*", false,
                        (caller, imageId, other) -> Api.call(caller, "DescribeImages").param("Version", "2014-05-26")
                                .param("RegionId", REGION).param("ImageOwnerAlias", "self").post()));
    }

    @Inject
    AccessKeyStore keys;

    private TestAccount owner;
    private TestAccount other;

    @BeforeEach
    void accounts() {
        owner = TestAccount.fresh("mx");
        other = TestAccount.fresh("mxo");
        keys.upsert(owner.accountId(), owner.accessKeyId(), owner.secret());
        keys.upsert(other.accountId(), other.accessKeyId(), other.secret());
    }

    /** An image of the owner; shared with the other account first where the action removes that share. */
    private String ownersImage(Case action) {
        String imageId = Api.createImage(owner, REGION, "mx-" + UUID.randomUUID().toString().substring(0, 12));
        if (action.sharedFirst()) {
            Api.call(owner, "AddCustomImageShareAccount").param("RegionId", REGION).param("ImageId", imageId)
                    .param("Account.1", Long.toString(other.accountId())).post().then().statusCode(200);
        }
        return imageId;
    }

    /** A new RAM user of the owner whose only policy is {@code document} (none when null). */
    private TestAccount userWith(String document) {
        String name = "mx-user-" + USERS.incrementAndGet();
        TestAccount user = Ram.user(owner, name);
        if (document != null) {
            Ram.grant(owner, name, name + "-policy", document);
        }
        return user;
    }

    private static String policy(String... statements) {
        return "{\"Version\":\"1\",\"Statement\":[" + String.join(",", statements) + "]}";
    }

    private static String statement(String effect, String action, String resource) {
        return "{\"Effect\":\"" + effect + "\",\"Action\":\"" + action + "\",\"Resource\":\"" + resource + "\"}";
    }

    private static void assertAllowed(Case action, Response response) {
        assertThat(response.statusCode()).as(action + ": " + response.asString()).isEqualTo(200);
    }

    private static void assertDenied(Case action, Response response, String noPermissionType) {
        JsonPath body = response.then().extract().jsonPath();
        assertThat(response.statusCode()).as(action + ": " + response.asString()).isEqualTo(403);
        assertThat(body.getString("Code")).isEqualTo("Forbidden.RAM");
        assertThat(body.getString("AccessDeniedDetail.AuthAction")).isEqualTo(action.ramAction());
        assertThat(body.getString("AccessDeniedDetail.NoPermissionType")).isEqualTo(noPermissionType);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("actions")
    void allowedByAPolicyNamingItsExactResource(Case action) {
        String imageId = ownersImage(action);
        TestAccount user = userWith(policy(statement("Allow", action.ramAction(),
                action.exactResource().apply(owner.accountId(), imageId))));
        assertAllowed(action, action.call().send(user, imageId, other.accountId()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("actions")
    void allowedByAWildcardPolicy(Case action) {
        String imageId = ownersImage(action);
        String product = action.ramAction().substring(0, action.ramAction().indexOf(':'));
        TestAccount user = userWith(policy(statement("Allow", product + ":*", "*")));
        assertAllowed(action, action.call().send(user, imageId, other.accountId()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("actions")
    void deniedWithNoPolicy(Case action) {
        String imageId = ownersImage(action);
        assertDenied(action, action.call().send(userWith(null), imageId, other.accountId()), "ImplicitDeny");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("actions")
    void deniedByADenyOverAnAllow(Case action) {
        String imageId = ownersImage(action);
        String exact = action.exactResource().apply(owner.accountId(), imageId);
        TestAccount user = userWith(policy(statement("Allow", "*", "*"), statement("Deny", action.ramAction(), exact)));
        assertDenied(action, action.call().send(user, imageId, other.accountId()), "ExplicitDeny");
    }

    static Stream<Case> imageActions() {
        return actions().filter(Case::imageSpecific);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("imageActions")
    void anotherAccountsImageIsNotFoundEvenWithCustomImageStar(Case action) {
        String othersImage = Api.createImage(other, REGION, "mx-other-" + UUID.randomUUID().toString().substring(0, 8));
        TestAccount user = userWith(policy(statement("Allow", action.ramAction(), image(owner.accountId(), "*"))));
        Response response = action.call().send(user, othersImage, other.accountId());
        assertThat(response.statusCode()).as(action + ": " + response.asString()).isEqualTo(404);
        assertThat(response.jsonPath().getString("Code")).isEqualTo("InvalidImageId.NotFound");
        assertThat(response.asString()).doesNotContain("AccessDeniedDetail");
    }
}
