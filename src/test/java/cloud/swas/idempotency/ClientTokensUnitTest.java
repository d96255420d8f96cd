package cloud.swas.idempotency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import cloud.swas.api.ApiException;
import cloud.swas.api.ApiParameters;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * ClientToken rules that need no database (contract section 7): the token's shape, and one call per token of
 * this replica at a time, a duplicate waiting for the first until the bound. The database's side (the claim)
 * is tested over HTTP and with two callers in ClientTokenTest; this is what the mutation profile can run.
 */
class ClientTokensUnitTest {

    private static ClientTokens tokens(Duration waitBound) {
        return new ClientTokens(null, new IdempotencyConfig() {
            @Override
            public Duration ttl() {
                return Duration.ofHours(24);
            }

            @Override
            public Duration waitBound() {
                return waitBound;
            }
        });
    }

    private static String tokenOf(String value) {
        return ClientTokens.tokenOf(new ApiParameters(value == null ? Map.of() : Map.of("ClientToken", value), Set.of()));
    }

    private static String invalid(String value) {
        ApiException e = catchThrowableOfType(ApiException.class, () -> tokenOf(value));
        assertThat(e).as("ClientToken %s refused", value).isNotNull();
        return e.error().code();
    }

    @Test
    void aTokenIsPrintableAsciiOfAtMost64Characters() {
        assertThat(tokenOf(null)).isNull();
        assertThat(tokenOf("")).as("empty is absent").isNull();
        assertThat(tokenOf("tok 1*~")).isEqualTo("tok 1*~");
        assertThat(tokenOf("a".repeat(64))).hasSize(64);
        assertThat(invalid("a".repeat(65))).isEqualTo("InvalidParameter");
        assertThat(invalid("jeton-é")).isEqualTo("InvalidParameter");
        assertThat(invalid("tab\there")).isEqualTo("InvalidParameter");
        assertThat(invalid("del\u007f")).isEqualTo("InvalidParameter");
    }

    @Test
    void theDeadlineIsTheWaitBoundFromNow() {
        long before = System.nanoTime();
        long deadline = tokens(Duration.ofSeconds(5)).deadline();
        long after = System.nanoTime();
        assertThat(deadline).isBetween(before + TimeUnit.SECONDS.toNanos(5), after + TimeUnit.SECONDS.toNanos(5));
    }

    @Test
    void aDuplicateWaitsForTheFirstCallThenRunsItself() throws Exception {
        ClientTokens tokens = tokens(Duration.ofSeconds(30));
        CountDownLatch firstInside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger mostInside = new AtomicInteger();
        CompletableFuture<String> first = CompletableFuture.supplyAsync(() -> tokens.oneAtATime(1L, "tok",
                tokens.deadline(), () -> {
                    mostInside.accumulateAndGet(inside.incrementAndGet(), Math::max);
                    firstInside.countDown();
                    try {
                        release.await(30, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    inside.decrementAndGet();
                    return "first";
                }));
        assertThat(firstInside.await(30, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<String> duplicate = CompletableFuture.supplyAsync(() -> tokens.oneAtATime(1L, "tok",
                tokens.deadline(), () -> {
                    mostInside.accumulateAndGet(inside.incrementAndGet(), Math::max);
                    inside.decrementAndGet();
                    return "duplicate";
                }));
        // Another account's call with the same token, and another token, are not held up.
        assertThat(tokens.oneAtATime(2L, "tok", tokens.deadline(), () -> "other account")).isEqualTo("other account");
        assertThat(tokens.oneAtATime(1L, "tok-2", tokens.deadline(), () -> "other token")).isEqualTo("other token");
        assertThat(duplicate).isNotDone();
        release.countDown();
        assertThat(first.get(30, TimeUnit.SECONDS)).isEqualTo("first");
        assertThat(duplicate.get(30, TimeUnit.SECONDS)).isEqualTo("duplicate");
        assertThat(mostInside.get()).as("calls with one token inside at once").isEqualTo(1);
    }

    @Test
    void aDuplicatePastItsDeadlineIsLastTokenProcessing() throws Exception {
        ClientTokens tokens = tokens(Duration.ofMillis(200));
        CountDownLatch firstInside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<String> first = CompletableFuture.supplyAsync(() -> tokens.oneAtATime(1L, "tok",
                tokens.deadline(), () -> {
                    firstInside.countDown();
                    try {
                        release.await(30, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return "first";
                }));
        assertThat(firstInside.await(30, TimeUnit.SECONDS)).isTrue();
        try {
            ApiException late = catchThrowableOfType(ApiException.class,
                    () -> tokens.oneAtATime(1L, "tok", tokens.deadline(), () -> "duplicate"));
            assertThat(late).isNotNull();
            assertThat(late.error().code()).isEqualTo("LastTokenProcessing");
            assertThat(late.error().status()).isEqualTo(409);
            ApiException expired = catchThrowableOfType(ApiException.class,
                    () -> tokens.oneAtATime(1L, "tok", System.nanoTime() - 1, () -> "duplicate"));
            assertThat(expired).isNotNull();
            assertThat(expired.error().code()).isEqualTo("LastTokenProcessing");
        } finally {
            release.countDown();
        }
        assertThat(first.get(30, TimeUnit.SECONDS)).isEqualTo("first");
        // The first has left: the token is free again, also after a call that threw.
        assertThat(tokens.oneAtATime(1L, "tok", tokens.deadline(), () -> "later")).isEqualTo("later");
        catchThrowableOfType(IllegalStateException.class, () -> tokens.oneAtATime(1L, "tok", tokens.deadline(), () -> {
            throw new IllegalStateException("failed");
        }));
        assertThat(tokens.oneAtATime(1L, "tok", tokens.deadline(), () -> "after a failure")).isEqualTo("after a failure");
    }
}
