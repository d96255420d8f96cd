-- The database work of ONE ModifyImageShareStatus WITH a ClientToken, statement for statement as the
-- service sends it: the admission on its own (autocommit; throttle/PendingAdmission.java), then one
-- transaction: token claim (idempotency/IdempotentExecutor.java), the share change with the admission
-- already done (image/ModifyImageShareStatus.java), the stored outcome, COMMIT.
-- pgbench -n -M prepared -c 8 -j 8 -T 20 -D images=10000 -D accounts=1000 -D base=1000000 -f <this file> swas_bench
-- (after a bench run, which leaves its database with the seeded images). For comparing a change of the
-- service's SQL: edit a copy, run both alternately.
\set g random(0, :images - 1)
\set a :base + :g % :accounts
\set s random(0, 1)
\set t random(1, 9000000000000000)
WITH nonce AS (
    INSERT INTO signature_nonce (account_id, access_key_id, nonce, expires_at) VALUES (:a, 'AK' || :a, gen_random_uuid()::text, now() + interval '15 minutes')
    ON CONFLICT (account_id, access_key_id, nonce) DO UPDATE SET expires_at = EXCLUDED.expires_at
    WHERE signature_nonce.expires_at <= now()
    RETURNING 1),
counted AS (
    INSERT INTO throttle_window (account_id, action, window_start, calls)
    SELECT :a, 'ModifyImageShareStatus', date_trunc('minute', now()), 1 FROM nonce
    ON CONFLICT (account_id, action, window_start)
    DO UPDATE SET calls = throttle_window.calls + 1 WHERE throttle_window.calls < 2000000000
    RETURNING 1)
SELECT EXISTS (SELECT 1 FROM nonce), EXISTS (SELECT 1 FROM counted);
BEGIN;
WITH bound AS (SELECT set_config('lock_timeout', '5000ms', true))
INSERT INTO idempotency_token (account_id, client_token, fingerprint, request_id, created_at, expires_at)
    SELECT :a, 'pgx-' || :t, repeat('f', 64), upper(gen_random_uuid()::text), now(), now() + interval '24 hours' FROM bound
    ON CONFLICT (account_id, client_token) DO UPDATE
    SET fingerprint = EXCLUDED.fingerprint, request_id = EXCLUDED.request_id, response = NULL,
        created_at = EXCLUDED.created_at, expires_at = EXCLUDED.expires_at
    WHERE idempotency_token.expires_at <= EXCLUDED.created_at;
WITH nonce AS (SELECT 1), counted AS (SELECT 1),
target AS (
    SELECT 1 FROM custom_image WHERE account_id = :a AND image_id = 'm-b' || :g AND region_id = 'cn-hangzhou'),
changed AS (
    UPDATE custom_image SET in_share = (:s = 1), share_version = share_version + 1
    WHERE account_id = :a AND image_id = 'm-b' || :g AND region_id = 'cn-hangzhou' AND in_share <> (:s = 1) AND EXISTS (SELECT 1 FROM counted)
    RETURNING account_id, image_id, share_version),
recorded AS (
    INSERT INTO image_share_history
        (account_id, image_id, version, operation, request_id, access_key_id, principal_arn, changed_at)
    SELECT account_id, image_id, share_version, 'Share', upper(gen_random_uuid()::text), 'AK' || :a, 'acs:' || 'ram::' || account_id || ':' || 'root', now() FROM changed
    RETURNING 1)
SELECT EXISTS (SELECT 1 FROM nonce), EXISTS (SELECT 1 FROM counted), EXISTS (SELECT 1 FROM target) OR EXISTS (SELECT 1 FROM recorded);
UPDATE idempotency_token SET response = '{"RequestId":"00000000-0000-0000-0000-000000000000"}'
    WHERE account_id = :a AND client_token = 'pgx-' || :t;
COMMIT;
