-- The whole custom-image lifecycle (contract section 8): image attributes the SDK models carry, tags,
-- unique names, sharing with other accounts, the image catalog of ListImages, and an audit trail that
-- outlives the image it records.

-- Attributes of the instance an image was made from. This service keeps no instances, so they are
-- recorded at creation (README: what is emulated).
ALTER TABLE custom_image
    ADD COLUMN instance_name             varchar(128),
    ADD COLUMN os_type                   varchar(8)  NOT NULL DEFAULT 'Linux' CHECK (os_type IN ('Linux', 'Windows')),
    ADD COLUMN distribution              varchar(64) NOT NULL DEFAULT 'Aliyun',
    ADD COLUMN required_system_disk_size integer     NOT NULL DEFAULT 20 CHECK (required_system_disk_size > 0);

-- A name is unique per account and region (ImageNameAlreadyExist). Names that an earlier version let repeat
-- keep their oldest image's name; the others get their image ID appended, so that the constraint can hold.
UPDATE custom_image i SET name = left(i.name, 127 - length(i.image_id)) || '-' || i.image_id
FROM (SELECT account_id, image_id,
             row_number() OVER (PARTITION BY account_id, region_id, name ORDER BY created_at, image_id) AS n
      FROM custom_image) d
WHERE d.account_id = i.account_id AND d.image_id = i.image_id AND d.n > 1;
ALTER TABLE custom_image ADD CONSTRAINT custom_image_name_unique UNIQUE (account_id, region_id, name);

-- Tags (Tag.N), at most 20 per image, keys unique per image.
CREATE TABLE custom_image_tag (
    account_id  bigint       NOT NULL,
    image_id    varchar(64)  NOT NULL,
    tag_key     varchar(128) NOT NULL,
    tag_value   varchar(128) NOT NULL DEFAULT '',
    PRIMARY KEY (account_id, image_id, tag_key),
    FOREIGN KEY (account_id, image_id) REFERENCES custom_image (account_id, image_id) ON DELETE CASCADE
);

-- The accounts an image is shared with (contract section 8.1): one row per (owner, image, account). No
-- cascade: an image with share accounts cannot be deleted (CustomImageInShare).
CREATE TABLE image_share_account (
    account_id         bigint      NOT NULL,
    image_id           varchar(64) NOT NULL,
    shared_account_id  bigint      NOT NULL CHECK (shared_account_id > 0),
    shared_at          timestamptz NOT NULL,
    PRIMARY KEY (account_id, image_id, shared_account_id),
    FOREIGN KEY (account_id, image_id) REFERENCES custom_image (account_id, image_id)
);
-- The receiving account's side: the images shared with it, keyed by that account first.
CREATE INDEX image_share_account_by_receiver ON image_share_account (shared_account_id, account_id, image_id);

-- The audit trail records every share change, every share-account change and the deletion, and outlives the
-- image (no foreign key): who, when, which request, which key, and for account changes which account.
ALTER TABLE image_share_history DROP CONSTRAINT image_share_history_account_id_image_id_fkey;
ALTER TABLE image_share_history DROP CONSTRAINT image_share_history_operation_check;
ALTER TABLE image_share_history ALTER COLUMN operation TYPE varchar(32);
ALTER TABLE image_share_history ADD CONSTRAINT image_share_history_operation_check
    CHECK (operation IN ('Share', 'UnShare', 'AddShareAccount', 'RemoveShareAccount', 'Delete'));
ALTER TABLE image_share_history ADD COLUMN shared_account_id bigint;
ALTER TABLE image_share_history ADD CONSTRAINT image_share_history_account_change
    CHECK ((operation IN ('AddShareAccount', 'RemoveShareAccount')) = (shared_account_id IS NOT NULL));

-- The system and application images of ListImages, the same in every region (reference data, not tenant
-- data). IDs are 32 hexadecimal characters, as the live API's, derived from the name so that they are stable.
CREATE TABLE catalog_image (
    image_id      varchar(32)  PRIMARY KEY CHECK (image_id ~ '^[0-9a-f]{32}$'),
    image_name    varchar(128) NOT NULL UNIQUE,
    image_type    varchar(8)   NOT NULL CHECK (image_type IN ('system', 'app')),
    description   varchar(256) NOT NULL,
    os_type       varchar(8)   NOT NULL CHECK (os_type IN ('Linux', 'Windows')),
    distribution  varchar(64)  NOT NULL,
    size_gib      integer      NOT NULL CHECK (size_gib > 0),
    created_at    timestamptz  NOT NULL
);
INSERT INTO catalog_image (image_id, image_name, image_type, description, os_type, distribution, size_gib, created_at)
SELECT md5('swas-catalog:' || name), name, type, description, os_type, distribution, size_gib, created_at::timestamptz
FROM (VALUES
    ('Alibaba Cloud Linux 3.2104 LTS 64-bit', 'system', 'Alibaba Cloud Linux 3, compatible with CentOS 8 and RHEL 8', 'Linux', 'Aliyun', 20, '2024-06-01T00:00:00Z'),
    ('Ubuntu 22.04 64-bit', 'system', 'Ubuntu 22.04 LTS (Jammy Jellyfish)', 'Linux', 'Ubuntu', 20, '2024-06-01T00:00:00Z'),
    ('Ubuntu 24.04 64-bit', 'system', 'Ubuntu 24.04 LTS (Noble Numbat)', 'Linux', 'Ubuntu', 20, '2024-09-01T00:00:00Z'),
    ('Debian 12.5 64-bit', 'system', 'Debian 12 (bookworm)', 'Linux', 'Debian', 20, '2024-06-01T00:00:00Z'),
    ('CentOS Stream 9 64-bit', 'system', 'CentOS Stream 9', 'Linux', 'CentOS Stream', 20, '2024-06-01T00:00:00Z'),
    ('Rocky Linux 9.4 64-bit', 'system', 'Rocky Linux 9, compatible with RHEL 9', 'Linux', 'Rocky Linux', 20, '2024-07-01T00:00:00Z'),
    ('Windows Server 2022 Datacenter 64-bit', 'system', 'Windows Server 2022 Datacenter Edition', 'Windows', 'Windows Server 2022', 40, '2024-06-01T00:00:00Z'),
    ('Windows Server 2019 Datacenter 64-bit', 'system', 'Windows Server 2019 Datacenter Edition', 'Windows', 'Windows Server 2019', 40, '2024-06-01T00:00:00Z'),
    ('WordPress 6.5', 'app', 'WordPress on LAMP (Apache, MySQL, PHP) on Alibaba Cloud Linux 3', 'Linux', 'Aliyun', 20, '2024-06-01T00:00:00Z'),
    ('LAMP 8.2', 'app', 'Apache, MySQL and PHP 8.2 on Alibaba Cloud Linux 3', 'Linux', 'Aliyun', 20, '2024-06-01T00:00:00Z'),
    ('Docker CE 26', 'app', 'Docker Community Edition on Alibaba Cloud Linux 3', 'Linux', 'Aliyun', 20, '2024-06-01T00:00:00Z'),
    ('Node.js 20', 'app', 'Node.js 20 LTS on Alibaba Cloud Linux 3', 'Linux', 'Aliyun', 20, '2024-06-01T00:00:00Z'),
    ('BT-Panel 9.0', 'app', 'BT-Panel server management panel on Alibaba Cloud Linux 3', 'Linux', 'Aliyun', 20, '2024-06-01T00:00:00Z')
) AS catalog (name, type, description, os_type, distribution, size_gib, created_at);
