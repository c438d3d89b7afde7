-- The workspace secret: random bytes created once, from which keys for each purpose are
-- derived (unit links, office sessions). It lives in the database so that a backup of the
-- database (VACUUM INTO) keeps it.
CREATE TABLE secrets (
    name       TEXT PRIMARY KEY,
    value      BLOB NOT NULL,
    created_at TEXT NOT NULL
);

-- How often a link was revoked and replaced: the counter is part of what the link's token is
-- derived from. No token is stored.
CREATE TABLE link_rotations (
    subject    TEXT NOT NULL,        -- a unit code, or @office
    period     TEXT NOT NULL,        -- empty for the office
    counter    INTEGER NOT NULL,
    rotated_at TEXT NOT NULL,
    PRIMARY KEY (subject, period)
);

-- The portal's log: every upload and every office action, with who, when, from which address
-- and what came of it (uploads also go to the audit trail).
CREATE TABLE portal_events (
    id        INTEGER PRIMARY KEY,
    time      TEXT NOT NULL,         -- RFC 3339 with offset
    actor     TEXT NOT NULL,         -- a unit code, 办公室, or the OS user of a command
    action    TEXT NOT NULL,
    unit      TEXT NOT NULL,
    period    TEXT NOT NULL,
    remote    TEXT NOT NULL,         -- the client address, empty for commands
    file_name TEXT NOT NULL,
    hash      TEXT NOT NULL,
    outcome   TEXT NOT NULL,
    version   INTEGER NOT NULL,
    detail    TEXT NOT NULL
);
CREATE INDEX portal_events_period ON portal_events(period, unit);

-- Small settings of the workspace (the base address the portal was last served at).
CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
