package cloud.swas.auth;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;

/**
 * Nonce claims that need no quota decision (rejections of a full window, actions without a limit),
 * written in groups: whoever finds no group in flight writes every claim queued so far in one
 * multi-row insert, the others wait for its answer (group commit). Under load that is one statement
 * for many calls; alone, a call writes its own claim at once, without waiting for company. Each caller
 * gets its answer only after its claim is committed.
 *
 * <p>Every claim a writer takes off the queue is answered, whatever happens to the write (an
 * {@link Error} included), and no caller waits longer than {@code maxWait}: nobody is stranded.
 */
final class NonceClaims {

    private static final int MAX_GROUP = 256;
    /** How often a waiting caller looks whether the writer has left and it must write the next group itself. */
    private static final long RECHECK_NANOS = TimeUnit.MICROSECONDS.toNanos(200);

    private static final String CLAIM_ALL = """
            INSERT INTO signature_nonce (account_id, access_key_id, nonce, expires_at)
            SELECT * FROM unnest(?::bigint[], ?::varchar[], ?::varchar[], ?::timestamptz[])
            ON CONFLICT (account_id, access_key_id, nonce) DO UPDATE SET expires_at = EXCLUDED.expires_at
            WHERE signature_nonce.expires_at <= ?
            RETURNING account_id, access_key_id, nonce""";

    private record Key(long accountId, String accessKeyId, String nonce) {
    }

    private record Pending(Key key, Instant expiresAt, CompletableFuture<Boolean> fresh) {
    }

    private final DataSource dataSource;
    private final long maxWaitNanos;
    private final Queue<Pending> queue = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean writing = new AtomicBoolean();

    /**
     * @param maxWait how long a claim may wait for its answer before it fails (longer than any statement may run)
     */
    NonceClaims(DataSource dataSource, Duration maxWait) {
        this.dataSource = dataSource;
        this.maxWaitNanos = maxWait.toNanos();
    }

    /**
     * True when the nonce was unused (and is now used until {@code expiresAt}); false when it is still in use.
     *
     * @throws IllegalStateException when the claim could not be written, or was not answered within the bound
     */
    boolean claim(Caller caller, Instant now, Instant expiresAt) {
        Pending pending = new Pending(new Key(caller.accountId(), caller.accessKeyId(), caller.nonce()), expiresAt,
                new CompletableFuture<>());
        queue.add(pending);
        long deadline = System.nanoTime() + maxWaitNanos;
        boolean interrupted = false;
        try {
            // A writer writes one group and returns. A claim queued while a group is in flight waits to be
            // answered, and looks again after at most RECHECK whether it must write the next group itself.
            while (!pending.fresh().isDone()) {
                if (writing.compareAndSet(false, true)) {
                    try {
                        writeGroup(now);
                    } finally {
                        writing.set(false);
                    }
                    continue;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    if (queue.remove(pending)) {
                        throw new IllegalStateException("Nonce claim was not written within " + maxWaitNanos + " ns");
                    }
                    left = RECHECK_NANOS; // a writer has taken it: its answer is on the way
                }
                try {
                    pending.fresh().get(Math.min(left, RECHECK_NANOS), TimeUnit.NANOSECONDS);
                } catch (TimeoutException e) {
                    // look again
                } catch (InterruptedException e) {
                    // Keep waiting for the answer (the claim may be written already), without spinning: the
                    // flag is cleared here and restored on the way out.
                    interrupted = true;
                } catch (ExecutionException e) {
                    break; // answered with a failure, reported below
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        try {
            return pending.fresh().getNow(false);
        } catch (RuntimeException e) {
            throw new IllegalStateException("Nonce claim failed", e.getCause() != null ? e.getCause() : e);
        }
    }

    private void writeGroup(Instant now) {
        List<Pending> group = new ArrayList<>();
        Pending next;
        while (group.size() < MAX_GROUP && (next = queue.poll()) != null) {
            group.add(next);
        }
        if (group.isEmpty()) {
            return;
        }
        try {
            // The same nonce twice in one group is a replay of itself: only its first occurrence is written.
            Map<Key, Pending> first = new HashMap<>();
            for (Pending p : group) {
                first.putIfAbsent(p.key(), p);
            }
            Set<Key> fresh = insert(first.values(), now);
            for (Pending p : group) {
                p.fresh().complete(first.get(p.key()) == p && fresh.contains(p.key()));
            }
        } catch (SQLException | RuntimeException | Error e) {
            group.forEach(p -> p.fresh().completeExceptionally(e));
            if (e instanceof Error error) {
                throw error;
            }
        } finally {
            IllegalStateException unanswered = new IllegalStateException("Nonce claim left unanswered");
            group.forEach(p -> p.fresh().completeExceptionally(unanswered));
        }
    }

    private Set<Key> insert(Iterable<Pending> claims, Instant now) throws SQLException {
        List<Pending> rows = new ArrayList<>();
        claims.forEach(rows::add);
        Long[] accounts = new Long[rows.size()];
        String[] accessKeys = new String[rows.size()];
        String[] nonces = new String[rows.size()];
        Timestamp[] expiries = new Timestamp[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            Pending p = rows.get(i);
            accounts[i] = p.key().accountId();
            accessKeys[i] = p.key().accessKeyId();
            nonces[i] = p.key().nonce();
            expiries[i] = Timestamp.from(p.expiresAt());
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(CLAIM_ALL)) {
            s.setArray(1, c.createArrayOf("bigint", accounts));
            s.setArray(2, c.createArrayOf("varchar", accessKeys));
            s.setArray(3, c.createArrayOf("varchar", nonces));
            s.setArray(4, c.createArrayOf("timestamptz", expiries));
            s.setTimestamp(5, Timestamp.from(now));
            Set<Key> fresh = new HashSet<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    fresh.add(new Key(r.getLong(1), r.getString(2), r.getString(3)));
                }
            }
            return fresh;
        }
    }
}
