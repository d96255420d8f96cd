package cloud.swas.auth;

import static org.assertj.core.api.Assertions.assertThat;

import cloud.swas.support.Await;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** The group writer of nonce claims answers every claim it takes, even on an Error, and waits without spinning. */
class NonceClaimsTest {

    /** A data source whose connections never come: each attempt runs {@code onConnect}. */
    private static DataSource failing(Runnable onConnect) {
        return new DataSource() {
            @Override
            public Connection getConnection() {
                onConnect.run();
                throw new IllegalStateException("unreachable");
            }

            @Override
            public Connection getConnection(String user, String password) {
                return getConnection();
            }

            @Override
            public PrintWriter getLogWriter() {
                return null;
            }

            @Override
            public void setLogWriter(PrintWriter out) {
            }

            @Override
            public void setLoginTimeout(int seconds) {
            }

            @Override
            public int getLoginTimeout() {
                return 0;
            }

            @Override
            public Logger getParentLogger() throws SQLFeatureNotSupportedException {
                throw new SQLFeatureNotSupportedException();
            }

            @Override
            public <T> T unwrap(Class<T> type) throws SQLException {
                throw new SQLException("not a wrapper");
            }

            @Override
            public boolean isWrapperFor(Class<?> type) {
                return false;
            }
        };
    }

    private static Caller caller(int i) {
        return new Caller(1, "AKNONCE", "nonce-" + i, Instant.now());
    }

    @Test
    void anErrorWhileWritingAGroupFailsEveryClaimOfTheGroupAndStrandsNone() throws Exception {
        CountDownLatch slowFirstWrite = new CountDownLatch(1);
        AtomicBoolean first = new AtomicBoolean(true);
        NonceClaims claims = new NonceClaims(failing(() -> {
            if (first.getAndSet(false)) {
                try {
                    // Keeps the first group in flight until the others have queued behind it.
                    slowFirstWrite.await(5, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            throw new StackOverflowError("simulated");
        }), Duration.ofSeconds(30));
        ExecutorService threads = Executors.newFixedThreadPool(8);
        List<Future<String>> outcomes = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            Caller caller = caller(i);
            outcomes.add(threads.submit(() -> {
                try {
                    claims.claim(caller, Instant.now(), Instant.now().plusSeconds(900));
                    return "answered";
                } catch (StackOverflowError | IllegalStateException e) {
                    return "failed";
                }
            }));
        }
        Await.until("seven claims queued behind the group in flight", () -> waitingInClaim() >= 7, Duration.ofSeconds(30));
        slowFirstWrite.countDown();
        for (Future<String> outcome : outcomes) {
            assertThat(outcome.get(10, TimeUnit.SECONDS)).as("each claim ends with the failure").isEqualTo("failed");
        }
        threads.shutdownNow();
    }

    /**
     * Threads inside {@link NonceClaims#claim} that wait for an answer rather than write a group: each has queued
     * its claim (the first thing a claim does) and parks until answered or until it looks again.
     */
    private static long waitingInClaim() {
        return Thread.getAllStackTraces().entrySet().stream()
                .filter(e -> e.getKey().getState() == Thread.State.WAITING
                        || e.getKey().getState() == Thread.State.TIMED_WAITING)
                .map(e -> List.of(e.getValue()))
                .filter(stack -> stack.stream().anyMatch(f -> isClaims(f) && f.getMethodName().equals("claim")))
                .filter(stack -> stack.stream().noneMatch(f -> isClaims(f) && f.getMethodName().equals("writeGroup")))
                .count();
    }

    private static boolean isClaims(StackTraceElement frame) {
        return frame.getClassName().equals(NonceClaims.class.getName());
    }

    @Test
    void anInterruptedWaiterWaitsWithoutSpinningAndKeepsItsInterrupt() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch groupInFlight = new CountDownLatch(1);
        NonceClaims claims = new NonceClaims(failing(() -> {
            groupInFlight.countDown();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            throw new IllegalStateException("database down");
        }), Duration.ofSeconds(30));
        Thread writer = new Thread(() -> {
            try {
                claims.claim(caller(1), Instant.now(), Instant.now().plusSeconds(900));
            } catch (IllegalStateException expected) {
                // the writer's own claim fails with the group
            }
        });
        writer.start();
        assertThat(groupInFlight.await(30, TimeUnit.SECONDS)).as("the writer's group in flight").isTrue();
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        long[] cpuNanos = new long[2];
        boolean[] interruptKept = new boolean[1];
        String[] outcome = new String[1];
        Thread waiter = new Thread(() -> {
            Thread.currentThread().interrupt();
            cpuNanos[0] = mx.getCurrentThreadCpuTime();
            try {
                claims.claim(caller(2), Instant.now(), Instant.now().plusSeconds(900));
                outcome[0] = "answered";
            } catch (IllegalStateException e) {
                outcome[0] = "failed";
            }
            cpuNanos[1] = mx.getCurrentThreadCpuTime();
            interruptKept[0] = Thread.currentThread().isInterrupted();
        });
        waiter.start();
        Await.until("the waiter waits for the group's answer", () -> waitingInClaim() >= 1, Duration.ofSeconds(30));
        // The measured stretch: the waiter is kept waiting for a second (not a wait for a condition).
        Thread.sleep(1_000);
        release.countDown();
        waiter.join(10_000);
        writer.join(10_000);

        assertThat(waiter.isAlive()).isFalse();
        assertThat(outcome[0]).isEqualTo("failed");
        assertThat(interruptKept[0]).as("interrupt flag restored").isTrue();
        assertThat(TimeUnit.NANOSECONDS.toMillis(cpuNanos[1] - cpuNanos[0]))
                .as("CPU spent by a waiter that waited about a second").isLessThan(300);
    }
}
