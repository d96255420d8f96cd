-- Access keys from a mounted file (swas.auth.access-keys-file, a Kubernetes Secret): the file owns them, so a
-- key removed from it is set Inactive, while keys from elsewhere (SWAS_ACCESS_KEYS, dev mode's demo) are left
-- alone. file_digest (HMAC-SHA256 under the encryption key) tells an unchanged entry from a changed one
-- without decrypting every secret, so a re-read of a large file rewrites only what changed.
ALTER TABLE access_key ADD COLUMN from_file boolean NOT NULL DEFAULT false;
ALTER TABLE access_key ADD COLUMN file_digest bytea;
