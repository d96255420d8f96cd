package cloud.swas.support;

/**
 * Throttle windows are the database's calendar minutes (contract section 6): tests that count calls in a
 * minute start where enough of the minute is left, and tests about the next minute wait for it.
 */
public final class DatabaseMinute {

    private DatabaseMinute() {
    }

    /** Milliseconds until the database's current minute ends. */
    public static long leftMillis(Db db) {
        return ((Number) db.single("SELECT ceil(extract(epoch FROM date_trunc('minute', now()) "
                + "+ interval '1 minute' - now()) * 1000)")).longValue();
    }

    /** Returns when at least {@code seconds} of the database's current minute are left (waiting for the next one if not). */
    public static void awaitRoom(Db db, int seconds) {
        long left = leftMillis(db);
        if (left < seconds * 1000L) {
            sleep(left + 100);
        }
    }

    /** Returns once the database's current minute has ended. */
    public static void awaitNext(Db db) {
        sleep(leftMillis(db) + 100);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
