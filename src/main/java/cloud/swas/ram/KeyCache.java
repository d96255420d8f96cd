package cloud.swas.ram;

import cloud.swas.auth.AccessKeyStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.List;

/**
 * Tells this replica's key cache about a change to keys (deactivated, deleted) or to what a key's principal is
 * called (a renamed user). Forgotten at once and again when the call's transaction has ended: a lookup running
 * between the two would otherwise cache the row as it was before the commit. Other replicas see the change within
 * their cache's age bound ({@code swas.auth.key-cache-ttl}, contract 11.8).
 */
@ApplicationScoped
class KeyCache {

    private final AccessKeyStore keys;
    private final TransactionSynchronizationRegistry transactions;

    KeyCache(AccessKeyStore keys, TransactionSynchronizationRegistry transactions) {
        this.keys = keys;
        this.transactions = transactions;
    }

    void forget(List<String> accessKeyIds) {
        if (accessKeyIds.isEmpty()) {
            return;
        }
        accessKeyIds.forEach(keys::invalidate);
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
                // nothing to do before the commit
            }

            @Override
            public void afterCompletion(int status) {
                accessKeyIds.forEach(keys::invalidate);
            }
        });
    }
}
