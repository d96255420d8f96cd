package cloud.swas.rpc;

import cloud.swas.api.ApiError;
import cloud.swas.api.ApiException;
import cloud.swas.api.ApiOperation;
import cloud.swas.api.ApiParameters;
import cloud.swas.api.CallContext;
import cloud.swas.api.ResponseFormat;
import cloud.swas.api.RpcRequest;
import cloud.swas.auth.Authenticator;
import cloud.swas.auth.Caller;
import cloud.swas.auth.SignedCall;
import cloud.swas.db.DatabaseConfig;
import cloud.swas.db.DatabaseFailures;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

/**
 * The RPC pipeline of every call: parse, read the signature scheme, pick the operation, authenticate,
 * run (admission, idempotency, the operation), render. Every outcome, including a failure nobody
 * foresaw, leaves as a documented body in the requested format with {@code x-acs-request-id}.
 */
@ApplicationScoped
public class RpcGateway {

    public static final String REQUEST_ID_HEADER = "x-acs-request-id";

    private static final Logger LOG = Logger.getLogger(RpcGateway.class);
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9.:\\[\\]_-]+");
    /** The call's span (the HTTP server span of its request): closed sets and the account, never a parameter. */
    static final AttributeKey<String> SPAN_ACTION = AttributeKey.stringKey("swas.action");
    static final AttributeKey<String> SPAN_CODE = AttributeKey.stringKey("swas.code");
    static final AttributeKey<Long> SPAN_ACCOUNT = AttributeKey.longKey("swas.account_id");
    /**
     * The HTTP instrumentation records the query string, which on a GET call holds the signature (and on a V1 call
     * the AccessKeyId): replaced, as the log leaves the parameters out.
     */
    private static final AttributeKey<String> URL_QUERY = AttributeKey.stringKey("url.query");

    private final OperationRegistry operations;
    private final Authenticator authenticator;
    private final CallExecutor executor;
    private final ResponseRenderer renderer;
    private final RequestIds requestIds;
    private final ParameterParser parser;
    private final int maxBodyBytes;
    private final Clock clock;
    private final ApiMetrics metrics;
    private final Duration retryAfter;
    private final DatabaseFailures databaseFailures;
    private final OverloadGuard overload;
    private final Origins origins;

    RpcGateway(OperationRegistry operations, Authenticator authenticator, CallExecutor executor,
               ResponseRenderer renderer, RequestIds requestIds, ApiConfig config, Clock clock, ApiMetrics metrics,
               DatabaseConfig database, DatabaseFailures databaseFailures, OverloadGuard overload,
               Origins origins) {
        this.operations = operations;
        this.authenticator = authenticator;
        this.executor = executor;
        this.renderer = renderer;
        this.requestIds = requestIds;
        this.parser = new ParameterParser(config.maxParameters(), config.maxValueLength());
        this.maxBodyBytes = config.maxBodyBytes();
        this.clock = clock;
        this.metrics = metrics;
        this.retryAfter = database.retryAfter();
        this.databaseFailures = databaseFailures;
        this.overload = overload;
        this.origins = origins;
    }

    public Response handle(RpcRequest request, long arrivalNanos) {
        long started = System.nanoTime();
        String requestId = requestIds.next();
        MDC.put("requestId", requestId);
        ResponseFormat format = null;
        // What the completion log line and the metrics report: closed sets only, never the caller's raw input.
        String action = ApiMetrics.UNKNOWN_ACTION;
        String code = ApiMetrics.SUCCESS;
        String principalType = ApiMetrics.NO_PRINCIPAL;
        int status = 200;
        boolean replayed = false;
        Long accountId = null;
        try {
            overload.admitArrival(arrivalNanos);
            if (request.body().length > maxBodyBytes) {
                throw ApiError.INVALID_PARAMETER.exception("Body");
            }
            ApiParameters parameters = parser.parse(request.rawQuery(), request.rawForm());
            SignedCall call = SignedCall.read(request, parameters);
            format = call.format();
            ApiOperation<?> operation = operations.find(call.version(), call.action());
            MDC.put("action", operation.action());
            action = operation.action();
            if (operation.postOnly() && !"POST".equals(request.method())) {
                throw ApiError.UNSUPPORTED_HTTP_METHOD.exception();
            }
            Caller caller = authenticator.verify(call);
            accountId = caller.accountId();
            MDC.put("accountId", Long.toString(caller.accountId()));
            principalType = caller.principal().type().metricLabel();
            MDC.put("principalType", principalType);
            CallContext context = new CallContext(requestId, operation.action(), caller.accountId(),
                    caller.accessKeyId(), clock.instant(), caller.principal(), origins.of(request));
            CallResult result = executor.run(operation, context, caller, call.parameters());
            Response.ResponseBuilder response = Response.ok(renderer.success(format, operation.action(), result.body()))
                    .header("Content-Type", format.contentType())
                    .header(REQUEST_ID_HEADER, result.body().get("RequestId").asText());
            if (result.replayed()) {
                replayed = true;
                response.header("x-acs-idempotent-replayed", "true");
            }
            return response.build();
        } catch (ApiException e) {
            code = e.error().code();
            status = e.error().status();
            return error(request, requestId, format, e);
        } catch (RuntimeException | Error e) {
            ApiException answer;
            if (databaseFailures.isTemporary(e)) {
                // A busy row, a slow database, an exhausted pool, a lost connection: temporary, and said so.
                LOG.warnf("A temporary database failure (a bound reached, a lost or read-only connection); "
                        + "answered ServiceUnavailable: %s", e.getMessage());
                answer = ApiError.SERVICE_UNAVAILABLE.exception().withRetryAfter(retryAfter.toMillis());
            } else {
                // The only place a stack trace goes: the log, under this RequestId. The client sees the catalog entry.
                LOG.error("Unexpected failure; answered InternalError", e);
                answer = ApiError.INTERNAL_ERROR.exception();
            }
            code = answer.error().code();
            status = answer.error().status();
            return error(request, requestId, format, answer);
        } finally {
            long elapsed = System.nanoTime() - started;
            // One line per call, under the call's MDC (requestId, action, accountId, principalType); no parameters, no
            // signature, no principal's name.
            LOG.infof("Completed action=%s code=%s status=%d durationMs=%d", action, code, status,
                    TimeUnit.NANOSECONDS.toMillis(elapsed));
            metrics.record(action, code, principalType, replayed, elapsed);
            describeSpan(request, action, code, accountId);
            MDC.remove("requestId");
            MDC.remove("action");
            MDC.remove("accountId");
            MDC.remove("principalType");
        }
    }

    /** Tracing off ({@code quarkus.otel.sdk.disabled}, the default) leaves no span recording: nothing to do. */
    private static void describeSpan(RpcRequest request, String action, String code, Long accountId) {
        Span span = Span.current();
        if (!span.isRecording()) {
            return;
        }
        span.setAttribute(SPAN_ACTION, action);
        span.setAttribute(SPAN_CODE, code);
        if (accountId != null) {
            span.setAttribute(SPAN_ACCOUNT, accountId);
        }
        if (request.rawQuery() != null && !request.rawQuery().isEmpty()) {
            span.setAttribute(URL_QUERY, "(redacted)");
        }
    }

    /**
     * Renders a documented error, in {@code format} or, when the request's parameters could not be read that
     * far, in the format its raw text asks for; also used for failures outside the gateway (unknown path or
     * method).
     */
    Response error(RpcRequest request, String requestId, ResponseFormat format, ApiException e) {
        ErrorReply reply = errorReply(request, requestId, format, e);
        Response.ResponseBuilder response = Response.status(reply.status()).entity(reply.body());
        reply.headers().forEach(response::header);
        return response.build();
    }

    /** A documented error as status, headers and body, for any transport. */
    record ErrorReply(int status, Map<String, String> headers, byte[] body) {
    }

    ErrorReply errorReply(RpcRequest request, String requestId, ResponseFormat format, ApiException e) {
        ResponseFormat answerFormat = format != null ? format : SignedCall.formatAskedBy(request);
        ApiError error = e.error();
        ResponseRenderer.ErrorBody body = new ResponseRenderer.ErrorBody(requestId, hostId(request), error.code(),
                e.clientMessage(), renderer.recommendation(error.code(), requestId), e.accessDeniedDetail());
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", answerFormat.contentType());
        headers.put(REQUEST_ID_HEADER, requestId);
        headers.putAll(e.headers());
        return new ErrorReply(error.status(), headers, renderer.error(answerFormat, body));
    }

    String newRequestId() {
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
