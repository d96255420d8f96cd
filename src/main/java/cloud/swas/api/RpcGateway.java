package cloud.swas.api;

import cloud.swas.auth.Authenticator;
import cloud.swas.auth.Caller;
import cloud.swas.auth.SignatureV3;
import cloud.swas.db.DatabaseConfig;
import cloud.swas.db.DatabaseFailures;
import cloud.swas.throttle.PendingAdmission;
import cloud.swas.throttle.Throttle;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

/**
 * The RPC pipeline of every call: parse, pick the operation, authenticate, admit (nonce and quota),
 * execute, render.
 * Every outcome, including a failure nobody foresaw, leaves as a documented body in the requested
 * format with {@code x-acs-request-id}.
 */
@ApplicationScoped
public class RpcGateway {

    public static final String API_VERSION = "2020-06-01";
    public static final String REQUEST_ID_HEADER = "x-acs-request-id";

    private static final Logger LOG = Logger.getLogger(RpcGateway.class);
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9.:\\[\\]_-]+");

    private final OperationRegistry operations;
    private final Authenticator authenticator;
    private final Throttle throttle;
    private final OperationExecutor executor;
    private final ResponseRenderer renderer;
    private final RequestIds requestIds;
    private final ParameterParser parser;
    private final int maxBodyBytes;
    private final Clock clock;
    private final ApiMetrics metrics;
    private final Duration retryAfter;

    RpcGateway(OperationRegistry operations, Authenticator authenticator, Throttle throttle, OperationExecutor executor,
               ResponseRenderer renderer, RequestIds requestIds, ApiConfig config, Clock clock, ApiMetrics metrics,
               DatabaseConfig database) {
        this.operations = operations;
        this.authenticator = authenticator;
        this.throttle = throttle;
        this.executor = executor;
        this.renderer = renderer;
        this.requestIds = requestIds;
        this.parser = new ParameterParser(config.maxParameters(), config.maxValueLength());
        this.maxBodyBytes = config.maxBodyBytes();
        this.clock = clock;
        this.metrics = metrics;
        this.retryAfter = database.retryAfter();
    }

    public Response handle(RpcRequest request) {
        long started = System.nanoTime();
        String requestId = requestIds.next();
        MDC.put("requestId", requestId);
        ResponseFormat format = null;
        // What the completion log line and the metrics report: closed sets only, never the caller's raw input.
        String action = ApiMetrics.UNKNOWN_ACTION;
        String code = ApiMetrics.SUCCESS;
        int status = 200;
        boolean replayed = false;
        try {
            if (request.body().length > maxBodyBytes) {
                throw ApiError.INVALID_PARAMETER.exception("Body");
            }
            ApiParameters parameters = withSignedHeaderDefaults(request,
                    parser.parse(request.rawQuery(), request.rawForm()));
            format = ResponseFormat.parse(parameters.optional("Format"));
            ApiOperation<?> operation = operations.find(parameters.required("Action"));
            MDC.put("action", operation.action());
            action = operation.action();
            if (!API_VERSION.equals(parameters.required("Version"))) {
                throw ApiError.INVALID_VERSION.exception();
            }
            Caller caller = authenticator.authenticate(request, parameters);
            MDC.put("accountId", Long.toString(caller.accountId()));
            PendingAdmission admission = throttle.prepare(caller, operation.action());
            CallContext context = new CallContext(requestId, operation.action(), caller.accountId(),
                    caller.accessKeyId(), clock.instant());
            Outcome outcome = executor.execute(operation, context, parameters, admission);
            Response.ResponseBuilder response = Response.ok(renderer.success(format, operation.action(), outcome.body()))
                    .header("Content-Type", format.contentType())
                    .header(REQUEST_ID_HEADER, outcome.body().get("RequestId").asText());
            if (outcome.replayed()) {
                replayed = true;
                response.header("x-acs-idempotent-replayed", "true");
            }
            return response.build();
        } catch (ApiException e) {
            code = e.error().code();
            status = e.error().status();
            return error(request, requestId, knownOrSniffed(format, request), e);
        } catch (RuntimeException | Error e) {
            if (DatabaseFailures.isTemporary(e)) {
                // A busy row, a slow database or an exhausted pool: temporary, and said so (contract section 4).
                LOG.warnf("A database wait reached its bound; answered ServiceUnavailable: %s", e.getMessage());
                ApiException unavailable = ApiError.SERVICE_UNAVAILABLE.exception()
                        .withRetryAfter(retryAfter.toMillis());
                code = unavailable.error().code();
                status = unavailable.error().status();
                return error(request, requestId, knownOrSniffed(format, request), unavailable);
            }
            // The only place a stack trace goes: the log, under this RequestId. The client sees the catalog entry.
            LOG.error("Unexpected failure; answered InternalError", e);
            code = ApiError.INTERNAL_ERROR.code();
            status = ApiError.INTERNAL_ERROR.status();
            return error(request, requestId, knownOrSniffed(format, request), ApiError.INTERNAL_ERROR.exception());
        } finally {
            long elapsed = System.nanoTime() - started;
            // One line per call, under the call's MDC (requestId, action, accountId); no parameters, no signature.
            LOG.infof("Completed action=%s code=%s status=%d durationMs=%d", action, code, status,
                    TimeUnit.NANOSECONDS.toMillis(elapsed));
            metrics.record(action, code, replayed, elapsed);
            MDC.remove("requestId");
            MDC.remove("action");
            MDC.remove("accountId");
        }
    }

    /** Renders a documented error; also used for failures outside the gateway (unknown path or method). */
    public Response error(RpcRequest request, String requestId, ResponseFormat format, ApiException e) {
        ApiError error = e.error();
        ResponseRenderer.ErrorBody body = new ResponseRenderer.ErrorBody(requestId, hostId(request), error.code(),
                e.clientMessage(), renderer.recommendation(error.code(), requestId));
        Response.ResponseBuilder response = Response.status(error.status())
                .entity(renderer.error(format, body))
                .header("Content-Type", format.contentType())
                .header(REQUEST_ID_HEADER, requestId);
        e.headers().forEach(response::header);
        return response.build();
    }

    /**
     * A V3 request names its Action and Version in signed headers rather than parameters, and asks for
     * JSON through {@code Accept} (the V3 SDKs send no {@code Format}). A parameter that contradicts
     * its header is refused: the signature covers the header.
     */
    private static ApiParameters withSignedHeaderDefaults(RpcRequest request, ApiParameters parameters) {
        if (!SignatureV3.isV3(request)) {
            return parameters;
        }
        ApiParameters result = parameters;
        for (String[] pair : new String[][] {{"Action", "x-acs-action"}, {"Version", "x-acs-version"}}) {
            String fromHeader = request.header(pair[1]);
            String fromParameter = result.optional(pair[0]);
            if (fromHeader != null && fromParameter == null) {
                result = result.with(pair[0], fromHeader);
            } else if (fromHeader != null && !fromHeader.equals(fromParameter)) {
                throw ApiError.INVALID_PARAMETER.exception(pair[0]);
            }
        }
        if (result.optional("Format") == null && acceptsJson(request)) {
            result = result.with("Format", "JSON");
        }
        return result;
    }

    private static boolean acceptsJson(RpcRequest request) {
        String accept = request.header("Accept");
        return accept != null && accept.toLowerCase(java.util.Locale.ROOT).contains("json");
    }

    private static ResponseFormat knownOrSniffed(ResponseFormat parsed, RpcRequest request) {
        if (parsed != null) {
            return parsed;
        }
        ResponseFormat sniffed = ResponseFormat.sniff(request.rawQuery(), request.rawForm());
        return sniffed == ResponseFormat.XML && SignatureV3.isV3(request) && acceptsJson(request)
                ? ResponseFormat.JSON : sniffed;
    }

    public String newRequestId() {
        return requestIds.next();
    }

    /** The host the client called, as {@code HostId}; anything that does not look like a host name is dropped. */
    private static String hostId(RpcRequest request) {
        String host = request.host();
        if (host == null || host.length() > 255 || !HOST.matcher(host).matches()) {
            return "unknown";
        }
        return host;
    }
}
