package cloud.swas.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import cloud.swas.support.Api;
import cloud.swas.support.Db;
import cloud.swas.support.LogCapture;
import cloud.swas.support.TestAccount;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Several keys per account, rotation without downtime, deactivation, and secrets encrypted at rest. */
@QuarkusTest
class AccessKeyLifecycleTest {

    @Inject
    AccessKeyStore keys;

    @Inject
    Db db;

    private static void list(TestAccount key, int status) {
        Api.call(key, "ListCustomImages").param("RegionId", "cn-hangzhou").post().then().statusCode(status);
    }

    @Test
    void rotationKeepsBothKeysValidUntilTheOldOneIsDeactivated() {
        TestAccount oldKey = TestAccount.fresh("ROTATEOLD");
        TestAccount newKey = new TestAccount(oldKey.accountId(), "AKROTATENEW" + oldKey.accountId(), "new-secret");
        keys.upsert(oldKey.accountId(), oldKey.accessKeyId(), oldKey.secret());
        list(oldKey, 200);

        keys.upsert(newKey.accountId(), newKey.accessKeyId(), newKey.secret());
        list(oldKey, 200);
        list(newKey, 200);

        assertThat(keys.setActive(oldKey.accessKeyId(), false)).isTrue();
        Api.call(oldKey, "ListCustomImages").param("RegionId", "cn-hangzhou").post()
                .then().statusCode(400)
                .body("Code", equalTo("InvalidAccessKeyId.Inactive"))
                .body("Message", equalTo("Specified access key is disabled."));
        list(newKey, 200);
    }

    @Test
    void tableHoldsNoPlaintextSecret() {
        List<Object> plaintext = db.column("SELECT secret FROM access_key WHERE secret IS NOT NULL");
        assertThat(plaintext).isEmpty();
        for (TestAccount account : List.of(TestAccount.A, TestAccount.B, TestAccount.C)) {
            byte[] stored = (byte[]) db.single("SELECT secret_ciphertext FROM access_key WHERE access_key_id = ?",
                    account.accessKeyId());
            assertThat(new String(stored, StandardCharsets.ISO_8859_1)).doesNotContain(account.secret());
            assertThat(stored.length).isGreaterThan(account.secret().length() + 12);
        }
        assertThat(db.count("SELECT count(*) FROM access_key WHERE position(convert_to(?, 'UTF8') "
                + "IN secret_ciphertext) > 0", TestAccount.A.secret())).isZero();
    }

    @Test
    void plaintextRowsFromBeforeEncryptionAreEncryptedAndStillWork() {
        TestAccount legacy = TestAccount.fresh("LEGACY");
        keys.upsert(legacy.accountId(), legacy.accessKeyId() + "-SEED", "unused");
        db.update("INSERT INTO access_key (account_id, access_key_id, secret) VALUES (?, ?, ?)",
                legacy.accountId(), legacy.accessKeyId(), legacy.secret());
        list(legacy, 200);

        assertThat(keys.encryptLegacySecrets()).isEqualTo(1);

        assertThat(db.single("SELECT secret FROM access_key WHERE access_key_id = ?", legacy.accessKeyId())).isNull();
        list(legacy, 200);
    }

    @Test
    void ciphertextMovedToAnotherKeyDoesNotDecrypt() {
        TestAccount first = TestAccount.fresh("MOVE");
        TestAccount moved = new TestAccount(first.accountId(), first.accessKeyId() + "-2", first.secret());
        keys.upsert(first.accountId(), first.accessKeyId(), first.secret());
        keys.upsert(moved.accountId(), moved.accessKeyId(), "second-secret");
        db.update("UPDATE access_key SET secret_ciphertext = (SELECT secret_ciphertext FROM access_key "
                + "WHERE access_key_id = ?) WHERE access_key_id = ?", first.accessKeyId(), moved.accessKeyId());
        try (LogCapture log = LogCapture.of("cloud.swas.rpc.RpcGateway")) {
            Api.call(moved, "ListCustomImages").param("RegionId", "cn-hangzhou").post()
                    .then().statusCode(500).body("Code", equalTo("InternalError"));
            assertThat(log.records()).anySatisfy(r -> assertThat(r.getThrown()).hasMessageContaining("does not decrypt"));
        }
    }
}
