package cloud.swas.auth;

import cloud.swas.api.Principal;
import java.time.Instant;

/**
 * The verified identity behind a request (the account owns everything the request may touch; the principal
 * says who in it signed), and the request's signature nonce, which admission claims (cluster-wide, once per
 * access key) until the request's signed timestamp ({@code signedAt}) has left the window.
 */
public record Caller(long accountId, String accessKeyId, String nonce, Instant signedAt, Principal principal) {

    public Caller {
        if (principal == null) {
            principal = Principal.account(accountId);
        }
    }

    /** A call signed with the account's own key. */
    public Caller(long accountId, String accessKeyId, String nonce, Instant signedAt) {
        this(accountId, accessKeyId, nonce, signedAt, Principal.account(accountId));
    }
}
