-- Seeds the benchmark images directly (no API calls): image g in [0, :images) is 'm-b<g>' of account
-- :base + g % :accounts, region cn-hangzhou, not shared. The accounts themselves were created by the
-- service's start-up provisioning (SWAS_ACCESS_KEYS), so this only needs them to exist.
-- psql -v images=10000 -v accounts=1000 -v base=1000000 -f bench/seed.sql
\set ON_ERROR_STOP on
\timing on
INSERT INTO account (account_id)
SELECT :base + a FROM generate_series(0, :accounts - 1) a
ON CONFLICT DO NOTHING;

INSERT INTO custom_image (account_id, image_id, region_id, name, instance_id, system_snapshot_id, status,
                          in_share, share_version, created_at)
SELECT :base + g % :accounts, 'm-b' || g, 'cn-hangzhou', 'bench-' || g, 'i-bench' || (g % :accounts),
       's-bench' || g, '1', false, 0, now() - g * interval '1 second'
FROM generate_series(0, :images - 1) g;

VACUUM ANALYZE custom_image;
SELECT count(*) AS images, count(DISTINCT account_id) AS accounts FROM custom_image;
