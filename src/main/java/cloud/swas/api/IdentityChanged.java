package cloud.swas.api;

/**
 * Fired (CDI event, in the transaction that made it) when an account's users, keys, policies, attachments or roles
 * change, so that what this replica caches of them is dropped when the change commits: the next call on this replica
 * sees it at once, other replicas within their cache's age bound (contract 11.8).
 */
public record IdentityChanged(long accountId) {
}
