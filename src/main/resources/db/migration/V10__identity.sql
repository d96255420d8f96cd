-- RAM (contract section 11): users, their access keys, custom policies with versions, roles, attachments.
-- System policies exist in every account and live in code; an attachment names them by type and name.
-- Names are unique per account without regard to case (role names compare case-insensitively in ARNs, and a
-- user or policy told apart only by case would make a policy's meaning depend on it): each table keeps the name
-- as given and a lower-case key the constraints and lookups use.

CREATE TABLE ram_user (
    account_id    bigint       NOT NULL REFERENCES account (account_id),
    user_id       varchar(32)  NOT NULL,
    user_name     varchar(64)  NOT NULL,
    user_key      varchar(64)  GENERATED ALWAYS AS (lower(user_name)) STORED,
    display_name  varchar(128),
    comments      varchar(128),
    create_date   timestamptz  NOT NULL,
    update_date   timestamptz  NOT NULL,
    PRIMARY KEY (account_id, user_id),
    UNIQUE (account_id, user_key)
);

-- A RAM user's keys live beside the account's own: a request names only its AccessKeyId, found in one place.
ALTER TABLE access_key ADD COLUMN user_id varchar(32);
ALTER TABLE access_key ADD FOREIGN KEY (account_id, user_id) REFERENCES ram_user (account_id, user_id);
CREATE INDEX access_key_by_user ON access_key (account_id, user_id) WHERE user_id IS NOT NULL;

CREATE TABLE ram_policy (
    account_id       bigint        NOT NULL REFERENCES account (account_id),
    policy_name      varchar(128)  NOT NULL,
    policy_key       varchar(128)  GENERATED ALWAYS AS (lower(policy_name)) STORED,
    description      varchar(1024),
    default_version  varchar(16)   NOT NULL,
    -- Version IDs are never reused, also after a version is deleted: v1, v2, ...
    last_version     integer       NOT NULL DEFAULT 1,
    create_date      timestamptz   NOT NULL,
    update_date      timestamptz   NOT NULL,
    PRIMARY KEY (account_id, policy_key)
);

CREATE TABLE ram_policy_version (
    account_id   bigint       NOT NULL,
    policy_key   varchar(128) NOT NULL,
    version_id   varchar(16)  NOT NULL,
    document     text         NOT NULL,
    create_date  timestamptz  NOT NULL,
    PRIMARY KEY (account_id, policy_key, version_id),
    FOREIGN KEY (account_id, policy_key) REFERENCES ram_policy (account_id, policy_key) ON DELETE CASCADE
);

CREATE TABLE ram_role (
    account_id            bigint        NOT NULL REFERENCES account (account_id),
    role_id               varchar(32)   NOT NULL,
    role_name             varchar(64)   NOT NULL,
    role_key              varchar(64)   GENERATED ALWAYS AS (lower(role_name)) STORED,
    description           varchar(1024),
    trust_policy          text          NOT NULL,
    max_session_duration  integer       NOT NULL DEFAULT 3600 CHECK (max_session_duration BETWEEN 3600 AND 43200),
    create_date           timestamptz   NOT NULL,
    update_date           timestamptz   NOT NULL,
    PRIMARY KEY (account_id, role_id),
    UNIQUE (account_id, role_key)
);

-- A policy attached to a user or a role. Custom policies are checked by the code that attaches and deletes
-- them (under the policy row's lock); system policies have no row to reference.
CREATE TABLE ram_attachment (
    account_id      bigint        NOT NULL REFERENCES account (account_id),
    principal_kind  varchar(8)    NOT NULL CHECK (principal_kind IN ('User', 'Role')),
    principal_id    varchar(32)   NOT NULL,
    policy_type     varchar(8)    NOT NULL CHECK (policy_type IN ('System', 'Custom')),
    policy_key      varchar(128)  NOT NULL,
    attach_date     timestamptz   NOT NULL,
    PRIMARY KEY (account_id, principal_kind, principal_id, policy_type, policy_key)
);
CREATE INDEX ram_attachment_by_policy ON ram_attachment (account_id, policy_type, policy_key);

-- Who made each image change (contract 11.7): the principal's ARN; earlier rows were made by the account's key.
ALTER TABLE image_share_history ADD COLUMN principal_arn varchar(256);
UPDATE image_share_history SET principal_arn = 'acs:ram::' || account_id || ':root';
ALTER TABLE image_share_history ALTER COLUMN principal_arn SET NOT NULL;
