package cloud.swas.api;

import java.util.function.Function;

/**
 * The transport-level facts of one call, independent of the HTTP framework: what the signature
 * covers (method, raw query, raw form body, headers), the host the client called, and where the call came from
 * (the peer's address and whether the connection is TLS; a trusted proxy's headers are read by the pipeline).
 */
public record RpcRequest(String method, String path, String rawQuery, String rawForm, byte[] body,
                         Function<String, String> headers, String host, String remoteAddress, boolean secure) {

    /** A request whose peer is unknown (tests, non-network transports): no address, not TLS. */
    public RpcRequest(String method, String path, String rawQuery, String rawForm, byte[] body,
                      Function<String, String> headers, String host) {
        this(method, path, rawQuery, rawForm, body, headers, host, null, false);
    }

    public String header(String name) {
        return headers.apply(name);
    }
}
