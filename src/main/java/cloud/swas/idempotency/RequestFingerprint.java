package cloud.swas.idempotency;

import cloud.swas.api.ApiParameters;
import cloud.swas.auth.PercentEncoding;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

/**
 * What makes two requests "the same" for a ClientToken: Action, Version and every API parameter
 * (RegionId included), but none of the signing parameters, which differ on every retry.
 */
public final class RequestFingerprint {

    private RequestFingerprint() {
    }

    public static String of(ApiParameters parameters) {
        StringBuilder canonical = new StringBuilder(256)
                .append(parameters.optional("Action")).append('\n')
                .append(parameters.optional("Version")).append('\n');
        for (Map.Entry<String, String> entry : parameters.operationParameters().entrySet()) {
            // Percent-encoding keeps the text unambiguous whatever the values contain.
            canonical.append(PercentEncoding.encode(entry.getKey())).append('=')
                    .append(PercentEncoding.encode(entry.getValue())).append('&');
        }
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha256.digest(canonical.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }
}
