package cloud.swas.api;

import java.time.Instant;

/**
 * Who is calling and which request this is; every query an operation makes is scoped by {@code accountId}, the
 * account the principal acts in. {@code origin} is what policy conditions see of the connection.
 */
public record CallContext(String requestId, String action, long accountId, String accessKeyId, Instant receivedAt,
                          Principal principal, Origin origin) {

    /**
     * Where a call came from (contract 11.3): {@code acs:SourceIp} and {@code acs:SecureTransport}.
     *
     * @param sourceIp        the client's address (a trusted proxy's {@code X-Forwarded-For} resolved); null if unknown
     * @param secureTransport TLS to this service, or {@code X-Forwarded-Proto: https} from a trusted proxy
     */
    public record Origin(String sourceIp, boolean secureTransport) {

        public static final Origin UNKNOWN = new Origin(null, false);
    }

    public CallContext {
        if (principal == null) {
            principal = Principal.account(accountId);
        }
        if (principal.accountId() != accountId) {
            throw new IllegalArgumentException("the principal acts in another account");
        }
        if (origin == null) {
            origin = Origin.UNKNOWN;
        }
    }

    /** A call by the account's own key, from nowhere in particular (tests, internal callers). */
    public CallContext(String requestId, String action, long accountId, String accessKeyId, Instant receivedAt) {
        this(requestId, action, accountId, accessKeyId, receivedAt, Principal.account(accountId), Origin.UNKNOWN);
    }
}
