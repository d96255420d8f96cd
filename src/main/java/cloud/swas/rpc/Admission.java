package cloud.swas.rpc;

import cloud.swas.api.ApiOperation;
import cloud.swas.api.CallContext;
import cloud.swas.api.SingleStatementChange;
import cloud.swas.api.SqlPart;
import cloud.swas.auth.Caller;
import cloud.swas.auth.Nonces;
import cloud.swas.db.NamedStatement;
import cloud.swas.throttle.Throttle;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Admits authenticated calls: claims the signature nonce ({@link Nonces}) and counts the call against its
 * quota ({@link Throttle}), both in PostgreSQL, in one statement. The one place where statements are
 * composed of several capabilities' parts ({@link SqlPart}): the admission's parts alone, or followed by a
 * {@link SingleStatementChange}'s change, so that such a call costs one round trip and one commit.
 *
 * <p>Every authenticated call is admitted exactly once, before its outcome is known to the client: a
 * replayed nonce is refused and not counted; an over-quota call changes nothing but uses up its nonce (a
 * captured request that was refused cannot be replayed later, when quota is free); a call that fails for
 * its input or its target is counted.
 */
@ApplicationScoped
class Admission {

    /** For a change that runs after its call's admission (with a ClientToken): {@code admitted} always has a row. */
    private static final SqlPart ADMITTED_ALREADY = new SqlPart("admitted AS (SELECT 1)", "");
    private static final NamedStatement ADMIT = NamedStatement.of(SqlPart.compose(Nonces.CLAIM, Throttle.COUNT).sql());

    private final AgroalDataSource dataSource;
    private final Nonces nonces;
    private final Throttle throttle;
    /** Per change: the change alone, and the change with the admission's parts before it. */
    private final Map<SqlPart, NamedStatement> alone = new ConcurrentHashMap<>();
    private final Map<SqlPart, NamedStatement> admitting = new ConcurrentHashMap<>();

    Admission(AgroalDataSource dataSource, Nonces nonces, Throttle throttle) {
        this.dataSource = dataSource;
        this.nonces = nonces;
        this.throttle = throttle;
    }

    /** Admits the call with a statement of its own, or throws {@code SignatureNonceUsed} / {@code Throttling.User}. */
    void admit(Caller caller, ApiOperation<?> operation) {
        String action = operation.action();
        if (admittedWithoutCounting(caller, operation)) {
            return;
        }
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = ADMIT.prepare(c, admissionValues(caller, operation));
             ResultSet row = s.executeQuery()) {
            row.next();
            throwUnlessAdmitted(row, caller, action);
        } catch (SQLException e) {
            throw new IllegalStateException("Admission statement failed", e);
        }
    }

    /**
     * A call refused after authentication but before admission (a RAM denial, contract 11.5): its nonce is spent,
     * as any authenticated call's, and nothing is counted against the quota.
     */
    void spendNonce(Caller caller) {
        nonces.claimNow(caller);
    }

    /**
     * Admits the call and runs the change in one statement (autocommit: one statement is atomic); the change
     * writes only for an admitted call.
     */
    <I> Object admitAndRun(Caller caller, SingleStatementChange<I> change, CallContext context, I input) {
        if (admittedWithoutCounting(caller, change)) {
            return runAdmitted(change, context, input);
        }
        Map<String, Object> values = admissionValues(caller, change);
        values.putAll(change.values(context, input));
        NamedStatement statement = admitting.computeIfAbsent(change.change(),
                part -> NamedStatement.of(SqlPart.compose(Nonces.CLAIM, Throttle.COUNT, part).sql()));
        return run(statement, values, row -> {
            throwUnlessAdmitted(row, caller, change.action());
            return change.result(context, input, row);
        });
    }

    /** Runs the change of a call admitted already, in the caller's transaction if there is one. */
    <I> Object runAdmitted(SingleStatementChange<I> change, CallContext context, I input) {
        NamedStatement statement = alone.computeIfAbsent(change.change(),
                part -> NamedStatement.of(SqlPart.compose(ADMITTED_ALREADY, part).sql()));
        return run(statement, change.values(context, input), row -> change.result(context, input, row));
    }

    /**
     * What needs no quota decision: an action without a limit only claims its nonce, and a call into a window
     * this replica has seen full claims its nonce and is refused at once.
     */
    private boolean admittedWithoutCounting(Caller caller, ApiOperation<?> operation) {
        String action = operation.action();
        if (!throttle.limits(operation.version(), action)) {
            nonces.claimNow(caller);
            return true;
        }
        RuntimeException refusal = throttle.knownFull(caller.accountId(), action);
        if (refusal != null) {
            nonces.claimNow(caller);
            throw refusal;
        }
        return false;
    }

    private Map<String, Object> admissionValues(Caller caller, ApiOperation<?> operation) {
        Map<String, Object> values = new HashMap<>(nonces.claimValues(caller));
        values.putAll(throttle.countValues(caller.accountId(), operation.version(), operation.action()));
        return values;
    }

    private void throwUnlessAdmitted(ResultSet row, Caller caller, String action) throws SQLException {
        if (!row.getBoolean("nonce_fresh")) {
            throw nonces.used();
        }
        if (!row.getBoolean("call_admitted")) {
            throw throttle.refuse(caller.accountId(), action, row.getLong("retry_after_ms"));
        }
    }

    private interface RowReader {
        Object read(ResultSet row) throws SQLException;
    }

    private Object run(NamedStatement statement, Map<String, Object> values, RowReader reader) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = statement.prepare(c, values);
             ResultSet row = s.executeQuery()) {
            row.next();
            return reader.read(row);
        } catch (SQLException e) {
            throw new IllegalStateException("Statement failed", e);
        }
    }
}
