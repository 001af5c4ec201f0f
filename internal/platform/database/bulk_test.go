package database_test

import (
	"context"
	"fmt"
	"testing"

	"gorm.io/gorm"

	"github.com/storeops/storeops/internal/platform/civil"
	"github.com/storeops/storeops/internal/platform/database"
	"github.com/storeops/storeops/internal/testutil"
)

// TestBulkInsertAndUpsert writes enough rows to take MySQL's LOAD DATA path and a few to take
// the INSERT path, with NULLs and characters that need escaping, then replaces some.
func TestBulkInsertAndUpsert(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, dialect string) {
		db := testutil.NewTestDB(t, dialect)
		testutil.MustExec(t, db, "CREATE TABLE bulk_probe (id BIGINT NOT NULL PRIMARY KEY, note VARCHAR(100) NULL, n BIGINT NOT NULL, d DATE NULL)")
		b := database.Bulk{Table: "bulk_probe", Columns: []string{"id", "note", "n", "d"},
			Upsert: []string{"id"}, Update: []string{"note", "n", "d"}}
		// A typed nil pointer to a driver.Valuer (a nullable date) is NULL on every path.
		day := func(i int) *civil.Date {
			if i%2 == 0 {
				return nil
			}
			d := civil.Date(20000 + i)
			return &d
		}
		note := func(i int) any {
			if i%7 == 0 {
				return nil
			}
			return fmt.Sprintf("行 %d\ttab\\slash\nline", i)
		}
		ctx := context.Background()
		for _, n := range []int{3000, 10} {
			err := database.Tx(ctx, db, func(tx *gorm.DB) error {
				return b.Insert(ctx, tx, n, func(i int, a []any) []any { return append(a, int64(i), note(i), int64(n), day(i)) })
			})
			if err != nil {
				t.Fatalf("insert %d: %v", n, err)
			}
		}
		var count, replaced int64
		db.Table("bulk_probe").Count(&count)
		db.Table("bulk_probe").Where("n = 10").Count(&replaced)
		if count != 3000 || replaced != 10 {
			t.Fatalf("rows %d, replaced %d", count, replaced)
		}
		var got struct{ Note *string }
		db.Table("bulk_probe").Select("note").Where("id = 2999").Scan(&got)
		if got.Note == nil || *got.Note != note(2999) {
			t.Fatalf("note round trip: %v", got.Note)
		}
		db.Table("bulk_probe").Select("note").Where("id = 2996").Scan(&got)
		if got.Note != nil {
			t.Fatalf("NULL round trip: %q", *got.Note)
		}
		var nulls, dated int64
		db.Table("bulk_probe").Where("d IS NULL AND id >= 10").Count(&nulls)
		db.Table("bulk_probe").Where("d = ?", civil.Date(20000+2999)).Count(&dated)
		if nulls != 1495 || dated != 1 {
			t.Fatalf("nullable dates: %d NULL of 1495, %d dated of 1", nulls, dated)
		}
	})
}
