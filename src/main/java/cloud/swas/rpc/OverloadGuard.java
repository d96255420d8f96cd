package cloud.swas.rpc;

import io.quarkus.vertx.http.runtime.filters.Filters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Overload is answered, not queued forever: at most {@code maxConcurrentCalls} run, at most
 * {@code maxWaitingCalls} wait, and no call waits past {@code maxWait} after its arrival (the time it spent in
 * the HTTP server's queues counts: the arrival is stamped on the event loop, before any queue). A call that
 * cannot run in time is refused at once, cheaply, so that the calls that do run keep the service's throughput;
 * the client is told when to retry.
 */
@ApplicationScoped
class OverloadGuard {

    static final String ARRIVAL = "swas.arrival";

    private final Semaphore running;
    private final AtomicInteger waiting = new AtomicInteger();
    private final int maxWaiting;
    private final long maxWaitNanos;

    OverloadGuard(OverloadConfig config) {
        this.running = new Semaphore(config.maxConcurrentCalls(), true);
        this.maxWaiting = config.maxWaitingCalls();
        this.maxWaitNanos = config.maxWait().toNanos();
    }

    /** Stamps each request's arrival, on the event loop, before it waits for a worker thread. */
    void stampArrival(@Observes Filters filters) {
        filters.register(rc -> {
            rc.put(ARRIVAL, System.nanoTime());
            rc.next();
        }, 100);
    }

    /** True when the call may run now (then {@link #leave()} after it); false when it must be refused. */
    boolean enter(long arrivalNanos) {
        long left = arrivalNanos + maxWaitNanos - System.nanoTime();
        if (left <= 0) {
            return false;
        }
        if (running.tryAcquire()) {
            return true;
        }
        if (waiting.incrementAndGet() > maxWaiting) {
            waiting.decrementAndGet();
            return false;
        }
        try {
            return running.tryAcquire(left, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            waiting.decrementAndGet();
        }
    }

    void leave() {
        running.release();
    }
}
