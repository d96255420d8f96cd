-- The database work of EIGHT ModifyImageShareStatus calls without a ClientToken as ONE statement: what a batching
-- writer (performance issue) would send instead of eight share-change.sql statements. Same parts as
-- share-change.sql (nonce claim, quota count, row lock, change, history row), set-based over the batch's input,
-- and one answer row per call. Eight distinct images of eight distinct accounts (a batch may hold at most one call
-- per quota row and per image: ON CONFLICT and UPDATE cannot touch a row twice in one statement; images g + 1001k
-- belong to accounts g + k mod 1000, distinct while accounts >= 8).
-- pgbench -n -M prepared -c 1 -j 1 -T 20 -D images=10000 -D accounts=1000 -D base=1000000 -f <this file> DB
-- (calls per second = 8 x tps). Not used by the service: a measurement of the design, bench/README.md.
\set g random(0, :images - 7 * 1001 - 1)
\set s random(0, 1)
WITH input AS (
    SELECT k, :base + ((:g + k * 1001) % :accounts) AS a, 'm-b' || (:g + k * 1001) AS img,
           gen_random_uuid()::text AS nonce
    FROM generate_series(0, 7) AS k
    ORDER BY 2, 3),
nonce AS (
    INSERT INTO signature_nonce (account_id, access_key_id, nonce, expires_at)
    SELECT a, 'AK' || a, nonce, now() + interval '15 minutes' FROM input
    ON CONFLICT (account_id, access_key_id, nonce) DO UPDATE SET expires_at = EXCLUDED.expires_at
    WHERE signature_nonce.expires_at <= now()
    RETURNING account_id, nonce),
counted AS (
    INSERT INTO throttle_window (account_id, action, window_start, calls)
    SELECT i.a, 'ModifyImageShareStatus', date_trunc('minute', now()), 1
    FROM input i JOIN nonce n ON n.account_id = i.a AND n.nonce = i.nonce
    ON CONFLICT (account_id, action, window_start)
    DO UPDATE SET calls = throttle_window.calls + 1 WHERE throttle_window.calls < 2000000000
    RETURNING account_id),
target AS (
    SELECT c.account_id, c.image_id FROM custom_image c JOIN input i
        ON c.account_id = i.a AND c.image_id = i.img AND c.region_id = 'cn-hangzhou'
    FOR NO KEY UPDATE OF c),
changed AS (
    UPDATE custom_image c SET in_share = (:s = 1), share_version = c.share_version + 1
    FROM input i
    WHERE c.account_id = i.a AND c.image_id = i.img AND c.region_id = 'cn-hangzhou' AND c.in_share <> (:s = 1)
      AND i.a IN (SELECT account_id FROM counted)
    RETURNING c.account_id, c.image_id, c.share_version),
recorded AS (
    INSERT INTO image_share_history
        (account_id, image_id, version, operation, request_id, access_key_id, principal_arn, changed_at)
    SELECT account_id, image_id, share_version, 'Share', upper(gen_random_uuid()::text), 'AK' || account_id, 'acs:' || 'ram::' || account_id || ':' || 'root', now()
    FROM changed
    RETURNING account_id, image_id)
SELECT i.k, n.nonce IS NOT NULL AS nonce_fresh, q.account_id IS NOT NULL AS call_admitted,
       t.image_id IS NOT NULL OR r.image_id IS NOT NULL AS image_found
FROM input i
LEFT JOIN nonce n ON n.account_id = i.a AND n.nonce = i.nonce
LEFT JOIN counted q ON q.account_id = i.a
LEFT JOIN target t ON t.account_id = i.a AND t.image_id = i.img
LEFT JOIN recorded r ON r.account_id = i.a AND r.image_id = i.img;
