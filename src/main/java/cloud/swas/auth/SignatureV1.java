package cloud.swas.auth;

import cloud.swas.api.ApiError;
import cloud.swas.api.ApiParameters;
import cloud.swas.api.PercentEncoding;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signature version 1 (HMAC-SHA1) of contract section 2. Written here because no maintained library
 * verifies Alibaba Cloud RPC signatures on the server side; the algorithm is a few lines.
 */
public final class SignatureV1 {

    public static final String SIGNATURE = "Signature";
    /** STS credentials' token: a parameter like any other, so the signature covers it. */
    public static final String SECURITY_TOKEN = "SecurityToken";

    private SignatureV1() {
    }

    /** Reads the {@code Signature*} parameters of a V1 request. */
    static SignedCall read(String method, ApiParameters parameters) {
        String accessKeyId = requireSigningPart(parameters, "AccessKeyId");
        String signature = requireSigningPart(parameters, SIGNATURE);
        String signatureMethod = parameters.optional("SignatureMethod");
        if (signatureMethod == null || !"HMAC-SHA1".equals(signatureMethod.toUpperCase(Locale.ROOT))) {
            throw ApiError.INCOMPLETE_SIGNATURE.exception("SignatureMethod must be HMAC-SHA1.");
        }
        String version = parameters.optional("SignatureVersion");
        if (version != null && !"1.0".equals(version)) {
            throw ApiError.INCOMPLETE_SIGNATURE.exception("SignatureVersion must be 1.0.");
        }
        return new SignedCall(parameters, accessKeyId, parameters.required("SignatureNonce"),
                parameters.required("Timestamp"), stringToSign(method, parameters.asMap()), signature,
                parameters.optional(SECURITY_TOKEN), SignatureV1::sign);
    }

    private static String requireSigningPart(ApiParameters parameters, String name) {
        String value = parameters.optional(name);
        if (value == null) {
            throw ApiError.INCOMPLETE_SIGNATURE.exception(name + " is missing.");
        }
        return value;
    }

    /** {@code METHOD&%2F&percentEncode(sorted canonical query)} over every parameter but {@code Signature}. */
    public static String stringToSign(String method, Map<String, String> parameters) {
        Map<String, String> signed = new HashMap<>(parameters);
        signed.remove(SIGNATURE);
        return method.toUpperCase(Locale.ROOT) + "&%2F&" + PercentEncoding.encode(PercentEncoding.canonical(signed));
    }

    /** Base64(HMAC-SHA1(secret + "&", stringToSign)). */
    public static String sign(String stringToSign, String secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec((secret + "&").getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return Base64.getEncoder().encodeToString(mac.doFinal(stringToSign.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 unavailable", e);
        }
    }
}
