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
import java.util.Locale;

/**
 * Verifies who sent a request: key lookup, signature, timestamp window, then the nonce (last, so that
 * a forged or stale request cannot burn a legitimate client's nonce).
 */
@ApplicationScoped
public class Authenticator {

    private final AccessKeyStore keys;
    private final NonceStore nonces;
    private final AuthConfig config;
    private final Clock clock;

    Authenticator(AccessKeyStore keys, NonceStore nonces, AuthConfig config, Clock clock) {
        this.keys = keys;
        this.nonces = nonces;
        this.config = config;
        this.clock = clock;
    }

    public Caller authenticate(RpcRequest request, ApiParameters parameters) {
        String accessKeyId = requireSigningPart(parameters, "AccessKeyId");
        String signature = requireSigningPart(parameters, SignatureV1.SIGNATURE);
        String method = parameters.optional("SignatureMethod");
        if (method == null || !"HMAC-SHA1".equals(method.toUpperCase(Locale.ROOT))) {
            throw ApiError.INCOMPLETE_SIGNATURE.exception("SignatureMethod must be HMAC-SHA1.");
        }
        String version = parameters.optional("SignatureVersion");
        if (version != null && !"1.0".equals(version)) {
            throw ApiError.INCOMPLETE_SIGNATURE.exception("SignatureVersion must be 1.0.");
        }
        String nonce = parameters.required("SignatureNonce");
        if (nonce.length() > 128) {
            throw ApiError.INVALID_PARAMETER.exception("SignatureNonce");
        }
        Instant timestamp = parseTimestamp(parameters.required("Timestamp"));

        AccessKey key = keys.find(accessKeyId).orElseThrow(ApiError.ACCESS_KEY_NOT_FOUND::exception);
        if (!key.active()) {
            throw ApiError.ACCESS_KEY_INACTIVE.exception();
        }
        String stringToSign = SignatureV1.stringToSign(request.method(), parameters.asMap());
        String expected = SignatureV1.sign(stringToSign, key.secret());
        if (!constantTimeEquals(expected, signature)) {
            throw ApiError.SIGNATURE_MISMATCH.exception(stringToSign);
        }
        Instant now = clock.instant();
        if (Duration.between(timestamp, now).abs().compareTo(config.timestampWindow()) > 0) {
            throw ApiError.TIMESTAMP_EXPIRED.exception();
        }
        Caller caller = new Caller(key.accountId(), key.accessKeyId());
        if (!nonces.claim(caller, nonce, now)) {
            throw ApiError.NONCE_USED.exception();
        }
        return caller;
    }

    private static String requireSigningPart(ApiParameters parameters, String name) {
        String value = parameters.optional(name);
        if (value == null) {
            throw ApiError.INCOMPLETE_SIGNATURE.exception(name + " is missing.");
        }
        return value;
    }

    /** UTC {@code yyyy-MM-ddTHH:mm:ssZ}; fractional seconds are tolerated, offsets other than Z are not. */
    static Instant parseTimestamp(String value) {
        if (!value.endsWith("Z") || value.length() > 30) {
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
