package cloud.swas.throttle;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import javax.sql.DataSource;

/**
 * One call's admission (its nonce claim and its count against the quota) before it has run, so that
 * it can run where it costs least: as the leading part of the operation's own statement (a call whose
 * whole change is one statement then costs one round trip and one commit instead of two), or on its own.
 * bench/README.md has the gain.
 *
 * <p>Whatever way it runs, every authenticated call is admitted exactly once and before its outcome is
 * known to the client: a replayed nonce is refused and not counted; an over-quota call changes nothing
 * but still uses up its nonce; a call that fails for its input or its target is counted.
 *
 * <p>A statement that embeds the admission starts with {@code WITH } + {@link #cte()} + {@code ,}, which
 * defines {@code nonce}, {@code quota_window} and {@code counted}; it guards every write of its own on
 * {@link #GUARD}, binds {@link #bind} from parameter 1, selects {@link #OUTCOME} as its first
 * {@link #OUTCOME_COLUMNS} columns and hands its row to {@link #settle}. Not thread-safe: it belongs to one call.
 */
public final class PendingAdmission {

    /** True once the call is admitted: a write guarded by it happens only for an admitted call. */
    public static final String GUARD = "EXISTS (SELECT 1 FROM counted)";
    /** The columns {@link #settle} reads: nonce fresh, call counted, milliseconds until the window ends. */
    public static final String OUTCOME = "EXISTS (SELECT 1 FROM nonce), " + GUARD
            + ", (SELECT ceil(extract(epoch FROM start + interval '1 minute' - clock_timestamp()) * 1000)::bigint"
            + " FROM quota_window)";
    /** How many columns {@link #OUTCOME} has: a statement's own columns follow them. */
    public static final int OUTCOME_COLUMNS = 3;

    /*
     * The quota upsert only runs when the nonce insert succeeded, so a replayed request is not counted,
     * and the counting upsert ({@code ... WHERE calls < limit}) both counts and decides, so two replicas
     * can never both admit the 11th call. The window is the database's current minute, never a replica's:
     * replicas whose clocks differ still count one minute in one row.
     */
    private static final String CLAIM_AND_COUNT = """
            nonce AS (
                INSERT INTO signature_nonce (account_id, access_key_id, nonce, expires_at) VALUES (?, ?, ?, ?)
                ON CONFLICT (account_id, access_key_id, nonce) DO UPDATE SET expires_at = EXCLUDED.expires_at
                WHERE signature_nonce.expires_at <= ?
                RETURNING 1),
            quota_window AS (SELECT date_trunc('minute', statement_timestamp()) AS start),
            counted AS (
                INSERT INTO throttle_window (account_id, action, window_start, calls)
                SELECT ?, ?, quota_window.start, 1 FROM nonce, quota_window
                ON CONFLICT (account_id, action, window_start)
                DO UPDATE SET calls = throttle_window.calls + 1 WHERE throttle_window.calls < ?
                RETURNING 1)""";
    private static final int PARAMETERS = 8;
    private static final String STANDALONE = "WITH " + CLAIM_AND_COUNT + "\nSELECT " + OUTCOME;
    /** For a call admitted already: the same names, always true, no parameters. */
    private static final String ALREADY_ADMITTED =
            "nonce AS (SELECT 1), quota_window AS (SELECT statement_timestamp() AS start), counted AS (SELECT 1)";

    /**
     * The admission of a call that is admitted already (an action without a quota, or an operation's statement
     * that runs after the call's admission): every method is a no-op, so it can be shared.
     */
    public static final PendingAdmission DONE = new PendingAdmission();

    private final Admission admission;
    private final DataSource dataSource;
    private final Admission.Quota quota;
    private final String accessKeyId;
    private final String nonce;
    private final Instant now;
    private final Instant nonceExpiry;
    private final int limit;
    /** The admission statement has run and answered. */
    private boolean ran;

    PendingAdmission(Admission admission, DataSource dataSource, Admission.Quota quota, String accessKeyId,
                     String nonce, Instant now, Instant nonceExpiry, int limit) {
        this.admission = admission;
        this.dataSource = dataSource;
        this.quota = quota;
        this.accessKeyId = accessKeyId;
        this.nonce = nonce;
        this.now = now;
        this.nonceExpiry = nonceExpiry;
        this.limit = limit;
    }

    private PendingAdmission() {
        this(null, null, null, null, null, null, null, 0);
        this.ran = true;
    }

    /** The common table expressions {@code nonce} and {@code counted}, without the leading {@code WITH}. */
    public String cte() {
        return ran ? ALREADY_ADMITTED : CLAIM_AND_COUNT;
    }

    /** Binds the parameters of {@link #cte()} from {@code index}; returns the next free index. */
    public int bind(PreparedStatement s, int index) throws SQLException {
        if (ran) {
            return index;
        }
        s.setLong(index, quota.accountId());
        s.setString(index + 1, accessKeyId);
        s.setString(index + 2, nonce);
        s.setTimestamp(index + 3, Timestamp.from(nonceExpiry));
        s.setTimestamp(index + 4, Timestamp.from(now));
        s.setLong(index + 5, quota.accountId());
        s.setString(index + 6, quota.action());
        s.setInt(index + 7, limit);
        return index + PARAMETERS;
    }

    /**
     * Reads {@link #OUTCOME} from the current row (columns 1 and 2): returns when the call is admitted;
     * throws {@code SignatureNonceUsed} (a replay, not counted) or {@code Throttling.User}.
     */
    public void settle(ResultSet row) throws SQLException {
        if (ran) {
            return;
        }
        ran = true;
        if (!row.getBoolean(1)) {
            throw admission.nonceUsed();
        }
        if (!row.getBoolean(2)) {
            throw admission.refuse(quota, row.getLong(3));
        }
    }

    /**
     * Admits the call with a statement of its own (in autocommit), unless it is admitted already.
     */
    public void admit() {
        if (ran) {
            return;
        }
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement(STANDALONE)) {
            bind(s, 1);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                settle(r);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Admission statement failed", e);
        }
    }
}
