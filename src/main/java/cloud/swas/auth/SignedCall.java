package cloud.swas.auth;

import cloud.swas.api.ApiParameters;
import cloud.swas.api.ResponseFormat;
import cloud.swas.api.RpcRequest;
import java.util.Locale;
import java.util.function.BinaryOperator;

/**
 * A request as its signature scheme reads it, V1 or V3, decided once at the edge: the effective Action,
 * Version, Format and parameters (a V3 request names Action and Version in signed headers and asks for
 * JSON by {@code Accept}), and what the signature covers. Nothing after this asks which scheme it was.
 */
public final class SignedCall {

    private final String action;
    private final String version;
    private final ResponseFormat format;
    private final ApiParameters parameters;
    final String accessKeyId;
    final String nonce;
    final String timestamp;
    final String stringToSign;
    final String givenSignature;
    /** The STS SecurityToken the request carries, covered by its signature; null when none. */
    final String securityToken;
    private final BinaryOperator<String> signer;

    SignedCall(ApiParameters parameters, String accessKeyId, String nonce, String timestamp, String stringToSign,
               String givenSignature, String securityToken, BinaryOperator<String> signer) {
        this.parameters = parameters;
        this.action = parameters.required("Action");
        this.version = parameters.required("Version");
        this.format = ResponseFormat.parse(parameters.optional("Format"));
        this.accessKeyId = accessKeyId;
        this.nonce = nonce;
        this.timestamp = timestamp;
        this.stringToSign = stringToSign;
        this.givenSignature = givenSignature;
        this.securityToken = securityToken;
        this.signer = signer;
    }

    /** Reads the request's signature scheme: V3 when it has an {@code ACS3-HMAC-SHA256} Authorization, else V1. */
    public static SignedCall read(RpcRequest request, ApiParameters parameters) {
        return SignatureV3.applies(request) ? SignatureV3.read(request, parameters)
                : SignatureV1.read(request.method(), parameters);
    }

    /**
     * The format a request asks for, judged from its raw text when its parameters could not be read (a
     * duplicate, bad encoding): {@code Format=JSON} in the query or body, or a V3 {@code Accept} of JSON.
     */
    public static ResponseFormat formatAskedBy(RpcRequest request) {
        ResponseFormat sniffed = ResponseFormat.sniff(request.rawQuery(), request.rawForm());
        return sniffed == ResponseFormat.XML && SignatureV3.applies(request) && acceptsJson(request)
                ? ResponseFormat.JSON : sniffed;
    }

    static boolean acceptsJson(RpcRequest request) {
        String accept = request.header("Accept");
        return accept != null && accept.toLowerCase(Locale.ROOT).contains("json");
    }

    public String action() {
        return action;
    }

    public String version() {
        return version;
    }

    public ResponseFormat format() {
        return format;
    }

    /** Every parameter as received (query and body), with V3's header-borne Action and Version. */
    public ApiParameters parameters() {
        return parameters;
    }

    String expectedSignature(String secret) {
        return signer.apply(stringToSign, secret);
    }
}
