package cloud.swas.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import cloud.swas.support.Api;
import cloud.swas.support.Db;
import cloud.swas.support.TestAccount;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/**
 * The per-replica key cache (issue 29): what this replica is told to forget ({@link AccessKeyStore#invalidate},
 * {@link AccessKeyStore#invalidateAll}, as a cluster-wide change notification will) is read again from the database
 * at once; a change made through the store is seen at once, a cached miss included; and an ID that no key can have
 * is unknown without a lookup.
 */
@QuarkusTest
class AccessKeyCacheTest {

    @Inject
    AccessKeyStore keys;

    @Inject
    Db db;

    private static void list(TestAccount key, int status, String code) {
        var response = Api.call(key, "ListCustomImages").param("RegionId", "cn-hangzhou").post().then().statusCode(status);
        if (code != null) {
            response.body("Code", equalTo(code));
        }
    }

    @Test
    void aChangeMadeElsewhereIsSeenOnceTheReplicaIsToldToForget() {
        TestAccount account = TestAccount.fresh("CACHE");
        keys.upsert(account.accountId(), account.accessKeyId(), account.secret());
        list(account, 200, null);

        // Another replica (or an operator) deactivates the key: the database changes, this replica's cache does not.
        db.update("UPDATE access_key SET status = 'Inactive' WHERE access_key_id = ?", account.accessKeyId());
        keys.invalidate(account.accessKeyId());
        list(account, 400, "InvalidAccessKeyId.Inactive");

        db.update("UPDATE access_key SET status = 'Active' WHERE access_key_id = ?", account.accessKeyId());
        keys.invalidateAll();
        list(account, 200, null);
    }

    @Test
    void aKeyLookedUpBeforeItExistedIsSeenAtOnceWhenTheStoreCreatesIt() {
        TestAccount account = TestAccount.fresh("CACHEMISS");
        list(account, 404, "InvalidAccessKeyId.NotFound");
        assertThat(keys.find(account.accessKeyId())).isEmpty();

        keys.upsert(account.accountId(), account.accessKeyId(), account.secret());
        assertThat(keys.find(account.accessKeyId())).map(AccessKey::accountId).contains(account.accountId());
        list(account, 200, null);
    }

    @Test
    void anIdNoKeyCanHaveIsUnknown() {
        for (String id : new String[] {"A".repeat(65), "AK with space", "AK\u00e9", "AK/1", "", "AK:1"}) {
            assertThat(keys.find(id)).as(id).isEmpty();
        }
        // The STS form of contract section 11, and the other characters of the stored form.
        TestAccount sts = TestAccount.fresh("CACHESTS");
        String id = "STS." + sts.accountId() + ".a_b-C";
        keys.upsert(sts.accountId(), id, sts.secret());
        assertThat(keys.find(id)).map(AccessKey::accountId).contains(sts.accountId());
    }
}
