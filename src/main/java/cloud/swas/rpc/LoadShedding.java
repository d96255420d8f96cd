package cloud.swas.rpc;

import cloud.swas.api.RpcRequest;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * The first thing a call meets, on the event loop: its arrival is stamped (so that the time it then waits for a
 * worker thread counts against {@code swas.overload.max-wait}), and while the {@link OverloadGuard} is saturated, or
 * as many calls are in flight as can be served in time, it is refused right there, {@code 503 ServiceUnavailable} in the format it asked for, without a worker
 * thread: under overload a refusal must cost next to nothing, or refusals crowd out the calls that run.
 * Refusals are counted in the metrics and summarised in the log every few seconds rather than line by line.
 */
@ApplicationScoped
class LoadShedding {

    static final String ARRIVAL = "swas.arrival";
    private static final Logger LOG = Logger.getLogger(LoadShedding.class);
    private static final long SUMMARY_EVERY_NANOS = TimeUnit.SECONDS.toNanos(5);

    private final OverloadGuard guard;
    private final RpcGateway gateway;
    private final ApiMetrics metrics;
    private final AtomicLong refused = new AtomicLong();
    /** Calls past this filter whose answer has not ended: running, waiting for a turn, or queued for a thread. */
    private final AtomicInteger inFlight = new AtomicInteger();
    private final int maxInFlight;
    private final AtomicLong lastSummary = new AtomicLong(System.nanoTime());

    LoadShedding(OverloadGuard guard, RpcGateway gateway, ApiMetrics metrics, OverloadConfig config) {
        this.guard = guard;
        this.gateway = gateway;
        this.metrics = metrics;
        // Room for the calls that run and wait, and as many again on their way to a thread: a call beyond that
        // would only wait in a queue past its bound, and its refusal there would cost a thread.
        this.maxInFlight = config.maxConcurrentCalls() + 2 * config.maxWaitingCalls();
    }

    void register(@Observes Filters filters) {
        filters.register(this::handle, 100);
    }

    private void handle(RoutingContext rc) {
        long arrival = System.nanoTime();
        if (!"/".equals(rc.normalizedPath())) {
            rc.next();
            return;
        }
        if (!guard.saturated()) {
            if (inFlight.incrementAndGet() <= maxInFlight) {
                rc.addEndHandler(ended -> inFlight.decrementAndGet());
                rc.put(ARRIVAL, arrival);
                rc.next();
                return;
            }
            inFlight.decrementAndGet();
        }
        // The body may name the format (Format=JSON in a form): read it, here, without a worker thread. The
        // server pauses a request until a handler takes its body, so it is resumed once this one has.
        rc.request().body().onComplete(body -> refuse(rc, arrival, body.succeeded() ? body.result() : null));
        rc.request().resume();
    }

    private void refuse(RoutingContext rc, long arrival, Buffer body) {
        String form = body == null || body.length() == 0 ? null : body.toString(StandardCharsets.ISO_8859_1);
        RpcRequest request = new RpcRequest(rc.request().method().name(), rc.request().path(), rc.request().query(),
                form, new byte[0], rc.request()::getHeader, rc.request().getHeader("Host"));
        RpcGateway.ErrorReply reply = gateway.errorReply(request, gateway.newRequestId(), null, guard.refusal());
        rc.response().setStatusCode(reply.status());
        reply.headers().forEach(rc.response()::putHeader);
        rc.response().end(Buffer.buffer(reply.body()));
        metrics.record(ApiMetrics.UNKNOWN_ACTION, "ServiceUnavailable", ApiMetrics.NO_PRINCIPAL, false,
                System.nanoTime() - arrival);
        refused.incrementAndGet();
        long last = lastSummary.get();
        long now = System.nanoTime();
        if (now - last >= SUMMARY_EVERY_NANOS && lastSummary.compareAndSet(last, now)) {
            LOG.warnf("Overloaded: %d calls refused with ServiceUnavailable in the last %d s, before any work",
                    refused.getAndSet(0), TimeUnit.NANOSECONDS.toSeconds(now - last));
        }
    }
}
