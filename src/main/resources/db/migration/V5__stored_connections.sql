-- Connections created at run time (the admin API); those of application.properties are not stored here.
-- app_password and highlevel_token hold AES-GCM ciphertext (store.SecretBox), never the secret itself.
CREATE TABLE stored_connection (
    name               VARCHAR(100)  PRIMARY KEY,
    location_id        VARCHAR(100)  NOT NULL,
    user_id            VARCHAR(100)  NOT NULL,
    apple_id           VARCHAR(320)  NOT NULL,
    app_password       VARCHAR(1000) NOT NULL,
    highlevel_token    VARCHAR(8000) NOT NULL,
    linked_calendar    VARCHAR(2000) NOT NULL,
    conflict_calendars VARCHAR(8000),
    time_zone          VARCHAR(100),
    calendar_id        VARCHAR(100),
    paused             BOOLEAN       DEFAULT FALSE NOT NULL,
    created_at         BIGINT        NOT NULL,
    updated_at         BIGINT        NOT NULL
);
CREATE UNIQUE INDEX stored_connection_user ON stored_connection (location_id, user_id);

-- One value sealed with bridge.secret-key: opening it at start-up tells a wrong key from a right one.
CREATE TABLE secret_key_check (
    id     INT          PRIMARY KEY,
    sealed VARCHAR(200) NOT NULL
);
