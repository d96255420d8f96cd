package cloud.swas.api;

import java.time.Instant;

/**
 * Who is calling and which request this is; every query an operation makes is scoped by {@code accountId}, the
 * account the principal acts in.
 */
public record CallContext(String requestId, String action, long accountId, String accessKeyId, Instant receivedAt,
                          Principal principal) {

    public CallContext {
        if (principal == null) {
            principal = Principal.account(accountId);
        }
        if (principal.accountId() != accountId) {
            throw new IllegalArgumentException("the principal acts in another account");
        }
    }

    /** A call by the account's own key. */
    public CallContext(String requestId, String action, long accountId, String accessKeyId, Instant receivedAt) {
        this(requestId, action, accountId, accessKeyId, receivedAt, Principal.account(accountId));
    }
}
