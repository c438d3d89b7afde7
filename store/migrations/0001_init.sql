-- Every distinct file ever collected, by SHA-256; the bytes are in the archive folder.
CREATE TABLE files (
    hash        TEXT PRIMARY KEY,
    size        INTEGER NOT NULL,
    first_name  TEXT NOT NULL,
    archived_at TEXT NOT NULL
);

-- One row per collected attempt that could be attributed to a unit and a period.
CREATE TABLE submissions (
    id           INTEGER PRIMARY KEY,
    unit         TEXT NOT NULL,
    period       TEXT NOT NULL,
    version      INTEGER NOT NULL,
    received     TEXT NOT NULL,      -- RFC 3339 with offset
    hash         TEXT NOT NULL REFERENCES files(hash),
    file_name    TEXT NOT NULL,
    application  TEXT NOT NULL,
    outcome      TEXT NOT NULL CHECK (outcome IN ('accepted', 'warned', 'refused')),
    filler       TEXT NOT NULL,      -- JSON of gyqc.Filler
    collected_at TEXT NOT NULL,
    UNIQUE (unit, period, version),
    UNIQUE (unit, period, hash)
);
CREATE INDEX submissions_period ON submissions(period, unit);

CREATE TABLE task_reports (
    submission_id INTEGER NOT NULL REFERENCES submissions(id) ON DELETE CASCADE,
    task          INTEGER NOT NULL,
    role          TEXT NOT NULL,
    status        TEXT NOT NULL,
    progress      TEXT NOT NULL,
    issues        TEXT NOT NULL,
    next_plan     TEXT NOT NULL,
    PRIMARY KEY (submission_id, task)
);

CREATE TABLE indicator_values (
    submission_id INTEGER NOT NULL REFERENCES submissions(id) ON DELETE CASCADE,
    key           TEXT NOT NULL,
    value         REAL,               -- NULL: no number (empty, or refused text)
    raw           TEXT NOT NULL,
    note          TEXT NOT NULL,
    PRIMARY KEY (submission_id, key)
);

CREATE TABLE problems (
    submission_id INTEGER NOT NULL REFERENCES submissions(id) ON DELETE CASCADE,
    seq           INTEGER NOT NULL,
    severity      TEXT NOT NULL,
    sheet         TEXT NOT NULL,
    cell          TEXT NOT NULL,
    rule          TEXT NOT NULL,
    value         TEXT NOT NULL,
    message       TEXT NOT NULL,
    fix           TEXT NOT NULL,
    explained     INTEGER NOT NULL,
    task          INTEGER NOT NULL,
    indicator     TEXT NOT NULL,
    PRIMARY KEY (submission_id, seq)
);

-- Attempts that could not be attributed to a unit and period (not our template, broken,
-- hostile): kept with their problems so that nothing received goes unrecorded.
CREATE TABLE rejects (
    id          INTEGER PRIMARY KEY,
    hash        TEXT NOT NULL REFERENCES files(hash),
    file_name   TEXT NOT NULL,
    period      TEXT NOT NULL,       -- the period collect was run for
    received    TEXT NOT NULL,
    problems    TEXT NOT NULL,       -- JSON of gyqc.Problems
    collected_at TEXT NOT NULL,
    UNIQUE (hash, period)
);
