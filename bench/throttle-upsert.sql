-- Issue 4, acceptance 6: the limiter's one statement per call (throttle/ThrottleLimiter.java), alone and in
-- autocommit, as the service runs it. pgbench -D base=.. -D accounts=.. -D limit=.. (see limiter-cost.sh).
\set a :base + random(0, :accounts - 1)
INSERT INTO throttle_window (account_id, action, window_start, calls) VALUES (:a, 'LimiterBench', date_trunc('minute', now()), 1) ON CONFLICT (account_id, action, window_start) DO UPDATE SET calls = throttle_window.calls + 1 WHERE throttle_window.calls < :limit RETURNING calls;
