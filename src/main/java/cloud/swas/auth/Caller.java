package cloud.swas.auth;

import java.time.Instant;

/**
 * The verified identity behind a request (the account owns everything the request may touch), and the
 * request's signature nonce, which admission claims (cluster-wide, once per access key) until the
 * request's signed timestamp ({@code signedAt}) has left the window.
 */
public record Caller(long accountId, String accessKeyId, String nonce, Instant signedAt) {
}
