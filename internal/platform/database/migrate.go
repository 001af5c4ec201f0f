package database

import (
	"context"
	"fmt"
	"io/fs"

	"github.com/pressly/goose/v3"
	goosedb "github.com/pressly/goose/v3/database"
	"gorm.io/gorm"

	"github.com/storeops/storeops/migrations"
)

// Migrate applies every pending versioned migration of db's dialect and returns how many ran.
func Migrate(ctx context.Context, db *gorm.DB) (int, error) {
	p, err := provider(db)
	if err != nil {
		return 0, err
	}
	results, err := p.Up(ctx)
	if err != nil {
		return len(results), fmt.Errorf("database: migrate: %w", err)
	}
	return len(results), nil
}

// MigrationStatus reports the current and the latest migration version.
func MigrationStatus(ctx context.Context, db *gorm.DB) (current, latest int64, err error) {
	p, err := provider(db)
	if err != nil {
		return 0, 0, err
	}
	current, err = p.GetDBVersion(ctx)
	if err != nil {
		return 0, 0, err
	}
	sources := p.ListSources()
	if len(sources) > 0 {
		latest = sources[len(sources)-1].Version
	}
	return current, latest, nil
}

func provider(db *gorm.DB) (*goose.Provider, error) {
	sqlDB, err := db.DB()
	if err != nil {
		return nil, err
	}
	if Dialect(db) == MySQL {
		sub, err := fs.Sub(migrations.FS, "mysql")
		if err != nil {
			return nil, err
		}
		return goose.NewProvider(goose.DialectMySQL, sqlDB, sub)
	}
	sub, err := fs.Sub(migrations.FS, "sqlite")
	if err != nil {
		return nil, err
	}
	store, err := goosedb.NewStore(goosedb.DialectSQLite3, goose.DefaultTablename)
	if err != nil {
		return nil, err
	}
	return goose.NewProvider(goose.DialectCustom, sqlDB, sub, goose.WithStore(sqliteGooseStore{store}))
}

// sqliteGooseStore asks sqlite_master whether goose's version table exists. Without it goose
// reads the table's first row instead, whose tstamp SQLite wrote in its own format
// (datetime('now'), no zone), which the driver's StoreOps time format does not read.
type sqliteGooseStore struct{ goosedb.Store }

// TableExists reports whether goose's version table exists.
func (s sqliteGooseStore) TableExists(ctx context.Context, db goosedb.DBTxConn) (bool, error) {
	var n int
	err := db.QueryRowContext(ctx, "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = ?", s.Tablename()).Scan(&n)
	return n > 0, err
}
