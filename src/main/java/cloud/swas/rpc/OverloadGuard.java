package cloud.swas.rpc;

import cloud.swas.api.ApiError;
import cloud.swas.api.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Overload is answered, not queued forever: at most {@code maxConcurrentCalls} calls do their database work at
 * once, at most {@code maxWaitingCalls} wait for their turn, and none waits longer than {@code maxWait}. A call
 * that cannot go on in time is refused with {@code 503 ServiceUnavailable} and {@code x-acs-retry-after}:
 * cheaply, before its parameters are even read, when it has already waited {@code maxWait} in the HTTP
 * server's queues (its arrival is stamped on the event loop) or when the waiting room is full, so that the
 * calls that do run keep the service's throughput ({@link LoadShedding} refuses them on the event loop when the
 * guard is saturated).
 *
 * <p>The turn is taken around the database work only ({@link #run}): a call that waits in memory for a
 * duplicate of its ClientToken holds no turn, and so never crowds out other calls.
 */
@ApplicationScoped
class OverloadGuard {

    private final Semaphore running;
    private final AtomicInteger waiting = new AtomicInteger();
    private final int maxWaiting;
    private final long maxWaitNanos;
    private final long retryAfterMillis;

    OverloadGuard(OverloadConfig config) {
        this.running = new Semaphore(config.maxConcurrentCalls(), true);
        this.maxWaiting = config.maxWaitingCalls();
        this.maxWaitNanos = config.maxWait().toNanos();
        this.retryAfterMillis = config.retryAfter().toMillis();
    }

    /** True when a call arriving now would find no turn free and the waiting room full. */
    boolean saturated() {
        return running.availablePermits() == 0 && waiting.get() >= maxWaiting;
    }

    /** Refuses, before any work, a call that waited too long to be read or that would find the waiting room full. */
    void admitArrival(long arrivalNanos) {
        if (System.nanoTime() - arrivalNanos > maxWaitNanos || saturated()) {
            throw refusal();
        }
    }

    /** Runs the call's database work in its turn; refuses it when no turn comes within {@code maxWait}. */
    <T> T run(Supplier<T> work) {
        if (!running.tryAcquire()) {
            if (waiting.incrementAndGet() > maxWaiting) {
                waiting.decrementAndGet();
                throw refusal();
            }
            try {
                if (!running.tryAcquire(maxWaitNanos, TimeUnit.NANOSECONDS)) {
                    throw refusal();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw refusal();
            } finally {
                waiting.decrementAndGet();
            }
        }
        try {
            return work.get();
        } finally {
            running.release();
        }
    }

    void run(Runnable work) {
        run(() -> {
            work.run();
            return null;
        });
    }

    ApiException refusal() {
        return ApiError.SERVICE_UNAVAILABLE.exception().withRetryAfter(retryAfterMillis);
    }
}
