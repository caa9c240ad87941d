-- What the connection's busy-time choices (all-day, slot title) were when a calendar's events were last planned: a
-- poll that finds them changed reads every event again (a change by the connect page, the admin API or the
-- configuration). NULL: not recorded yet, taken as unchanged.
ALTER TABLE calendar_state ADD COLUMN busy_rules VARCHAR(100);

-- sync.highlevel-blocked-slots (per connection; NULL takes the global key): ignore | busy.
ALTER TABLE stored_connection ADD COLUMN highlevel_blocked_slots VARCHAR(20);

-- A HighLevel blocked slot the bridge copied into a user's linked calendar as a busy event: where the copy is, the
-- ETag written (an iCloud edit changes it: the copy is written again), the hash of what was written and the slot's
-- end (once it is before the sync window, the copy is left as it is).
CREATE TABLE highlevel_slot_copy (
    connection_name VARCHAR(100)  NOT NULL,
    slot_id         VARCHAR(100)  NOT NULL,
    calendar_url    VARCHAR(2000) NOT NULL,
    href            VARCHAR(2000) NOT NULL,
    etag            VARCHAR(500),
    content_hash    VARCHAR(100)  NOT NULL,
    end_at          BIGINT        NOT NULL,
    updated_at      BIGINT        NOT NULL,
    PRIMARY KEY (connection_name, slot_id)
);

-- When each connection's blocked slots were last read from HighLevel: read again after sync.blocked-slots-interval,
-- whichever node polls the user's Apple ID.
CREATE TABLE highlevel_slot_poll (
    connection_name VARCHAR(100) PRIMARY KEY,
    polled_at       BIGINT       NOT NULL
);
