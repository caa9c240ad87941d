-- iCloud -> HighLevel. Portable between H2 and PostgreSQL; instants are epoch milliseconds.

-- One row per polled calendar: the sync token of the last complete poll, and how far the window was expanded.
CREATE TABLE calendar_state (
    connection_name VARCHAR(200)  NOT NULL,
    calendar_url    VARCHAR(2000) NOT NULL,
    sync_token      VARCHAR(2000),
    sync_supported  BOOLEAN       DEFAULT TRUE NOT NULL,
    expanded_until  BIGINT,
    last_poll_at    BIGINT,
    PRIMARY KEY (connection_name, calendar_url)
);

-- Every calendar object resource seen in a polled calendar: its ETag (unchanged ones are never fetched again),
-- whether it parsed (QUARANTINED ones are retried when their ETag changes), and the text of series and of events
-- beyond the window end, which are expanded again as the window moves on.
CREATE TABLE icloud_resource (
    connection_name VARCHAR(200)  NOT NULL,
    href            VARCHAR(2000) NOT NULL,
    calendar_url    VARCHAR(2000) NOT NULL,
    etag            VARCHAR(500),
    status          VARCHAR(16)   NOT NULL,
    reason          VARCHAR(2000),
    reexpand_ics   VARCHAR(1100000),
    updated_at      BIGINT        NOT NULL,
    PRIMARY KEY (connection_name, href)
);
CREATE INDEX icloud_resource_calendar ON icloud_resource (connection_name, calendar_url);

-- One row per busy instance mirrored as a HighLevel blocked slot. A row is written before the POST (slot_id
-- still empty) so that a crash between the POST and its record is noticed and the slot adopted, not duplicated.
CREATE TABLE blocked_slot (
    connection_name VARCHAR(200)  NOT NULL,
    href            VARCHAR(2000) NOT NULL,
    instance_key    VARCHAR(100)  NOT NULL,
    slot_id         VARCHAR(200),
    start_at        BIGINT        NOT NULL,
    end_at          BIGINT        NOT NULL,
    title           VARCHAR(500)  NOT NULL,
    updated_at      BIGINT        NOT NULL,
    PRIMARY KEY (connection_name, href, instance_key)
);
CREATE INDEX blocked_slot_id ON blocked_slot (slot_id);
