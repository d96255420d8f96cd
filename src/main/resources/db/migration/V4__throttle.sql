-- Per-user throttling (contract section 6): one row per (account, action, calendar minute), shared
-- by every replica. A call is admitted by one upsert that returns the new count.
CREATE TABLE throttle_window (
    account_id    bigint      NOT NULL,
    action        varchar(64) NOT NULL,
    window_start  timestamptz NOT NULL,
    calls         integer     NOT NULL,
    PRIMARY KEY (account_id, action, window_start)
);
CREATE INDEX throttle_window_by_start ON throttle_window (window_start);
