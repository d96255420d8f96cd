package cloud.swas.image;

import static org.assertj.core.api.Assertions.assertThat;

import cloud.swas.auth.AccessKeyStore;
import cloud.swas.support.Api;
import cloud.swas.support.Concurrently;
import cloud.swas.support.Db;
import cloud.swas.support.ErrorAssertions;
import cloud.swas.support.TestAccount;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The live API's quota: 15 custom images per account and region, also under concurrent creates. */
@QuarkusTest
@TestProfile(CustomImageQuotaTest.DefaultQuota.class)
class CustomImageQuotaTest {

    /** The default quota, as a deployment has it (the test profile raises it for the other tests). */
    public static class DefaultQuota implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("swas.image.custom-image-quota", "15");
        }
    }

    private static final String MESSAGE = "The maximum number of custom image in this region is exceeded.";

    @Inject
    AccessKeyStore keys;

    @Inject
    Db db;

    private TestAccount account(String label) {
        TestAccount account = TestAccount.fresh(label);
        keys.upsert(account.accountId(), account.accessKeyId(), account.secret());
        return account;
    }

    private static Response create(TestAccount account, String region, int i) {
        return Api.call(account, "CreateCustomImage").param("RegionId", region).param("ImageName", "quota-" + i)
                .param("InstanceId", "i-q").param("SystemSnapshotId", "s-q").post();
    }

    @Test
    void theSixteenthImageOfARegionIsRefusedAndADeletionFreesRoom() {
        TestAccount account = account("QUOTA");
        String first = null;
        for (int i = 0; i < 15; i++) {
            String id = create(account, "cn-hangzhou", i).then().statusCode(200).extract().path("ImageId");
            first = first == null ? id : first;
        }
        ErrorAssertions.assertJsonError(create(account, "cn-hangzhou", 15), 400, "CustomImageQuotaLimit", MESSAGE);
        create(account, "cn-beijing", 15).then().statusCode(200);
        Api.call(account, "DeleteCustomImage").param("RegionId", "cn-hangzhou").param("ImageId", first).post()
                .then().statusCode(200);
        create(account, "cn-hangzhou", 16).then().statusCode(200);
    }

    @Test
    void concurrentCreatesNeverPassTheQuota() throws Exception {
        TestAccount account = account("QUOTARACE");
        List<Response> answers = Concurrently.run(24, i -> create(account, "cn-shenzhen", i));
        assertThat(answers).filteredOn(r -> r.statusCode() == 200).hasSize(15);
        assertThat(answers).filteredOn(r -> r.statusCode() != 200)
                .hasSize(9).allSatisfy(r -> ErrorAssertions.assertJsonError(r, 400, "CustomImageQuotaLimit", MESSAGE));
        assertThat(db.count("SELECT count(*) FROM custom_image WHERE account_id = ? AND region_id = 'cn-shenzhen'",
                account.accountId())).isEqualTo(15);
    }

    @Test
    void imagesSharedWithAnAccountDoNotCountAgainstItsQuota() {
        TestAccount owner = account("QUOTAOWNER");
        TestAccount receiver = account("QUOTARECV");
        String shared = create(owner, "cn-qingdao", 0).then().statusCode(200).extract().path("ImageId");
        Api.call(owner, "AddCustomImageShareAccount").param("RegionId", "cn-qingdao").param("ImageId", shared)
                .param("Account.1", Long.toString(receiver.accountId())).post().then().statusCode(200);
        for (int i = 0; i < 15; i++) {
            create(receiver, "cn-qingdao", i).then().statusCode(200);
        }
    }
}
