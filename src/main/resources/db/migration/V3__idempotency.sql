-- ClientToken idempotency (contract section 7). The primary key is the guard: a token is claimed by
-- one INSERT ... ON CONFLICT in the transaction of the change it protects, so a change never exists
-- without its token, nor a token without its change.
CREATE TABLE idempotency_token (
    account_id    bigint      NOT NULL,
    client_token  varchar(64) NOT NULL,
    -- SHA-256 of Action, Version and every API parameter: a reuse with other parameters is refused.
    fingerprint   char(64)    NOT NULL,
    request_id    varchar(36) NOT NULL,
    -- The first outcome's body (JSON, RequestId included), replayed in whatever format a retry asks for.
    response      text,
    created_at    timestamptz NOT NULL,
    expires_at    timestamptz NOT NULL,
    PRIMARY KEY (account_id, client_token)
);
CREATE INDEX idempotency_token_by_expiry ON idempotency_token (expires_at);
