package cloud.swas.auth;

/** The verified identity behind a request: the account owns everything the request may touch. */
public record Caller(long accountId, String accessKeyId) {
}
