-- Several nodes on one database (issue 15). Every claim is a row with an expiring lease, renewed by its node's
-- heartbeat: a node that dies (or loses the database) lets go of everything it held within one lease.
-- bridge_node: the nodes that run on this store and when each was last heard from.
CREATE TABLE bridge_node (
    node_id      VARCHAR(200) PRIMARY KEY,
    started_at   BIGINT       NOT NULL,
    heartbeat_at BIGINT       NOT NULL
);
-- work_claim: the work key (an appointment) one node is applying; no other node takes it while the lease runs.
CREATE TABLE work_claim (
    work_key    VARCHAR(200) PRIMARY KEY,
    node_id     VARCHAR(200) NOT NULL,
    lease_until BIGINT       NOT NULL
);
CREATE INDEX work_claim_node ON work_claim (node_id);
-- poll_claim: who polls an Apple ID's calendars (lease) and when it may next be polled (by any node).
CREATE TABLE poll_claim (
    apple_id     VARCHAR(320) PRIMARY KEY,
    node_id      VARCHAR(200) NOT NULL,
    lease_until  BIGINT       NOT NULL,
    next_poll_at BIGINT       NOT NULL
);
CREATE INDEX poll_claim_node ON poll_claim (node_id);
-- cluster_lease: singletons (the routes that run on one node: reconciliation, retention, idle token refresh).
CREATE TABLE cluster_lease (
    name        VARCHAR(100) PRIMARY KEY,
    node_id     VARCHAR(200) NOT NULL,
    lease_until BIGINT       NOT NULL
);
-- rate_budget: HighLevel's per-location burst budget as every node spends it. slots lists the requests that still
-- count ("id:started:answered", answered 0 while in flight), rewritten under the row's lock.
CREATE TABLE rate_budget (
    location_id VARCHAR(100)   PRIMARY KEY,
    slots       VARCHAR(20000) NOT NULL
);
