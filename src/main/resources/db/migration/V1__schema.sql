-- Every table that holds tenant data keys on account_id first (primary key and unique constraints),
-- so the schema can later be distributed by account without a redesign.

CREATE TABLE account (
    account_id  bigint      PRIMARY KEY CHECK (account_id > 0),
    created_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE access_key (
    account_id     bigint      NOT NULL REFERENCES account (account_id),
    access_key_id  varchar(64) NOT NULL,
    secret         text        NOT NULL,
    status         varchar(16) NOT NULL DEFAULT 'Active' CHECK (status IN ('Active', 'Inactive')),
    created_at     timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (account_id, access_key_id)
);
-- A request names only its AccessKeyId, so key IDs are unique across accounts and looked up directly.
CREATE UNIQUE INDEX access_key_by_id ON access_key (access_key_id);

-- Reference data (the public region list), the same for every account.
CREATE TABLE region (
    region_id        varchar(32)  PRIMARY KEY,
    local_name       varchar(64)  NOT NULL,
    local_name_en    varchar(64)  NOT NULL,
    region_endpoint  varchar(128) NOT NULL
);

CREATE TABLE custom_image (
    account_id          bigint       NOT NULL REFERENCES account (account_id),
    image_id            varchar(64)  NOT NULL,
    region_id           varchar(32)  NOT NULL REFERENCES region (region_id),
    name                varchar(128) NOT NULL,
    description         varchar(256),
    instance_id         varchar(64),
    system_snapshot_id  varchar(64),
    data_snapshot_id    varchar(64),
    resource_group_id   varchar(64),
    status              varchar(1)   NOT NULL DEFAULT '1',
    in_share            boolean      NOT NULL DEFAULT false,
    share_version       integer      NOT NULL DEFAULT 0,
    created_at          timestamptz  NOT NULL DEFAULT now(),
    PRIMARY KEY (account_id, image_id)
);
CREATE INDEX custom_image_by_region ON custom_image (account_id, region_id, created_at DESC, image_id);

-- One row per share-state change; version counts the image's changes from 1 without gaps.
CREATE TABLE image_share_history (
    account_id     bigint      NOT NULL,
    image_id       varchar(64) NOT NULL,
    version        integer     NOT NULL CHECK (version > 0),
    operation      varchar(8)  NOT NULL CHECK (operation IN ('Share', 'UnShare')),
    request_id     varchar(36) NOT NULL,
    access_key_id  varchar(64) NOT NULL,
    changed_at     timestamptz NOT NULL,
    PRIMARY KEY (account_id, image_id, version),
    FOREIGN KEY (account_id, image_id) REFERENCES custom_image (account_id, image_id)
);

-- Signature nonces seen within the timestamp window, per access key, for every replica at once.
CREATE TABLE signature_nonce (
    account_id     bigint       NOT NULL,
    access_key_id  varchar(64)  NOT NULL,
    nonce          varchar(128) NOT NULL,
    expires_at     timestamptz  NOT NULL,
    PRIMARY KEY (account_id, access_key_id, nonce)
);
CREATE INDEX signature_nonce_by_expiry ON signature_nonce (expires_at);
