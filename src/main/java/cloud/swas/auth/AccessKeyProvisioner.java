package cloud.swas.auth;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Upserts the configured access keys at start-up ({@code SWAS_ACCESS_KEYS}), so a deployment's keys
 * come from its Secret and every replica converges on the same rows.
 */
@ApplicationScoped
public class AccessKeyProvisioner {

    private static final Logger LOG = Logger.getLogger(AccessKeyProvisioner.class);

    private final AccessKeyStore store;
    private final AuthConfig config;

    AccessKeyProvisioner(AccessKeyStore store, AuthConfig config) {
        this.store = store;
        this.config = config;
    }

    void onStart(@Observes StartupEvent event) {
        List<String> entries = config.accessKeys().orElse(List.of());
        for (String entry : entries) {
            ProvisionedKey key = ProvisionedKey.parse(entry);
            store.upsert(key.accountId(), key.accessKeyId(), key.secret());
        }
        if (!entries.isEmpty()) {
            LOG.infof("Provisioned %d access key(s) from configuration", entries.size());
        }
        for (String accessKeyId : config.inactiveAccessKeys().orElse(List.of())) {
            if (store.setActive(accessKeyId.trim(), false)) {
                LOG.infof("Access key %s is Inactive (swas.auth.inactive-access-keys)", accessKeyId.trim());
            } else {
                LOG.warnf("swas.auth.inactive-access-keys names %s, which does not exist", accessKeyId.trim());
            }
        }
        int encrypted = store.encryptLegacySecrets();
        if (encrypted > 0) {
            LOG.infof("Encrypted %d access-key secret(s) stored before encryption at rest", encrypted);
        }
    }

    /** One {@code accountId:accessKeyId:secret} entry; the secret may itself contain colons. */
    record ProvisionedKey(long accountId, String accessKeyId, String secret) {

        static ProvisionedKey parse(String entry) {
            String[] parts = entry.trim().split(":", 3);
            if (parts.length != 3 || parts[1].isBlank() || parts[2].isBlank()) {
                throw new IllegalArgumentException(
                        "SWAS_ACCESS_KEYS entries must look like accountId:accessKeyId:secret (entry starting with '"
                                + parts[0] + "' does not)");
            }
            long accountId;
            try {
                accountId = Long.parseLong(parts[0]);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("SWAS_ACCESS_KEYS: account ID '" + parts[0] + "' is not a number");
            }
            if (accountId <= 0 || !AccessKey.wellFormedId(parts[1])) {
                throw new IllegalArgumentException("SWAS_ACCESS_KEYS: bad account ID or AccessKeyId in entry for account "
                        + parts[0]);
            }
            return new ProvisionedKey(accountId, parts[1], parts[2]);
        }

        @Override
        public String toString() {
            return "ProvisionedKey[accountId=" + accountId + ", accessKeyId=" + accessKeyId + "]";
        }
    }
}
