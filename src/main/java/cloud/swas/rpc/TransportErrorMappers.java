package cloud.swas.rpc;

import cloud.swas.api.ApiError;
import cloud.swas.api.ApiException;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Failures that happen before the gateway runs (unknown path, unsupported method, unreadable body)
 * still answer with a catalog error body and a RequestId, never the framework's default page.
 */
public class TransportErrorMappers {

    private final RpcGateway gateway;

    TransportErrorMappers(RpcGateway gateway) {
        this.gateway = gateway;
    }

    @ServerExceptionMapper
    public Response notFound(NotFoundException e, HttpServerRequest request) {
        return render(request, ApiError.ACTION_NOT_FOUND.exception());
    }

    @ServerExceptionMapper
    public Response notAllowed(NotAllowedException e, HttpServerRequest request) {
        return render(request, ApiError.ACTION_NOT_FOUND.exception());
    }

    @ServerExceptionMapper
    public Response otherTransportError(WebApplicationException e, HttpServerRequest request) {
        int status = e.getResponse() == null ? 500 : e.getResponse().getStatus();
        return render(request, status < 500 ? ApiError.INVALID_PARAMETER.exception("request")
                : ApiError.INTERNAL_ERROR.exception());
    }

    private Response render(HttpServerRequest request, ApiException error) {
        return gateway.error(RpcResource.toRpcRequest(request, null), gateway.newRequestId(), null, error);
    }
}
