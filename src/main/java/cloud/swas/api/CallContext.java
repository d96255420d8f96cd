package cloud.swas.api;

import java.time.Instant;

/** Who is calling and which request this is; every query an operation makes is scoped by {@code accountId}. */
public record CallContext(String requestId, String action, long accountId, String accessKeyId, Instant receivedAt) {
}
