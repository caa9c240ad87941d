-- Migrations are Flyway's now (flyway_schema_history); the table of the bridge's earlier migrator goes.
DROP TABLE IF EXISTS schema_version;
