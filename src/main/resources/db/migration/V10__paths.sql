-- A calendar, its resources and the events the bridge wrote are known by their path on the server for the
-- connection's account, as blocked slots are since V9: reached under another address (another iCloud partition host,
-- a changed icloud.caldav-url, nodes with different addresses), a calendar keeps its sync token, its resources their
-- ETags, and the bridge still knows its own events. The address columns keep the address last seen.
ALTER TABLE calendar_state ADD COLUMN calendar_path VARCHAR(2000);
UPDATE calendar_state SET calendar_path = REGEXP_REPLACE(calendar_url, '^[A-Za-z][A-Za-z0-9+.-]*://[^/]*', '');
-- One calendar stored under two addresses: one row stays (a calendar without its row is polled in full once).
DELETE FROM calendar_state WHERE EXISTS (SELECT 1 FROM calendar_state o
    WHERE o.connection_name = calendar_state.connection_name AND o.calendar_path = calendar_state.calendar_path
    AND o.calendar_url < calendar_state.calendar_url);
ALTER TABLE calendar_state ALTER COLUMN calendar_path SET NOT NULL;
CREATE UNIQUE INDEX calendar_state_path ON calendar_state (connection_name, calendar_path);

ALTER TABLE icloud_resource ADD COLUMN href_path VARCHAR(2000);
ALTER TABLE icloud_resource ADD COLUMN calendar_path VARCHAR(2000);
UPDATE icloud_resource SET href_path = REGEXP_REPLACE(href, '^[A-Za-z][A-Za-z0-9+.-]*://[^/]*', ''),
    calendar_path = REGEXP_REPLACE(calendar_url, '^[A-Za-z][A-Za-z0-9+.-]*://[^/]*', '');
-- A resource stored under two addresses: one row stays (a resource without its row is fetched again).
DELETE FROM icloud_resource WHERE EXISTS (SELECT 1 FROM icloud_resource o
    WHERE o.connection_name = icloud_resource.connection_name AND o.href_path = icloud_resource.href_path
    AND o.href < icloud_resource.href);
ALTER TABLE icloud_resource ALTER COLUMN href_path SET NOT NULL;
ALTER TABLE icloud_resource ALTER COLUMN calendar_path SET NOT NULL;
CREATE UNIQUE INDEX icloud_resource_path ON icloud_resource (connection_name, href_path);
CREATE INDEX icloud_resource_calendar_path ON icloud_resource (connection_name, calendar_path);
DROP INDEX icloud_resource_calendar;

ALTER TABLE event_link ADD COLUMN href_path VARCHAR(2000);
ALTER TABLE event_link ADD COLUMN calendar_path VARCHAR(2000);
UPDATE event_link SET href_path = REGEXP_REPLACE(href, '^[A-Za-z][A-Za-z0-9+.-]*://[^/]*', ''),
    calendar_path = REGEXP_REPLACE(calendar_url, '^[A-Za-z][A-Za-z0-9+.-]*://[^/]*', '');
ALTER TABLE event_link ALTER COLUMN href_path SET NOT NULL;
ALTER TABLE event_link ALTER COLUMN calendar_path SET NOT NULL;
CREATE INDEX event_link_href_path ON event_link (connection_name, href_path);
DROP INDEX event_link_href;
