-- A blocked slot belongs to an instance of a resource of the calendar, known by its path on the server for the
-- connection's account, not by the address the bridge reached it under (iCloud serves an account from several
-- partition hosts; icloud.caldav-url may change; nodes may be configured with different addresses). href keeps the
-- address it was last seen under; href_path is what identifies it.
ALTER TABLE blocked_slot ADD COLUMN href_path VARCHAR(2000);
UPDATE blocked_slot SET href_path = REGEXP_REPLACE(href, '^[A-Za-z][A-Za-z0-9+.-]*://[^/]*', '');
-- Slots posted twice for one instance under two addresses: all but one lose their instance key, so that no busy
-- instance matches them and the next plan of their resource deletes them from HighLevel (they are the bridge's own).
UPDATE blocked_slot SET instance_key = LEFT('dup:' || COALESCE(slot_id, 'none') || ':' || instance_key, 100)
WHERE EXISTS (SELECT 1 FROM blocked_slot o WHERE o.connection_name = blocked_slot.connection_name
    AND o.href_path = blocked_slot.href_path AND o.instance_key = blocked_slot.instance_key AND o.href < blocked_slot.href);
ALTER TABLE blocked_slot ALTER COLUMN href_path SET NOT NULL;
CREATE UNIQUE INDEX blocked_slot_instance ON blocked_slot (connection_name, href_path, instance_key);
