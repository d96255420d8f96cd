-- Issue 4, acceptance 6: admission's one statement per call (throttle/Admission.java: the nonce claim and
-- the quota upsert), alone and in autocommit, as the service runs it. pgbench -D base=.. -D accounts=..
-- -D limit=.. (see limiter-cost.sh). The service skips this statement for a window it has already seen
-- full (it then only claims the nonce, in groups): the "reject" path below is the first refusal only.
\set a :base + random(0, :accounts - 1)
WITH nonce AS (INSERT INTO signature_nonce (account_id, access_key_id, nonce, expires_at) VALUES (:a, 'AK' || :a, gen_random_uuid()::text, now() + interval '15 minutes') ON CONFLICT (account_id, access_key_id, nonce) DO UPDATE SET expires_at = EXCLUDED.expires_at WHERE signature_nonce.expires_at <= now() RETURNING 1), counted AS (INSERT INTO throttle_window (account_id, action, window_start, calls) SELECT :a, 'LimiterBench', date_trunc('minute', now()), 1 FROM nonce ON CONFLICT (account_id, action, window_start) DO UPDATE SET calls = throttle_window.calls + 1 WHERE throttle_window.calls < :limit RETURNING 1) SELECT EXISTS (SELECT 1 FROM nonce), EXISTS (SELECT 1 FROM counted);
