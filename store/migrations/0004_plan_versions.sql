-- Every version of the plan file and units file the workspace has used, by their joint hash.
CREATE TABLE plan_versions (
    no       INTEGER PRIMARY KEY,   -- 第N版, in the order first kept
    hash     TEXT NOT NULL UNIQUE,  -- planfile.Hash of the two files
    plan     BLOB NOT NULL,
    units    BLOB NOT NULL,
    source   TEXT NOT NULL,         -- where it came from: 内置方案, a workbook, --plan files
    kept_at  TEXT NOT NULL
);

-- Each time a version became the workspace's active plan; the latest row is active.
CREATE TABLE plan_activations (
    id           INTEGER PRIMARY KEY,
    version      INTEGER NOT NULL REFERENCES plan_versions(no),
    activated_at TEXT NOT NULL
);

-- Which version each period is evaluated under: set when the period's templates are issued,
-- and again only when the office re-evaluates it on purpose (consolidate --replan). Rows are
-- never changed; the latest row of a period holds.
CREATE TABLE period_plans (
    id          INTEGER PRIMARY KEY,
    period      TEXT NOT NULL,
    version     INTEGER NOT NULL REFERENCES plan_versions(no),
    reason      TEXT NOT NULL CHECK (reason IN ('issue', 'replan')),
    assigned_at TEXT NOT NULL
);
CREATE INDEX period_plans_period ON period_plans(period, id);
