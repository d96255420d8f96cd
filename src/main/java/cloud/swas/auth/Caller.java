package cloud.swas.auth;

/**
 * The verified identity behind a request (the account owns everything the request may touch), and the
 * request's signature nonce, which admission claims (cluster-wide, once per access key).
 */
public record Caller(long accountId, String accessKeyId, String nonce) {
}
