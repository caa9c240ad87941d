-- The webhook bodies move out of the inbox table: a status update (DONE, a retry) then rewrites a short row and
-- not the page of bodies around it. Keyed by the inbox id, so new bodies are appended, written once, read when
-- claimed. The work-key index loses its status column, so a status update no longer moves an entry in it.
CREATE TABLE inbox_payload (
    inbox_id BIGINT           NOT NULL PRIMARY KEY,
    payload  VARCHAR(1100000) NOT NULL
);
INSERT INTO inbox_payload (inbox_id, payload) SELECT id, payload FROM inbox;
ALTER TABLE inbox DROP COLUMN payload;
DROP INDEX inbox_work;
CREATE INDEX inbox_work ON inbox (work_key);
