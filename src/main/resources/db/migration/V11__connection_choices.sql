-- The sync choices a connection made for itself (the connect page, the admin API); NULL takes the global sync.* key.
-- Written as in the configuration: event_details full|busy, all_day respect-transp|busy|free,
-- icloud_deletions ignore|propagate; blocked_slot_title as sync.blocked-slot-title ({summary} allowed).
ALTER TABLE stored_connection ADD COLUMN event_details VARCHAR(20);
ALTER TABLE stored_connection ADD COLUMN blocked_slot_title VARCHAR(200);
ALTER TABLE stored_connection ADD COLUMN all_day VARCHAR(20);
ALTER TABLE stored_connection ADD COLUMN icloud_deletions VARCHAR(20);
