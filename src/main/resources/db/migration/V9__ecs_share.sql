-- The ECS view's index of images shared to ECS (contract section 10): one row per image while it is shared,
-- keyed by account and region first and ordered as DescribeImages lists, so a page costs a page of rows
-- however many images the account has. A separate table rather than an index on custom_image.in_share: a
-- share change then touches no indexed column of custom_image and stays a HOT update (V6).
CREATE TABLE image_ecs_share (
    account_id  bigint      NOT NULL,
    region_id   varchar(32) NOT NULL,
    image_id    varchar(64) NOT NULL,
    created_at  timestamptz NOT NULL,
    PRIMARY KEY (account_id, region_id, image_id),
    FOREIGN KEY (account_id, image_id) REFERENCES custom_image (account_id, image_id) ON DELETE CASCADE
);
CREATE INDEX image_ecs_share_listed ON image_ecs_share (account_id, region_id, created_at DESC, image_id);

-- Kept by the database, whoever changes in_share. A trigger rather than more CTEs in the share statement:
-- a statement reads with the snapshot it started with, so after waiting for the image's row lock it would
-- miss the row a concurrent Share had just committed (and leave it behind on UnShare). A trigger function is
-- VOLATILE, so each of its queries takes a fresh snapshot; it runs under the image row's lock, which every
-- change of in_share holds, so the changes of one image's row here are serialised.
CREATE FUNCTION image_ecs_share_sync() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.in_share THEN
        INSERT INTO image_ecs_share (account_id, region_id, image_id, created_at)
        VALUES (NEW.account_id, NEW.region_id, NEW.image_id, NEW.created_at);
    ELSIF TG_OP = 'UPDATE' THEN
        DELETE FROM image_ecs_share
        WHERE account_id = OLD.account_id AND region_id = OLD.region_id AND image_id = OLD.image_id;
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER image_ecs_share_on_insert AFTER INSERT ON custom_image
    FOR EACH ROW WHEN (NEW.in_share) EXECUTE FUNCTION image_ecs_share_sync();
CREATE TRIGGER image_ecs_share_on_change AFTER UPDATE OF in_share ON custom_image
    FOR EACH ROW WHEN (OLD.in_share IS DISTINCT FROM NEW.in_share) EXECUTE FUNCTION image_ecs_share_sync();

INSERT INTO image_ecs_share (account_id, region_id, image_id, created_at)
SELECT account_id, region_id, image_id, created_at FROM custom_image WHERE in_share;
