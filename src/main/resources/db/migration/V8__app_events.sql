-- app_event: the Marketplace app events (INSTALL / UNINSTALL) this store has seen, by a hash of their signed body, and
-- when first. An UNINSTALL as HighLevel documents it carries no timestamp and no id, so the same bytes come back on a
-- replay: its age is when the store first saw it, and one older than the installation it would remove is ignored.
CREATE TABLE app_event (
    event_key  VARCHAR(64) PRIMARY KEY,
    first_seen BIGINT      NOT NULL
);
