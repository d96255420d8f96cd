package cloud.swas.auth;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * STS credentials without server-side state (contract 11.1, 11.6): everything a role session is travels inside
 * its SecurityToken, sealed with AES-256-GCM under a signing key, so a token issued by one replica works on every
 * replica and after a restart, and its holder can neither read-and-alter it nor extend it (any change breaks the
 * GCM tag). The session's AccessKeySecret is derived, HMAC-SHA256 of its AccessKeyId under the same signing key,
 * so it is stored nowhere either, and a token presented with another AccessKeyId is recognised as such.
 *
 * <p>Token: {@code v1.<kid>.<base64url(iv || ciphertext+tag)>}; the {@code v1.<kid>} prefix is the GCM associated
 * data, so a token cannot be moved to another key id. {@code kid} names the signing key
 * ({@code swas.auth.sts-signing-keys}): the first key of the list signs, every listed key verifies, which is how
 * the signing material rotates (add a new first key, keep the old one listed for at least the longest session,
 * 12 h, then remove it: tokens of a removed key are {@code InvalidSecurityToken.Malformed}).
 *
 * <p>Size: without a session policy a token is about 200 characters. A session policy (at most
 * {@value #MAX_POLICY_LENGTH} characters) goes inside deflated, because policies are repetitive JSON; a token
 * longer than {@value #MAX_TOKEN_LENGTH} characters is refused at issue ({@link TooLarge}), so that every token
 * fits in a request parameter ({@code swas.api.max-value-length}, 8192) and in a header.
 */
@ApplicationScoped
public class SessionTokens {

    public static final String ACCESS_KEY_PREFIX = "STS.";
    /** The longest token issued, in characters. */
    public static final int MAX_TOKEN_LENGTH = 8000;
    /** The longest session policy carried, in characters (the policy language's own limit). */
    public static final int MAX_POLICY_LENGTH = 6144;

    private static final String VERSION = "v1";
    private static final Pattern KID = Pattern.compile("[A-Za-z0-9]{1,16}");
    /** The value of an entry of {@code sts-signing-keys} that stands for the key derived from the encryption key. */
    static final String DERIVED = "derived";
    /** The key id of the default signing key, derived from {@code swas.auth.encryption-key}. */
    static final String DEFAULT_KID = "enc";
    private static final int IV_LENGTH = 12;
    private static final int TAG_BITS = 128;
    private static final int FLAG_POLICY = 1;
    private static final int FLAG_POLICY_DEFLATED = 2;
    private static final char[] BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();
    private static final int ID_LENGTH = 24;
    private static final int SECRET_BYTES = 30;

    private final SigningKey signing;
    private final Map<String, SigningKey> verifying;
    private final SecureRandom random = new SecureRandom();

    @Inject
    SessionTokens(AuthConfig config) {
        this(config.stsSigningKeys().orElse(List.of()), config.encryptionKey());
    }

    /** From {@code swas.auth.sts-signing-keys} (empty: the default) and {@code swas.auth.encryption-key}. */
    SessionTokens(List<String> signingKeys, Optional<String> encryptionKey) {
        List<String> entries = signingKeys.isEmpty() ? List.of(DEFAULT_KID + "=" + DERIVED) : signingKeys;
        Map<String, SigningKey> keys = new LinkedHashMap<>();
        for (String entry : entries) {
            SigningKey key = SigningKey.parse(entry.trim(), encryptionKey);
            if (keys.putIfAbsent(key.kid(), key) != null) {
                throw new IllegalStateException("swas.auth.sts-signing-keys names key id " + key.kid() + " twice");
            }
        }
        this.verifying = Map.copyOf(keys);
        this.signing = keys.values().iterator().next();
    }

    /** What AssumeRole hands out. {@link #toString()} leaves the secret and the token out. */
    public record Issued(String accessKeyId, String accessKeySecret, String securityToken, Instant expiration) {
        @Override
        public String toString() {
            return "Issued[accessKeyId=" + accessKeyId + ", expiration=" + expiration + "]";
        }
    }

    /**
     * A role session as its token carries it.
     *
     * @param accountId     the account the session acts in (the role's)
     * @param sessionPolicy the session policy's text, or null
     * @param expiration    the first instant at which the session no longer works
     */
    public record Session(long accountId, String roleId, String roleName, String sessionName, String sessionPolicy,
                          String accessKeyId, Instant expiration, String accessKeySecret) {
        @Override
        public String toString() {
            return "Session[accountId=" + accountId + ", roleId=" + roleId + ", sessionName=" + sessionName
                    + ", accessKeyId=" + accessKeyId + ", expiration=" + expiration + "]";
        }
    }

    /** A token that does not decode, is not sealed by a key this replica knows, or was altered. */
    public static final class Malformed extends RuntimeException {
        Malformed(String reason) {
            super(reason, null, false, false);
        }
    }

    /** The session would not fit in a token of {@link #MAX_TOKEN_LENGTH} characters (its policy is too large). */
    public static final class TooLarge extends RuntimeException {
        TooLarge() {
            super("token too large", null, false, false);
        }
    }

    public static boolean isSessionKey(String accessKeyId) {
        return accessKeyId != null && accessKeyId.startsWith(ACCESS_KEY_PREFIX);
    }

    /** Seals a new session under the current signing key, with a new AccessKeyId. */
    public Issued issue(long accountId, String roleId, String roleName, String sessionName, String sessionPolicy,
                        Instant expiration) {
        if (sessionPolicy != null && sessionPolicy.length() > MAX_POLICY_LENGTH) {
            throw new TooLarge();
        }
        String accessKeyId = newAccessKeyId();
        byte[] payload = payload(accountId, roleId, roleName, sessionName, sessionPolicy, accessKeyId, expiration);
        byte[] iv = new byte[IV_LENGTH];
        random.nextBytes(iv);
        String prefix = VERSION + "." + signing.kid();
        byte[] sealed;
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, signing.encryption(), new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(prefix.getBytes(StandardCharsets.US_ASCII));
            sealed = cipher.doFinal(payload);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM unavailable", e);
        }
        String token = prefix + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(
                ByteBuffer.allocate(IV_LENGTH + sealed.length).put(iv).put(sealed).array());
        if (token.length() > MAX_TOKEN_LENGTH) {
            throw new TooLarge();
        }
        return new Issued(accessKeyId, signing.secretOf(accessKeyId), token, expiration);
    }

    /**
     * Opens a token: the session it carries and the AccessKeySecret that belongs to its AccessKeyId. Says nothing
     * of expiry (the caller's clock decides) nor of whether the role still exists.
     *
     * @throws Malformed when the token is not one this service sealed with a key it still has, or was altered
     */
    public Session open(String token) {
        if (token == null || token.length() > MAX_TOKEN_LENGTH) {
            throw new Malformed("length");
        }
        int first = token.indexOf('.');
        int second = first < 0 ? -1 : token.indexOf('.', first + 1);
        if (second < 0 || !VERSION.equals(token.substring(0, first))) {
            throw new Malformed("shape");
        }
        SigningKey key = verifying.get(token.substring(first + 1, second));
        if (key == null) {
            throw new Malformed("unknown key id");
        }
        byte[] raw;
        try {
            raw = Base64.getUrlDecoder().decode(token.substring(second + 1));
        } catch (IllegalArgumentException e) {
            throw new Malformed("base64");
        }
        if (raw.length < IV_LENGTH + TAG_BITS / 8) {
            throw new Malformed("short");
        }
        byte[] payload;
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key.encryption(), new GCMParameterSpec(TAG_BITS, raw, 0, IV_LENGTH));
            cipher.updateAAD(token.substring(0, second).getBytes(StandardCharsets.US_ASCII));
            payload = cipher.doFinal(raw, IV_LENGTH, raw.length - IV_LENGTH);
        } catch (javax.crypto.AEADBadTagException e) {
            throw new Malformed("tag");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM unavailable", e);
        }
        return read(payload, key);
    }

    private String newAccessKeyId() {
        StringBuilder id = new StringBuilder(ACCESS_KEY_PREFIX.length() + ID_LENGTH).append(ACCESS_KEY_PREFIX);
        for (int i = 0; i < ID_LENGTH; i++) {
            id.append(BASE62[random.nextInt(BASE62.length)]);
        }
        return id.toString();
    }

    private static byte[] payload(long accountId, String roleId, String roleName, String sessionName,
                                  String sessionPolicy, String accessKeyId, Instant expiration) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            byte[] policy = null;
            int flags = 0;
            if (sessionPolicy != null) {
                policy = sessionPolicy.getBytes(StandardCharsets.UTF_8);
                flags |= FLAG_POLICY;
                byte[] deflated = deflate(policy);
                if (deflated.length < policy.length) {
                    policy = deflated;
                    flags |= FLAG_POLICY_DEFLATED;
                }
            }
            out.writeByte(flags);
            out.writeLong(accountId);
            out.writeLong(expiration.getEpochSecond());
            out.writeUTF(roleId);
            out.writeUTF(roleName);
            out.writeUTF(sessionName);
            out.writeUTF(accessKeyId);
            if (policy != null) {
                out.writeInt(policy.length);
                out.write(policy);
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return bytes.toByteArray();
    }

    private static Session read(byte[] payload, SigningKey key) {
        // Only a payload this service sealed gets here (the GCM tag held): a failure to read it is a bug or a key
        // reused by another program, answered as a malformed token all the same.
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(payload))) {
            int flags = in.readUnsignedByte();
            long accountId = in.readLong();
            Instant expiration = Instant.ofEpochSecond(in.readLong());
            String roleId = in.readUTF();
            String roleName = in.readUTF();
            String sessionName = in.readUTF();
            String accessKeyId = in.readUTF();
            String policy = null;
            if ((flags & FLAG_POLICY) != 0) {
                int length = in.readInt();
                if (length < 0 || length > payload.length) {
                    throw new Malformed("policy length");
                }
                byte[] bytes = in.readNBytes(length);
                if ((flags & FLAG_POLICY_DEFLATED) != 0) {
                    bytes = inflate(bytes);
                }
                policy = new String(bytes, StandardCharsets.UTF_8);
            }
            if (in.available() != 0 || !isSessionKey(accessKeyId)) {
                throw new Malformed("payload");
            }
            return new Session(accountId, roleId, roleName, sessionName, policy, accessKeyId, expiration,
                    key.secretOf(accessKeyId));
        } catch (IOException | DataFormatException e) {
            throw new Malformed("payload");
        }
    }

    private static byte[] deflate(byte[] input) {
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION, true);
        try {
            deflater.setInput(input);
            deflater.finish();
            ByteArrayOutputStream out = new ByteArrayOutputStream(input.length);
            byte[] buffer = new byte[1024];
            while (!deflater.finished()) {
                out.write(buffer, 0, deflater.deflate(buffer));
            }
            return out.toByteArray();
        } finally {
            deflater.end();
        }
    }

    private static byte[] inflate(byte[] input) throws DataFormatException {
        Inflater inflater = new Inflater(true);
        try {
            inflater.setInput(input);
            ByteArrayOutputStream out = new ByteArrayOutputStream(input.length * 4);
            byte[] buffer = new byte[1024];
            // At most the longest policy in UTF-8: nothing sealed here inflates further.
            while (!inflater.finished()) {
                int n = inflater.inflate(buffer);
                if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    throw new DataFormatException("truncated");
                }
                out.write(buffer, 0, n);
                if (out.size() > MAX_POLICY_LENGTH * 4) {
                    throw new DataFormatException("too long");
                }
            }
            return out.toByteArray();
        } finally {
            inflater.end();
        }
    }

    /** One signing key: the AES key that seals tokens and the HMAC key that derives secrets, both from its bytes. */
    private record SigningKey(String kid, SecretKeySpec encryption, SecretKeySpec secrets) {

        static SigningKey parse(String entry, Optional<String> encryptionKey) {
            int eq = entry.indexOf('=');
            String kid = eq < 0 ? "" : entry.substring(0, eq).trim();
            if (!KID.matcher(kid).matches()) {
                throw new IllegalStateException("swas.auth.sts-signing-keys entries must read <kid>=<base64 of 32 bytes> "
                        + "(kid: 1-16 letters or digits), or <kid>=" + DERIVED);
            }
            String value = entry.substring(eq + 1).trim();
            byte[] material;
            if (DERIVED.equals(value)) {
                material = derivedFromEncryptionKey(encryptionKey);
            } else {
                try {
                    material = Base64.getDecoder().decode(value);
                } catch (IllegalArgumentException e) {
                    throw new IllegalStateException("swas.auth.sts-signing-keys: the key " + kid + " is not base64");
                }
                if (material.length < 32) {
                    throw new IllegalStateException("swas.auth.sts-signing-keys: the key " + kid
                            + " must be at least 32 bytes, got " + material.length);
                }
            }
            SigningKey key = new SigningKey(kid, new SecretKeySpec(hmac(material, "swas sts token encryption"), "AES"),
                    new SecretKeySpec(hmac(material, "swas sts access key secret"), "HmacSHA256"));
            Arrays.fill(material, (byte) 0);
            return key;
        }

        String secretOf(String accessKeyId) {
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(secrets);
                byte[] digest = mac.doFinal(accessKeyId.getBytes(StandardCharsets.UTF_8));
                return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, SECRET_BYTES));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("HmacSHA256 unavailable", e);
            }
        }

        @Override
        public String toString() {
            return "SigningKey[" + kid + "]";
        }
    }

    /**
     * The default signing material: from the key that encrypts secrets at rest, which every deployment already has,
     * under a label of its own (what the encryption key itself protects is not reachable from it).
     */
    private static byte[] derivedFromEncryptionKey(Optional<String> encryptionKey) {
        String encoded = encryptionKey.orElseThrow(() -> new IllegalStateException(
                "swas.auth.sts-signing-keys is not set and there is no swas.auth.encryption-key to derive it from"));
        return hmac(Base64.getDecoder().decode(encoded.trim()), "swas sts signing key derived from the encryption key");
    }

    private static byte[] hmac(byte[] key, String label) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(label.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    /** The key ids this replica verifies, signing key first (for logs and tests). */
    List<String> keyIds() {
        List<String> ids = new ArrayList<>();
        ids.add(signing.kid());
        verifying.keySet().stream().filter(k -> !k.equals(signing.kid())).sorted().forEach(ids::add);
        return ids;
    }
}
