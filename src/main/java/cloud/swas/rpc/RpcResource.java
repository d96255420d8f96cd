package cloud.swas.rpc;

import cloud.swas.api.RpcRequest;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The single RPC endpoint, {@code GET|POST /}. Thin on purpose: it hands the raw query string and
 * body to the gateway, because the signature covers parameters exactly as sent. Runs on a worker
 * thread (blocking JDBC behind it), as Quarkus REST does for non-reactive return types.
 */
@Path("/")
public class RpcResource {

    private final RpcGateway gateway;

    RpcResource(RpcGateway gateway) {
        this.gateway = gateway;
    }

    @GET
    public Response get(@Context RoutingContext context) {
        return gateway.handle(toRpcRequest(context.request(), null), arrival(context));
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    public Response post(@Context RoutingContext context, byte[] body) {
        return gateway.handle(toRpcRequest(context.request(), body), arrival(context));
    }

    /** When the request arrived, stamped on the event loop ({@link LoadShedding}). */
    private static long arrival(RoutingContext context) {
        Long arrival = context.get(LoadShedding.ARRIVAL);
        return arrival != null ? arrival : System.nanoTime();
    }

    static RpcRequest toRpcRequest(HttpServerRequest request, byte[] body) {
        byte[] content = body == null ? new byte[0] : body;
        return new RpcRequest(request.method().name(), request.path(), request.query(), formBody(request, content),
                content, request::getHeader, request.getHeader("Host"),
                request.remoteAddress() == null ? null : request.remoteAddress().hostAddress(), request.isSSL());
    }

    /**
     * Only a form body carries parameters. Decoded as ISO-8859-1 so that every byte survives to the
     * strict parser, which accepts nothing but ASCII percent-encoding.
     */
    private static String formBody(HttpServerRequest request, byte[] body) {
        if (body.length == 0) {
            return null;
        }
        String contentType = request.getHeader("Content-Type");
        if (contentType != null && !contentType.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
            return null;
        }
        return new String(body, StandardCharsets.ISO_8859_1);
    }
}
