-- The office's review decisions, in the order made (gyqc.ReviewEvent): accept or return a
-- version, confirm or dismiss a flag of the evaluation, adopt a task's 经验做法.
CREATE TABLE reviews (
    id       INTEGER PRIMARY KEY,
    period   TEXT NOT NULL,
    unit     TEXT NOT NULL,
    kind     TEXT NOT NULL CHECK (kind IN ('accept', 'return', 'confirm', 'dismiss', 'adopt', 'unadopt')),
    version  INTEGER NOT NULL,
    text     TEXT NOT NULL,
    until    TEXT NOT NULL,       -- RFC 3339, empty when no date was set
    flag     TEXT NOT NULL,
    task     INTEGER NOT NULL,
    reviewer TEXT NOT NULL,
    at       TEXT NOT NULL        -- RFC 3339 with nanoseconds
);
CREATE INDEX reviews_period ON reviews(period, unit);

-- Periods signed off and frozen (gyqc.Lock). At most one lock holds per period; an unlocked
-- lock stays as history.
CREATE TABLE locks (
    id            INTEGER PRIMARY KEY,
    period        TEXT NOT NULL,
    signed_by     TEXT NOT NULL,
    locked_at     TEXT NOT NULL,
    plan_version  TEXT NOT NULL,
    evaluation    TEXT NOT NULL,  -- JSON of the evaluation as locked
    workbook      TEXT NOT NULL REFERENCES files(hash),
    briefing      TEXT REFERENCES files(hash),
    unlocked_at   TEXT,
    unlocked_by   TEXT,
    unlock_reason TEXT
);
CREATE UNIQUE INDEX locks_holding ON locks(period) WHERE unlocked_at IS NULL;

-- The attempts a lock's evaluation counted.
CREATE TABLE lock_versions (
    lock_id       INTEGER NOT NULL REFERENCES locks(id),
    submission_id INTEGER NOT NULL REFERENCES submissions(id),
    PRIMARY KEY (lock_id, submission_id)
);

-- Attempts recorded for a period while a lock held (补报), and the period whose briefing
-- shows them: the first later period not locked when they arrived.
CREATE TABLE supplements (
    submission_id INTEGER PRIMARY KEY REFERENCES submissions(id),
    lock_id       INTEGER NOT NULL REFERENCES locks(id),
    shown_in      TEXT NOT NULL
);

-- The audit trail (gyqc.AuditEntry): every collect, upload, review, lock and unlock.
CREATE TABLE audit (
    id     INTEGER PRIMARY KEY,
    at     TEXT NOT NULL,
    actor  TEXT NOT NULL,
    action TEXT NOT NULL,
    period TEXT NOT NULL,
    unit   TEXT NOT NULL,
    detail TEXT NOT NULL
);
CREATE INDEX audit_period ON audit(period, id);
