package cloud.swas.auth;

import java.util.function.BinaryOperator;

/**
 * What a signature scheme reads from a request before the key is known: who claims to sign, the
 * nonce and timestamp, the server-side string to sign, and how a secret turns it into a signature.
 * Everything after this point (key lookup, comparison, window, nonce) is common to V1 and V3.
 */
record SignedRequest(String accessKeyId, String nonce, String timestamp, String stringToSign,
                     String givenSignature, BinaryOperator<String> signer) {

    String expectedSignature(String secret) {
        return signer.apply(stringToSign, secret);
    }
}
