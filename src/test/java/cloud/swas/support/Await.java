package cloud.swas.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Waits for a condition itself, with a bound, instead of sleeping and hoping it came: a test then checks what it
 * waited for, and a busy machine only makes it wait longer, never pass vacuously.
 */
public final class Await {

    private Await() {
    }

    /** Polls {@code condition} every few milliseconds; fails the test, naming {@code what}, past {@code within}. */
    public static void until(String what, BooleanSupplier condition, Duration within) {
        long deadline = System.nanoTime() + within.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as(what + " within " + within).isLessThan(deadline);
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("Interrupted while waiting until " + what, e);
            }
        }
    }
}
