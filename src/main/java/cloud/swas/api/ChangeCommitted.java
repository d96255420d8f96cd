package cloud.swas.api;

/**
 * Fired (CDI event) by the pipeline after a mutating call's change has committed, so that a capability which caches
 * what such calls change can drop it: the next call on this replica sees the change at once, other replicas within
 * their cache's age bound (contract 11.8 for RAM).
 *
 * @param version   the product's API version ({@link Products})
 * @param action    the action that changed something
 * @param accountId the account it changed
 */
public record ChangeCommitted(String version, String action, long accountId) {
}
