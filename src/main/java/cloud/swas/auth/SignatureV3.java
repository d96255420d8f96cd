package cloud.swas.auth;

import cloud.swas.api.ApiError;
import cloud.swas.api.ApiParameters;
import cloud.swas.api.Characters;
import cloud.swas.api.PercentEncoding;
import cloud.swas.api.RpcRequest;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signature version 3 (ACS3-HMAC-SHA256) of contract section 2: the canonical request and the
 * string to sign. Hand-written for the same reason as {@link SignatureV1}: a few lines, and no
 * maintained server-side verifier exists.
 */
public final class SignatureV3 {

    public static final String ALGORITHM = "ACS3-HMAC-SHA256";

    private SignatureV3() {
    }

    private static final String NONCE = "x-acs-signature-nonce";
    /** STS credentials' token (contract 11.6): it must be signed, or a token could be swapped under a signature. */
    public static final String SECURITY_TOKEN = "x-acs-security-token";
    private static final String CONTENT_TYPE = "content-type";

    /**
     * The headers every V3 request must sign, each with a value: the ones this service reads, and the host it was
     * sent to. {@code content-type} besides when the body carries parameters.
     */
    static final List<String> REQUIRED_SIGNED_HEADERS = List.of("host", "x-acs-action", "x-acs-version", "x-acs-date",
            NONCE, "x-acs-content-sha256");

    static boolean applies(RpcRequest request) {
        String authorization = request.header("Authorization");
        return authorization != null && authorization.startsWith(ALGORITHM + " ");
    }

    /**
     * Reads the {@code Authorization} header and the signed headers of a V3 request. Refuses a
     * request whose signature does not cover what the service relies on, and a body that is not the
     * one whose hash was signed. Action and Version come from the signed headers; a parameter that
     * contradicts its header is refused (the signature covers the header). Without a {@code Format} the
     * answer is JSON when {@code Accept} asks for it: the V3 SDKs send no {@code Format}.
     */
    static SignedCall read(RpcRequest request, ApiParameters parameters) {
        Map<String, String> parts = new HashMap<>();
        for (String part : request.header("Authorization").substring(ALGORITHM.length() + 1).split(",")) {
            int eq = part.indexOf('=');
            if (eq > 0) {
                parts.put(part.substring(0, eq).trim(), part.substring(eq + 1).trim());
            }
        }
        String accessKeyId = parts.get("Credential");
        String signedHeaderList = parts.get("SignedHeaders");
        String signature = parts.get("Signature");
        if (isBlank(accessKeyId) || isBlank(signedHeaderList) || isBlank(signature)) {
            throw ApiError.INCOMPLETE_SIGNATURE.exception("Authorization needs Credential, SignedHeaders and Signature.");
        }
        Map<String, String> signedHeaders = new HashMap<>();
        for (String name : signedHeaderList.split(";")) {
            String lower = name.trim().toLowerCase(Locale.ROOT);
            String value = request.header(lower);
            if (lower.isEmpty() || value == null) {
                throw ApiError.INCOMPLETE_SIGNATURE.exception("Signed header " + printable(lower) + " is missing.");
            }
            signedHeaders.put(lower, value);
        }
        for (String required : REQUIRED_SIGNED_HEADERS) {
            if (!signedHeaders.containsKey(required)) {
                throw ApiError.INCOMPLETE_SIGNATURE.exception("Header " + required + " must be signed.");
            }
        }
        // Signed, but empty: as V1 answers an empty SignatureNonce or Timestamp. An empty nonce would be "used" by
        // the first such call of the key and refuse the next for the whole window.
        for (String required : REQUIRED_SIGNED_HEADERS) {
            if (signedHeaders.get(required).isBlank()) {
                throw ApiError.MISSING_PARAMETER.exception(required);
            }
        }
        if (!Characters.acceptable(signedHeaders.get(NONCE))) {
            throw ApiError.INVALID_PARAMETER.exception(NONCE);
        }
        // The body's hash fixes its bytes, not whether they are read as parameters: Content-Type decides that. Every
        // official V3 signer signs content-type whenever it sends one, so a body read as parameters requires it.
        if (request.rawForm() != null && !signedHeaders.containsKey(CONTENT_TYPE)) {
            throw ApiError.INCOMPLETE_SIGNATURE.exception("Header " + CONTENT_TYPE
                    + " must be signed when the body carries parameters.");
        }
        String payloadHash = sha256Hex(request.body());
        if (!payloadHash.equals(signedHeaders.get("x-acs-content-sha256"))) {
            throw ApiError.SIGNATURE_MISMATCH.exception(" (x-acs-content-sha256 is not the hash of the body)");
        }
        String securityToken = request.header(SECURITY_TOKEN);
        if (securityToken != null && !signedHeaders.containsKey(SECURITY_TOKEN)) {
            throw ApiError.INCOMPLETE_SIGNATURE.exception("Header " + SECURITY_TOKEN + " must be signed.");
        }
        if (securityToken == null) {
            // A V3 request may carry it as a parameter too; the query is signed, a body by its hash.
            securityToken = parameters.optional(SignatureV1.SECURITY_TOKEN);
        }
        String canonical = canonicalRequest(request.method(), request.path(), parameters.fromQuery(), signedHeaders,
                payloadHash);
        return new SignedCall(effective(request, parameters), accessKeyId, signedHeaders.get(NONCE),
                signedHeaders.get("x-acs-date"), stringToSign(canonical), signature, blankToNull(securityToken),
                SignatureV3::sign);
    }

    private static ApiParameters effective(RpcRequest request, ApiParameters parameters) {
        ApiParameters result = parameters;
        for (String[] pair : new String[][] {{"Action", "x-acs-action"}, {"Version", "x-acs-version"}}) {
            String fromHeader = request.header(pair[1]);
            String fromParameter = result.optional(pair[0]);
            if (fromParameter == null) {
                result = result.with(pair[0], fromHeader);
            } else if (!fromHeader.equals(fromParameter)) {
                throw ApiError.INVALID_PARAMETER.exception(pair[0]);
            }
        }
        if (result.optional("Format") == null && SignedCall.acceptsJson(request)) {
            result = result.with("Format", "JSON");
        }
        return result;
    }

    private static String blankToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }

    /** A header name from the caller, as an error message may echo it: header-name characters only, cut short. */
    private static String printable(String name) {
        String cleaned = name.replaceAll("[^a-z0-9-]", "?");
        return cleaned.length() > 64 ? cleaned.substring(0, 64) : cleaned;
    }

    /**
     * @param query         the query parameters, decoded (the body is covered by {@code hashedPayload})
     * @param signedHeaders lower-case header name to value, exactly the headers named in SignedHeaders
     */
    public static String canonicalRequest(String method, String path, Map<String, String> query,
                                          Map<String, String> signedHeaders, String hashedPayload) {
        String canonicalQuery = PercentEncoding.canonical(query);
        StringBuilder canonicalHeaders = new StringBuilder();
        TreeMap<String, String> sortedHeaders = new TreeMap<>(signedHeaders);
        sortedHeaders.forEach((name, value) -> canonicalHeaders.append(name).append(':').append(value.trim()).append('\n'));
        return method + '\n' + path + '\n' + canonicalQuery + '\n' + canonicalHeaders + '\n'
                + String.join(";", sortedHeaders.keySet()) + '\n' + hashedPayload;
    }

    public static String stringToSign(String canonicalRequest) {
        return ALGORITHM + '\n' + sha256Hex(canonicalRequest.getBytes(StandardCharsets.UTF_8));
    }

    /** hex(HMAC-SHA256(secret, stringToSign)); unlike V1, no {@code &} is appended to the key. */
    public static String sign(String stringToSign, String secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(stringToSign.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    public static String sha256Hex(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }
}
