-- pgbench baseline: the database work of ONE ModifyImageShareStatus call with a ClientToken, in the
-- simplest way, as one transaction, on the service's own tables (the issue's list of statements):
--   nonce insert        throttle/Admission.java (the service: nonce claim and quota upsert in one statement)
--   quota upsert        throttle/Admission.java
--   token insert        idempotency/IdempotentExecutor.java (claim)
--   image update        image/ModifyImageShareStatus.java (the service: update and history insert in one statement)
--   history insert      image/ModifyImageShareStatus.java
--   token update        idempotency/IdempotentExecutor.java (stored outcome)
-- Variables (pgbench -D): images, accounts, base. Image g belongs to account base + g % accounts (bench/seed.sql).
\set g random(0, :images - 1)
\set a :base + :g % :accounts
\set t random(1, 9000000000000000)
BEGIN;
INSERT INTO signature_nonce (account_id, access_key_id, nonce, expires_at)
    VALUES (:a, 'AK' || :a, gen_random_uuid()::text, now() + interval '15 minutes')
    ON CONFLICT (account_id, access_key_id, nonce) DO UPDATE SET expires_at = EXCLUDED.expires_at
    WHERE signature_nonce.expires_at <= now();
INSERT INTO throttle_window (account_id, action, window_start, calls)
    VALUES (:a, 'PgbenchBaseline', date_trunc('minute', now()), 1)
    ON CONFLICT (account_id, action, window_start)
    DO UPDATE SET calls = throttle_window.calls + 1 WHERE throttle_window.calls < 2000000000
    RETURNING calls;
INSERT INTO idempotency_token (account_id, client_token, fingerprint, request_id, created_at, expires_at)
    VALUES (:a, 'pgb-' || :t, repeat('f', 64), upper(gen_random_uuid()::text), now(), now() + interval '24 hours')
    ON CONFLICT (account_id, client_token) DO UPDATE
    SET fingerprint = EXCLUDED.fingerprint, request_id = EXCLUDED.request_id, response = NULL,
        created_at = EXCLUDED.created_at, expires_at = EXCLUDED.expires_at
    WHERE idempotency_token.expires_at <= EXCLUDED.created_at;
UPDATE custom_image SET in_share = NOT in_share, share_version = share_version + 1
    WHERE account_id = :a AND image_id = 'm-b' || :g AND region_id = 'cn-hangzhou';
INSERT INTO image_share_history (account_id, image_id, version, operation, request_id, access_key_id, principal_arn, changed_at)
    SELECT account_id, image_id, share_version, CASE WHEN in_share THEN 'Share' ELSE 'UnShare' END,
           upper(gen_random_uuid()::text), 'AK' || :a, 'acs:' || 'ram::' || account_id || ':' || 'root', now()
    FROM custom_image WHERE account_id = :a AND image_id = 'm-b' || :g;
UPDATE idempotency_token SET response = '{"RequestId":"00000000-0000-0000-0000-000000000000"}'
    WHERE account_id = :a AND client_token = 'pgb-' || :t;
COMMIT;
