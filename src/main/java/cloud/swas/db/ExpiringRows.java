package cloud.swas.db;

import java.time.Duration;

/**
 * A table of short-lived rows (nonces, ClientTokens, throttle windows) that {@link Housekeeping} purges.
 * A capability declares its table by implementing this on one of its beans.
 */
public interface ExpiringRows {

    /** A table name from code, never from input. */
    String table();

    /** Its timestamp column: a row goes once the database's {@code now()} is past this value plus {@link #grace()}. */
    String expiryColumn();

    /** How long a row is kept past its expiry. */
    default Duration grace() {
        return Duration.ZERO;
    }
}
