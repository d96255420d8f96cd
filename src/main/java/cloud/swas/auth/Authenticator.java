package cloud.swas.auth;

import cloud.swas.api.ApiError;
import cloud.swas.api.Characters;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * Verifies who sent a request, V1 or V3 alike ({@link SignedCall}): key lookup, signature comparison
 * (constant time) and timestamp window. The nonce is claimed afterwards, with the call's admission
 * ({@link Nonces}), so that a forged or stale request can never burn a legitimate client's nonce.
 */
@ApplicationScoped
public class Authenticator {

    private static final int MAX_NONCE_LENGTH = 128;

    private final AccessKeyStore keys;
    private final AuthConfig config;
    private final Clock clock;

    Authenticator(AccessKeyStore keys, AuthConfig config, Clock clock) {
        this.keys = keys;
        this.config = config;
        this.clock = clock;
    }

    public Caller verify(SignedCall call) {
        if (Characters.length(call.nonce) > MAX_NONCE_LENGTH) {
            throw ApiError.INVALID_PARAMETER.exception("SignatureNonce");
        }
        Instant timestamp = parseTimestamp(call.timestamp);

        // An ID that no key can have is unknown without a lookup (AccessKeyStore.find checks the same): the
        // lookup comes before the signature, so nothing of an unauthenticated caller's ID may be kept.
        if (!AccessKey.wellFormedId(call.accessKeyId)) {
            throw ApiError.ACCESS_KEY_NOT_FOUND.exception();
        }
        AccessKey key = keys.find(call.accessKeyId).orElseThrow(ApiError.ACCESS_KEY_NOT_FOUND::exception);
        if (!key.active()) {
            throw ApiError.ACCESS_KEY_INACTIVE.exception();
        }
        if (!constantTimeEquals(call.expectedSignature(key.secret()), call.givenSignature)) {
            throw ApiError.SIGNATURE_MISMATCH.exception(call.stringToSign);
        }
        if (Duration.between(timestamp, clock.instant()).abs().compareTo(config.timestampWindow()) > 0) {
            throw ApiError.TIMESTAMP_EXPIRED.exception();
        }
        return new Caller(key.accountId(), key.accessKeyId(), call.nonce, timestamp, key.principal());
    }

    /** UTC {@code yyyy-MM-ddTHH:mm:ssZ}; fractional seconds are tolerated, offsets other than Z are not. */
    static Instant parseTimestamp(String value) {
        if (value == null || !value.endsWith("Z") || value.length() > 30) {
            throw ApiError.TIMESTAMP_FORMAT.exception();
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw ApiError.TIMESTAMP_FORMAT.exception();
        }
    }

    private static boolean constantTimeEquals(String expected, String given) {
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
    }
}
