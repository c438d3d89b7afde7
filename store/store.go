// Package store is the workspace: an SQLite database of every collected submission (WAL
// mode, embedded versioned migrations, BEGIN IMMEDIATE writes) and an archive folder holding
// every collected file once under its SHA-256. It implements gyqc.History.
package store

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"syscall"
	"time"

	_ "modernc.org/sqlite" // the "sqlite" database/sql driver

	"github.com/qianjiang/gyqc"
	"github.com/qianjiang/gyqc/internal/atomicfile"
)

//go:embed migrations/*.sql
var migrations embed.FS

// Names inside a workspace folder.
const (
	DatabaseName = "gyqc.db"
	ArchiveName  = "archive"
	lockName     = "gyqc.lock"
	waitSuffix   = ".wait" // gyqc.lock.wait: runs waiting for the workspace (Waiting)
)

// Store is an open workspace.
type Store struct {
	Dir string
	db  *sql.DB
	lk  *lock
	// Now is the clock used for collected_at; tests replace it.
	Now func() time.Time
}

var _ gyqc.History = (*Store)(nil)

// Mode says whether a run only reads the workspace or also writes it.
type Mode int

// Modes of opening a workspace.
const (
	ReadOnly  Mode = iota // shared lock: several readers at once
	ReadWrite             // exclusive lock: one writer, no readers; creates the workspace
	// Update is ReadWrite on a workspace that must exist already: a folder without a
	// database is the gyqc.ENotFound error "工作区不存在" and nothing is created. Every
	// command but the one that sets a workspace up (issue) opens it so, so that a mistyped
	// --workspace is not made into a new, empty workspace with a secret of its own.
	// (issue and serve, which issue templates, open it ReadWrite.)
	Update
)

// BusyWait is how long Open waits for another run to release the workspace.
var BusyWait = 5 * time.Second

// Open opens (creating it when needed and mode is ReadWrite) the workspace in dir. A second run
// on the same workspace waits up to BusyWait, then fails with a gyqc.EBusy error.
//
// ReadOnly and Update never create a workspace: a folder without a database is a gyqc.ENotFound error
// ("工作区不存在"), and a workspace this process may not write (a read-only file system, a
// folder of another user, a backup on a CD) is opened read-only, without the lock when its
// lock file cannot be opened, as long as its database needs no migration.
func Open(ctx context.Context, dir string, mode Mode) (*Store, error) {
	if mode != ReadWrite {
		if _, err := os.Stat(filepath.Join(dir, DatabaseName)); err != nil {
			return nil, NoWorkspaceError(dir)
		}
	}
	if mode == Update {
		mode = ReadWrite
	}
	if mode == ReadWrite {
		if err := os.MkdirAll(filepath.Join(dir, ArchiveName), 0o755); err != nil {
			return nil, gyqc.EnvError(fmt.Sprintf("无法创建工作区目录 %s", dir), err)
		}
	}
	lk, err := acquire(ctx, filepath.Join(dir, lockName), mode == ReadWrite, BusyWait)
	if err != nil {
		return nil, err
	}
	s, err := openDB(ctx, dir, lk, "")
	if err != nil && mode == ReadOnly && cannotWrite(err) {
		// Read-only; then, when SQLite cannot make the shared-memory file a WAL database
		// needs and there is none (so nobody has the database open), as an immutable file.
		if ro, rerr := openDB(ctx, dir, lk, "ro"); rerr == nil {
			return ro, nil
		}
		if _, serr := os.Stat(filepath.Join(dir, DatabaseName+"-shm")); errors.Is(serr, fs.ErrNotExist) {
			if ro, rerr := openDB(ctx, dir, lk, "immutable"); rerr == nil {
				return ro, nil
			}
		}
	}
	if err != nil {
		lk.release()
		return nil, err
	}
	if mode == ReadWrite {
		cleanArchive(filepath.Join(dir, ArchiveName))
	}
	return s, nil
}

// cannotWrite reports whether opening the database failed because this process may not
// write it (SQLite's "readonly" and "unable to open", or the system's permission errors).
func cannotWrite(err error) bool {
	msg := strings.ToLower(err.Error())
	return errors.Is(err, fs.ErrPermission) || errors.Is(err, syscall.EROFS) ||
		strings.Contains(msg, "readonly") || strings.Contains(msg, "read-only") || strings.Contains(msg, "unable to open")
}

// NoWorkspaceError is the error of a read-only command on a folder that holds no workspace.
func NoWorkspaceError(dir string) error {
	return gyqc.Errorf(gyqc.ENotFound, "工作区不存在：%s 中没有 gyqc 的数据库（%s）。请检查 --workspace（或环境变量 GYQC_WORKSPACE）"+
		"是否写错；新的工作区由 gyqc issue 下发模板时建立", dir, DatabaseName)
}

// openDB opens the database of the workspace and brings its schema up to date. readOnly
// "ro" opens it for reading only, "immutable" as a file nobody changes; both then only
// check that the schema is up to date.
func openDB(ctx context.Context, dir string, lk *lock, readOnly string) (*Store, error) {
	q := url.Values{}
	pragmas := []string{"journal_mode(WAL)", "busy_timeout(10000)", "foreign_keys(1)", "synchronous(FULL)"}
	switch readOnly {
	case "ro":
		pragmas = []string{"busy_timeout(10000)", "foreign_keys(1)"}
		q.Set("mode", "ro")
	case "immutable":
		pragmas = []string{"foreign_keys(1)"}
		q.Set("mode", "ro")
		q.Set("immutable", "1")
	}
	for _, p := range pragmas {
		q.Add("_pragma", p)
	}
	q.Set("_txlock", "immediate")
	dsn := "file:" + filepath.ToSlash(filepath.Join(dir, DatabaseName)) + "?" + q.Encode()
	db, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, fmt.Errorf("open database: %w", err)
	}
	s := &Store{Dir: dir, db: db, lk: lk, Now: time.Now}
	if readOnly != "" {
		err = s.checkSchema(ctx)
	} else {
		err = s.migrate(ctx)
	}
	if err != nil {
		db.Close()
		return nil, err
	}
	return s, nil
}

// checkSchema checks that every migration is applied, for a database opened read-only.
func (s *Store) checkSchema(ctx context.Context) error {
	names, err := fs.Glob(migrations, "migrations/*.sql")
	if err != nil {
		return err
	}
	var n int
	if err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM schema_migrations`).Scan(&n); err != nil {
		return fmt.Errorf("read schema_migrations: %w", err)
	}
	if n < len(names) {
		return gyqc.Errorf(gyqc.EEnv, "工作区 %s 是只读的，而它的数据库需要升级到本版 gyqc 的格式：请在可以写入的位置运行一次 gyqc status", s.Dir)
	}
	return nil
}

// Close closes the database and releases the workspace.
func (s *Store) Close() error {
	err := s.db.Close()
	s.lk.release()
	return err
}

// cleanArchive removes the temporary files a killed run left in the archive (staged files
// never renamed into place). Only a writer, holding the workspace alone, calls it.
func cleanArchive(dir string) {
	atomicfile.CleanDir(dir)
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if e.IsDir() && (len(e.Name()) == 2 || e.Name() == incomingName) {
			atomicfile.CleanDir(filepath.Join(dir, e.Name()))
		}
	}
}

// migrate applies the embedded migrations not yet recorded, each in its own transaction.
func (s *Store) migrate(ctx context.Context) error {
	if _, err := s.db.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
		version TEXT PRIMARY KEY, applied_at TEXT NOT NULL)`); err != nil {
		return fmt.Errorf("create schema_migrations: %w", err)
	}
	names, err := fs.Glob(migrations, "migrations/*.sql")
	if err != nil {
		return err
	}
	sort.Strings(names)
	for _, name := range names {
		version := strings.TrimSuffix(filepath.Base(name), ".sql")
		var n int
		if err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM schema_migrations WHERE version = ?`, version).Scan(&n); err != nil {
			return fmt.Errorf("read schema_migrations: %w", err)
		}
		if n > 0 {
			continue
		}
		body, _ := migrations.ReadFile(name)
		err := s.tx(ctx, func(tx *sql.Tx) error {
			if _, err := tx.ExecContext(ctx, string(body)); err != nil {
				return fmt.Errorf("migration %s: %w", version, err)
			}
			_, err := tx.ExecContext(ctx, `INSERT INTO schema_migrations VALUES (?, ?)`, version, s.Now().UTC().Format(time.RFC3339))
			return err
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// tx runs fn in a write transaction (BEGIN IMMEDIATE), committing when fn succeeds.
func (s *Store) tx(ctx context.Context, fn func(*sql.Tx) error) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("begin: %w", err)
	}
	if err := fn(tx); err != nil {
		tx.Rollback()
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("commit: %w", err)
	}
	return nil
}

// Tx is a write transaction on the workspace (BEGIN IMMEDIATE): everything recorded in it is
// committed together or not at all.
type Tx struct {
	s   *Store
	tx  *sql.Tx
	ctx context.Context
}

// Update runs fn in one write transaction, committing when fn succeeds.
func (s *Store) Update(ctx context.Context, fn func(*Tx) error) error {
	return s.tx(ctx, func(tx *sql.Tx) error { return fn(&Tx{s: s, tx: tx, ctx: ctx}) })
}

// IntegrityCheck runs PRAGMA integrity_check and returns its verdict ("ok" when sound).
func (s *Store) IntegrityCheck(ctx context.Context) (string, error) {
	var res string
	err := s.db.QueryRowContext(ctx, `PRAGMA integrity_check`).Scan(&res)
	return res, err
}

// Backup writes a consistent copy of the database to path with VACUUM INTO.
func (s *Store) Backup(ctx context.Context, path string) error {
	_, err := s.db.ExecContext(ctx, `VACUUM INTO ?`, path)
	return err
}
