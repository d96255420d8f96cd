package cloud.swas.auth;

import cloud.swas.api.ApiError;
import cloud.swas.api.Characters;
import cloud.swas.api.Principal;
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
    private final SessionTokens sessionTokens;
    private final SessionRoles sessionRoles;

    Authenticator(AccessKeyStore keys, AuthConfig config, Clock clock, SessionTokens sessionTokens,
                  SessionRoles sessionRoles) {
        this.keys = keys;
        this.config = config;
        this.clock = clock;
        this.sessionTokens = sessionTokens;
        this.sessionRoles = sessionRoles;
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
        if (SessionTokens.isSessionKey(call.accessKeyId)) {
            return verifySession(call, timestamp);
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

    /**
     * A call with STS credentials (contract 11.6): the key's secret and the session come out of the token it carries,
     * nothing is looked up but whether the session's role still exists (contract 11.8), and only once the signature
     * holds. Expiry is judged by this replica's clock now, at receipt, whatever the request's timestamp says.
     */
    private Caller verifySession(SignedCall call, Instant timestamp) {
        if (call.securityToken == null) {
            throw ApiError.MISSING_SECURITY_TOKEN.exception();
        }
        SessionTokens.Session session;
        try {
            session = sessionTokens.open(call.securityToken);
        } catch (SessionTokens.Malformed e) {
            throw ApiError.SECURITY_TOKEN_MALFORMED.exception();
        }
        if (!session.accessKeyId().equals(call.accessKeyId)) {
            throw ApiError.SECURITY_TOKEN_MISMATCH.exception();
        }
        Instant now = clock.instant();
        if (!now.isBefore(session.expiration())) {
            throw ApiError.SECURITY_TOKEN_EXPIRED.exception();
        }
        if (!constantTimeEquals(call.expectedSignature(session.accessKeySecret()), call.givenSignature)) {
            throw ApiError.SIGNATURE_MISMATCH.exception(call.stringToSign);
        }
        if (Duration.between(timestamp, now).abs().compareTo(config.timestampWindow()) > 0) {
            throw ApiError.TIMESTAMP_EXPIRED.exception();
        }
        if (!sessionRoles.exists(session.accountId(), session.roleId())) {
            throw ApiError.STS_ROLE_NOT_FOUND.exception();
        }
        return new Caller(session.accountId(), session.accessKeyId(), call.nonce, timestamp,
                Principal.roleSession(session.accountId(), session.roleId(), session.roleName(),
                        session.sessionName(), session.sessionPolicy()));
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
