-- Refusals of files that could not be read, so have no hash and no place in the archive
-- (a file without read permission, one that vanished or failed while being read): the
-- attempt is recorded all the same, with where the file was.
CREATE TABLE unread_refusals (
    id           INTEGER PRIMARY KEY,
    path         TEXT NOT NULL,
    file_name    TEXT NOT NULL,
    size         INTEGER NOT NULL,
    period       TEXT NOT NULL,       -- the period collect was run for
    received     TEXT NOT NULL,
    problems     TEXT NOT NULL,       -- JSON of gyqc.Problems
    collected_at TEXT NOT NULL
);
