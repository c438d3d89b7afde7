// Package store is the workspace: an SQLite database of every collected submission (WAL
// mode, embedded versioned migrations, BEGIN IMMEDIATE writes) and an archive folder holding
// every collected file once under its SHA-256. It implements gyqc.History.
package store

import (
	"context"
	"database/sql"
	"embed"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	_ "modernc.org/sqlite" // the "sqlite" database/sql driver

	"github.com/qianjiang/gyqc"
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
	ReadWrite             // exclusive lock: one writer, no readers
)

// BusyWait is how long Open waits for another run to release the workspace.
var BusyWait = 5 * time.Second

// Open opens (creating when needed and mode is ReadWrite) the workspace in dir. A second run
// on the same workspace waits up to BusyWait, then fails with a gyqc.EBusy error.
func Open(ctx context.Context, dir string, mode Mode) (*Store, error) {
	if mode == ReadOnly {
		if _, err := os.Stat(filepath.Join(dir, DatabaseName)); err != nil {
			return nil, gyqc.Errorf(gyqc.ENotFound, "工作区 %s 还没有数据：请先用 gyqc collect 收取报送文件（或用 --workspace 指定工作区）", dir)
		}
	}
	if err := os.MkdirAll(filepath.Join(dir, ArchiveName), 0o755); err != nil {
		return nil, gyqc.Errorf(gyqc.EInvalid, "无法创建工作区目录 %s：%v", dir, err)
	}
	lk, err := acquire(ctx, filepath.Join(dir, lockName), mode == ReadWrite, BusyWait)
	if err != nil {
		return nil, err
	}
	q := url.Values{}
	for _, p := range []string{"journal_mode(WAL)", "busy_timeout(10000)", "foreign_keys(1)", "synchronous(FULL)"} {
		q.Add("_pragma", p)
	}
	q.Set("_txlock", "immediate")
	dsn := "file:" + filepath.ToSlash(filepath.Join(dir, DatabaseName)) + "?" + q.Encode()
	db, err := sql.Open("sqlite", dsn)
	if err != nil {
		lk.release()
		return nil, fmt.Errorf("open database: %w", err)
	}
	s := &Store{Dir: dir, db: db, lk: lk, Now: time.Now}
	if err := s.migrate(ctx); err != nil {
		s.Close()
		return nil, err
	}
	return s, nil
}

// Close closes the database and releases the workspace.
func (s *Store) Close() error {
	err := s.db.Close()
	s.lk.release()
	return err
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
