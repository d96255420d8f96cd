package cloud.swas.db;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * A value read from the database, stamped with when the read BEGAN, for caches whose bound is a promise about
 * changes made elsewhere (contract 11.8: a change is enforced everywhere within 1 s). Expiring an entry a fixed time
 * after it was written would let a read that started before a change, and finished after it, keep the old value
 * longer than the bound; counting from the read's start cannot.
 *
 * @param value            what was read
 * @param readStartedNanos {@link System#nanoTime()} when the read began (Caffeine's own clock)
 */
public record ReadStamped<V>(V value, long readStartedNanos) {

    /** Reads now and stamps the result with the moment the read began. */
    public static <V> ReadStamped<V> read(Supplier<V> read) {
        long started = System.nanoTime();
        return new ReadStamped<>(read.get(), started);
    }

    /** A Caffeine builder whose entries live at most {@code maxAge} from their read's start; reads do not extend it. */
    public static <K, V> Caffeine<K, ReadStamped<V>> cache(Duration maxAge, long maximumSize) {
        long maxAgeNanos = maxAge.toNanos();
        return Caffeine.newBuilder()
                .maximumSize(maximumSize)
                .expireAfter(new Expiry<K, ReadStamped<V>>() {
                    @Override
                    public long expireAfterCreate(K key, ReadStamped<V> stamped, long currentTime) {
                        return Math.max(0, maxAgeNanos - (currentTime - stamped.readStartedNanos()));
                    }

                    @Override
                    public long expireAfterUpdate(K key, ReadStamped<V> stamped, long currentTime, long currentDuration) {
                        return expireAfterCreate(key, stamped, currentTime);
                    }

                    @Override
                    public long expireAfterRead(K key, ReadStamped<V> stamped, long currentTime, long currentDuration) {
                        return currentDuration;
                    }
                });
    }
}
