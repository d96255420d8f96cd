-- Access-key secrets are kept encrypted (AES-GCM, key from configuration): a dump of this table
-- alone reveals no usable secret. Rows from before this migration keep their plaintext until the
-- service's start-up encrypts them (the key is configuration, not something SQL can know).
ALTER TABLE access_key ADD COLUMN secret_ciphertext bytea;
ALTER TABLE access_key ALTER COLUMN secret DROP NOT NULL;
ALTER TABLE access_key ADD CONSTRAINT access_key_has_secret
    CHECK (secret IS NOT NULL OR secret_ciphertext IS NOT NULL);
