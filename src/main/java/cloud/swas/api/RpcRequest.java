package cloud.swas.api;

import java.util.function.Function;

/**
 * The transport-level facts of one call, independent of the HTTP framework: what the signature
 * covers (method, raw query, raw form body, headers) and the host the client called.
 */
public record RpcRequest(String method, String path, String rawQuery, String rawForm, byte[] body,
                         Function<String, String> headers, String host) {

    public String header(String name) {
        return headers.apply(name);
    }
}
