package cloud.swas.auth;

import cloud.swas.api.ApiError;
import cloud.swas.api.ApiParameters;
import cloud.swas.api.RpcRequest;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * Verifies who sent a request, V1 or V3, through one pipeline: the scheme reads its parts, then key
 * lookup, signature comparison (constant time) and timestamp window. The nonce is claimed afterwards,
 * by admission ({@link cloud.swas.throttle.Admission}, in the same statement as the quota count), so
 * that a forged or stale request can never burn a legitimate client's nonce.
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

    public Caller authenticate(RpcRequest request, ApiParameters parameters) {
        SignedRequest signed = SignatureV3.isV3(request)
                ? SignatureV3.read(request, parameters.fromQuery())
                : SignatureV1.read(request.method(), parameters);
        if (signed.nonce().length() > MAX_NONCE_LENGTH) {
            throw ApiError.INVALID_PARAMETER.exception("SignatureNonce");
        }
        Instant timestamp = parseTimestamp(signed.timestamp());

        AccessKey key = keys.find(signed.accessKeyId()).orElseThrow(ApiError.ACCESS_KEY_NOT_FOUND::exception);
        if (!key.active()) {
            throw ApiError.ACCESS_KEY_INACTIVE.exception();
        }
        if (!constantTimeEquals(signed.expectedSignature(key.secret()), signed.givenSignature())) {
            throw ApiError.SIGNATURE_MISMATCH.exception(signed.stringToSign());
        }
        if (Duration.between(timestamp, clock.instant()).abs().compareTo(config.timestampWindow()) > 0) {
            throw ApiError.TIMESTAMP_EXPIRED.exception();
        }
        return new Caller(key.accountId(), key.accessKeyId(), signed.nonce(), timestamp);
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
