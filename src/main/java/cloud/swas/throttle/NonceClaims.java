package cloud.swas.throttle;

import cloud.swas.auth.Caller;
import java.sql.Array;
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
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import javax.sql.DataSource;

/**
 * Nonce claims that need no quota decision (rejections of a full window, actions without a limit),
 * written in groups: whoever finds no group in flight writes every claim queued so far in one
 * multi-row insert, the others wait for its answer (group commit). Under load that is one statement
 * for many calls; alone, a call writes its own claim at once, without waiting for company. Each caller
 * gets its answer only after its claim is committed.
 */
final class NonceClaims {

    private static final int MAX_GROUP = 256;
    private static final long RECHECK_NANOS = 200_000;

    private static final String CLAIM_ALL = """
            INSERT INTO signature_nonce (account_id, access_key_id, nonce, expires_at)
            SELECT a, k, n, ? FROM unnest(?::bigint[], ?::varchar[], ?::varchar[]) AS t (a, k, n)
            ON CONFLICT (account_id, access_key_id, nonce) DO UPDATE SET expires_at = EXCLUDED.expires_at
            WHERE signature_nonce.expires_at <= ?
            RETURNING account_id, access_key_id, nonce""";

    private record Key(long accountId, String accessKeyId, String nonce) {
    }

    private record Pending(Key key, Thread owner, CompletableFuture<Boolean> fresh) {

        void answer(boolean isFresh) {
            fresh.complete(isFresh);
            LockSupport.unpark(owner);
        }

        void fail(Throwable e) {
            fresh.completeExceptionally(e);
            LockSupport.unpark(owner);
        }
    }

    private final DataSource dataSource;
    private final Duration lifetime;
    private final Queue<Pending> queue = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean writing = new AtomicBoolean();

    NonceClaims(DataSource dataSource, Duration lifetime) {
        this.dataSource = dataSource;
        this.lifetime = lifetime;
    }

    /** True when the nonce was unused (and is now used); false when it was seen within the window. */
    boolean claim(Caller caller, Instant now) {
        Pending pending = new Pending(new Key(caller.accountId(), caller.accessKeyId(), caller.nonce()),
                Thread.currentThread(), new CompletableFuture<>());
        queue.add(pending);
        // A writer writes one group and returns (it never serves others for long). A claim queued while a
        // group is in flight waits to be answered, and looks again after at most RECHECK whether it
        // must write the next group itself: nothing is stranded when the writer has left.
        while (!pending.fresh().isDone()) {
            if (writing.compareAndSet(false, true)) {
                try {
                    writeGroup(now);
                } finally {
                    writing.set(false);
                }
            } else {
                LockSupport.parkNanos(this, RECHECK_NANOS);
            }
        }
        try {
            return pending.fresh().join();
        } catch (CompletionException e) {
            throw new IllegalStateException("Nonce claim failed", e.getCause());
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
        // The same nonce twice in one group is a replay of itself: only its first occurrence is written.
        Map<Key, Pending> first = new HashMap<>();
        List<Pending> duplicates = new ArrayList<>();
        for (Pending p : group) {
            if (first.putIfAbsent(p.key(), p) != null) {
                duplicates.add(p);
            }
        }
        try {
            Set<Key> fresh = insert(first.keySet(), now);
            first.forEach((key, p) -> p.answer(fresh.contains(key)));
            duplicates.forEach(p -> p.answer(false));
        } catch (SQLException | RuntimeException e) {
            group.forEach(p -> p.fail(e));
        }
    }

    private Set<Key> insert(Set<Key> keys, Instant now) throws SQLException {
        Long[] accounts = new Long[keys.size()];
        String[] accessKeys = new String[keys.size()];
        String[] nonces = new String[keys.size()];
        int i = 0;
        for (Key key : keys) {
            accounts[i] = key.accountId();
            accessKeys[i] = key.accessKeyId();
            nonces[i++] = key.nonce();
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(CLAIM_ALL)) {
            Array accountArray = c.createArrayOf("bigint", accounts);
            Array keyArray = c.createArrayOf("varchar", accessKeys);
            Array nonceArray = c.createArrayOf("varchar", nonces);
            s.setTimestamp(1, Timestamp.from(now.plus(lifetime)));
            s.setArray(2, accountArray);
            s.setArray(3, keyArray);
            s.setArray(4, nonceArray);
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
