// Package database opens the SQLite or MySQL database, runs the versioned migrations and
// offers the small transaction and error helpers every module's store layer uses.
package database

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	mysqldriver "github.com/go-sql-driver/mysql"
	"github.com/ncruces/go-sqlite3/gormlite"
	"gorm.io/driver/mysql"
	"gorm.io/gorm"
	"gorm.io/gorm/logger"

	"github.com/storeops/storeops/internal/platform/apperr"
)

// Dialects StoreOps runs on.
const (
	SQLite = "sqlite"
	MySQL  = "mysql"
)

// Options says how to open a database.
type Options struct {
	Driver       string // SQLite or MySQL
	DSN          string // a file path or a file: URI (SQLite), or a go-sql-driver DSN (MySQL)
	MaxOpenConns int
}

// Open connects to the database with the pool, dialect and GORM settings StoreOps relies on:
// errors translated to gorm's sentinel errors, prepared statements reused, UTC times.
func Open(opts Options) (*gorm.DB, error) {
	var dialector gorm.Dialector
	prepare, sequential := false, false
	switch opts.Driver {
	case SQLite:
		dsn, err := sqliteDSN(opts.DSN)
		if err != nil {
			return nil, err
		}
		dialector = gormlite.Open(dsn)
		// Reusing prepared statements skips SQLite's parse, the largest cost of a
		// primary-key read through this driver (1.5× the reads, sqlite_bench_test.go).
		prepare = true
	case MySQL:
		dsn, err := MySQLDSN(opts.DSN)
		if err != nil {
			return nil, err
		}
		dialector, sequential, err = mysqlDialector(dsn)
		if err != nil {
			return nil, err
		}
		prepare = true
	default:
		return nil, fmt.Errorf("database: unknown driver %q", opts.Driver)
	}
	db, err := gorm.Open(dialector, &gorm.Config{
		TranslateError:         true,
		PrepareStmt:            prepare,
		SkipDefaultTransaction: true,
		NowFunc:                func() time.Time { return time.Now().UTC().Truncate(time.Microsecond) },
		Logger:                 logger.Discard,
	})
	if err != nil {
		return nil, fmt.Errorf("database: open %s: %w", opts.Driver, err)
	}
	sqlDB, err := db.DB()
	if err != nil {
		return nil, err
	}
	maxOpen := opts.MaxOpenConns
	if maxOpen <= 0 {
		maxOpen = 16
	}
	sqlDB.SetMaxOpenConns(maxOpen)
	sqlDB.SetMaxIdleConns(maxOpen)
	sqlDB.SetConnMaxIdleTime(5 * time.Minute)
	sqlDB.SetConnMaxLifetime(time.Hour)
	if opts.Driver == MySQL {
		if err := db.Use(unavailableErrors{}); err != nil {
			return nil, err
		}
		if sequential {
			sqlDB.SetConnMaxLifetime(sequentialConnLifetime)
		}
		return causalOnGalera(db, opts)
	}
	return db, nil
}

// mysqlDialector opens a DSN of one server as usual, and one listing several
// (sequential(a,b,c)) through a connector that fails over between them.
func mysqlDialector(dsn string) (d gorm.Dialector, sequential bool, err error) {
	cfg, err := mysqldriver.ParseDSN(dsn)
	if err != nil {
		return nil, false, fmt.Errorf("database: STOREOPS_DB_DSN: %w", err)
	}
	if cfg.Net != SequentialNet {
		return mysql.New(mysql.Config{DSN: dsn}), false, nil
	}
	conn, err := newSequentialConnector(cfg)
	if err != nil {
		return nil, false, err
	}
	return mysql.New(mysql.Config{Conn: sql.OpenDB(conn), DSNConfig: cfg}), true, nil
}

// unavailableErrors is a GORM plugin that turns a lost connection under any statement into
// a 503 database_unavailable the client may repeat, instead of an internal error. (Inside
// Tx the transaction is run again on a fresh connection first.)
type unavailableErrors struct{}

func (unavailableErrors) Name() string { return "storeops:unavailable" }

func (unavailableErrors) Initialize(db *gorm.DB) error {
	wrap := func(tx *gorm.DB) {
		if tx.Error != nil && ConnectionLost(tx.Error) {
			tx.Error = unavailable(tx.Error)
		}
	}
	cb := db.Callback()
	for _, p := range []interface {
		Register(string, func(*gorm.DB)) error
	}{
		cb.Create().After("*"), cb.Query().After("*"), cb.Update().After("*"),
		cb.Delete().After("*"), cb.Row().After("*"), cb.Raw().After("*"),
	} {
		if err := p.Register("storeops:unavailable", wrap); err != nil {
			return err
		}
	}
	return nil
}

// causalOnGalera reopens db with wsrep_sync_wait = 1 when it is a Galera node and the DSN
// does not say otherwise. A node applies the other nodes' commits a little after they
// commit: without the wait, a replica behind a load balancer could answer "no such product"
// for one that another replica created a moment ago, and a transaction could start from a
// state older than the last one its caller saw. With it, every read and every BEGIN first
// waits until the node has applied everything committed in the cluster before it.
func causalOnGalera(db *gorm.DB, opts Options) (*gorm.DB, error) {
	cfg, err := mysqldriver.ParseDSN(opts.DSN)
	if err != nil {
		return nil, err
	}
	var on int
	// MySQL and a MariaDB built without wsrep have no such variable: not a cluster.
	if err := db.Raw("SELECT @@GLOBAL.wsrep_on").Scan(&on).Error; err != nil || on == 0 {
		return db, nil
	}
	if _, set := cfg.Params["wsrep_sync_wait"]; set {
		return db, db.Use(galeraNode{})
	}
	if err := Close(db); err != nil {
		return nil, err
	}
	if cfg.Params == nil {
		cfg.Params = map[string]string{}
	}
	cfg.Params["wsrep_sync_wait"] = "1"
	opts.DSN = cfg.FormatDSN()
	return Open(opts) // which marks it a Galera node
}

// galeraNode marks a pool whose server is a Galera node (see Tx).
type galeraNode struct{}

const galeraNodeName = "storeops:galera-node"

func (galeraNode) Name() string              { return galeraNodeName }
func (galeraNode) Initialize(*gorm.DB) error { return nil }

func onGalera(db *gorm.DB) bool {
	_, ok := db.Config.Plugins[galeraNodeName]
	return ok
}

// MySQLDSN normalises a MySQL DSN: times parsed as UTC, utf8mb4, and strict SQL mode so that
// the server refuses rather than truncates bad values.
func MySQLDSN(dsn string) (string, error) {
	cfg, err := mysqldriver.ParseDSN(dsn)
	if err != nil {
		return "", fmt.Errorf("database: STOREOPS_DB_DSN: %w", err)
	}
	cfg.ParseTime = true
	cfg.Loc = time.UTC
	if cfg.Params == nil {
		cfg.Params = map[string]string{}
	}
	if _, ok := cfg.Params["charset"]; !ok {
		cfg.Params["charset"] = "utf8mb4"
	}
	if _, ok := cfg.Params["sql_mode"]; !ok {
		cfg.Params["sql_mode"] = "'STRICT_ALL_TABLES,NO_ZERO_DATE,ERROR_FOR_DIVISION_BY_ZERO'"
	}
	if _, ok := cfg.Params["time_zone"]; !ok {
		cfg.Params["time_zone"] = "'+00:00'"
	}
	return cfg.FormatDSN(), nil
}

// Dialect names the database behind db: SQLite or MySQL.
func Dialect(db *gorm.DB) string {
	if db.Dialector.Name() == "mysql" {
		return MySQL
	}
	return SQLite
}

// Ping checks that the database answers.
func Ping(ctx context.Context, db *gorm.DB) error {
	sqlDB, err := db.DB()
	if err != nil {
		return err
	}
	return sqlDB.PingContext(ctx)
}

// Close closes the pool.
func Close(db *gorm.DB) error {
	sqlDB, err := db.DB()
	if err != nil {
		return err
	}
	return sqlDB.Close()
}

// SQLDB returns the underlying pool.
func SQLDB(db *gorm.DB) (*sql.DB, error) { return db.DB() }

// Translate turns gorm's sentinel errors into apperr kinds, naming what was looked for.
// Other errors pass through unchanged (and become a logged 500).
func Translate(err error, what string) error {
	switch {
	case err == nil:
		return nil
	case errors.Is(err, gorm.ErrRecordNotFound):
		return fmt.Errorf("%s: %w", what, apperr.ErrNotFound)
	case errors.Is(err, gorm.ErrDuplicatedKey):
		return apperr.New(apperr.ErrConflict, "duplicate", what+" already exists")
	case errors.Is(err, gorm.ErrForeignKeyViolated):
		return apperr.New(apperr.ErrConflict, "referenced", what+" refers to or is referred to by another record")
	}
	return err
}

// EscapeLike escapes a search text for `LIKE ? ESCAPE '!'`. The escape character is not a
// backslash because MySQL and SQLite quote '\' differently.
func EscapeLike(q string) string {
	return strings.NewReplacer(`!`, `!!`, `%`, `!%`, `_`, `!_`).Replace(q)
}

// UpdateVersioned applies changes to the row of model with id if its version is still
// `version`, bumping the version and stamping updated_at. A stale version is a 409
// stale_version naming `what`; a clash with a unique key is a 409 duplicate.
func UpdateVersioned(ctx context.Context, tx *gorm.DB, model any, id int64, version int, changes map[string]any, what string, now time.Time) error {
	changes["version"] = gorm.Expr("version + 1")
	changes["updated_at"] = now
	res := tx.WithContext(ctx).Model(model).Where("id = ? AND version = ?", id, version).Updates(changes)
	if res.Error != nil {
		return Translate(res.Error, what)
	}
	if res.RowsAffected == 0 {
		return apperr.New(apperr.ErrConflict, "stale_version",
			what+" was changed by someone else: reload it and try again")
	}
	return nil
}
