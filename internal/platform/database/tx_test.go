package database_test

import (
	"context"
	"errors"
	"fmt"
	"testing"

	"gorm.io/gorm"

	"github.com/storeops/storeops/internal/platform/database"
	"github.com/storeops/storeops/internal/testutil"
)

func TestTxRunsALostRaceAgainWhole(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, dialect string) {
		db := testutil.NewTestDB(t, dialect)
		ctx := context.Background()
		testutil.MustExec(t, db, "CREATE TABLE tx_probe (id INT NOT NULL PRIMARY KEY, n INT NOT NULL)")
		attempts := 0
		err := database.Tx(ctx, db, func(tx *gorm.DB) error {
			attempts++
			if err := tx.Exec("INSERT INTO tx_probe (id, n) VALUES (?, ?)", attempts, attempts).Error; err != nil {
				return err
			}
			if attempts == 1 {
				return fmt.Errorf("lost a race: %w", database.ErrRetry)
			}
			return nil
		})
		if err != nil || attempts != 2 {
			t.Fatalf("err %v after %d attempts, want success on the 2nd", err, attempts)
		}
		var ids []int
		if err := db.Raw("SELECT id FROM tx_probe ORDER BY id").Scan(&ids).Error; err != nil {
			t.Fatal(err)
		}
		if len(ids) != 1 || ids[0] != 2 {
			t.Fatalf("rows %v: the first attempt must have rolled back", ids)
		}

		attempts = 0
		err = database.Tx(ctx, db, func(tx *gorm.DB) error { attempts++; return database.ErrRetry })
		if !errors.Is(err, database.ErrRetry) || attempts != database.MaxAttempts {
			t.Fatalf("err %v after %d attempts, want ErrRetry after %d", err, attempts, database.MaxAttempts)
		}

		attempts = 0
		plain := errors.New("a bug")
		err = database.Tx(ctx, db, func(tx *gorm.DB) error { attempts++; return plain })
		if !errors.Is(err, plain) || attempts != 1 {
			t.Fatalf("a plain error is returned at once: %v after %d attempts", err, attempts)
		}
	})
}
