-- The files stored with a lock besides the 汇总表 and briefing (gyqc.LockOutput): the evaluation
-- as `gyqc consolidate --json` prints it and the tables as `--csv` writes them, so that asking
-- for them again gives what was signed off.
CREATE TABLE lock_outputs (
    lock_id INTEGER NOT NULL REFERENCES locks(id),
    name    TEXT NOT NULL,
    hash    TEXT NOT NULL REFERENCES files(hash),
    PRIMARY KEY (lock_id, name)
);
