package cloud.swas.idempotency;

import cloud.swas.api.ApiParameters;
import cloud.swas.api.PercentEncoding;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * What makes two requests "the same" for a ClientToken: Action, Version and every API parameter
 * (RegionId included), but none of the signing parameters, which differ on every retry.
 */
public final class RequestFingerprint {

    private RequestFingerprint() {
    }

    public static String of(ApiParameters parameters) {
        // Percent-encoding keeps the text unambiguous whatever the values contain. The trailing '&' keeps the
        // digests of tokens stored by earlier versions (they appended one after every pair).
        String pairs = PercentEncoding.canonical(parameters.operationParameters());
        String canonical = parameters.optional("Action") + '\n' + parameters.optional("Version") + '\n'
                + (pairs.isEmpty() ? "" : pairs + '&');
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha256.digest(canonical.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }
}
