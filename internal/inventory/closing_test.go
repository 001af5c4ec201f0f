package inventory_test

import (
	"context"
	"slices"
	"testing"

	"gorm.io/gorm"

	"github.com/storeops/storeops/internal/catalog"
	"github.com/storeops/storeops/internal/inventory"
	"github.com/storeops/storeops/internal/platform/authz"
	"github.com/storeops/storeops/internal/platform/civil"
	"github.com/storeops/storeops/internal/platform/database"
	"github.com/storeops/storeops/internal/platform/fixed"
	"github.com/storeops/storeops/internal/testutil"
)

func TestEmptyDaysWalkBackFromTodaysStock(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, dialect string) {
		env := testutil.NewEnv(t, dialect)
		ctx := context.Background()
		var store int64
		env.DB.Table("stores").Where("code = ?", "sh-pudong").Pluck("id", &store)
		refs, err := env.App.Catalog.RefsBySKU(ctx, []string{catalog.FirstDemoSKU, "P10002", "P10003"})
		if err != nil {
			t.Fatal(err)
		}
		a, b, c := refs[catalog.FirstDemoSKU].ID, refs["P10002"].ID, refs["P10003"].ID
		d0, _ := civil.Parse("2026-10-01")
		q := fixed.QtyOf
		moves := []inventory.Move{
			// a: 10 in, sold out on day 1, nothing on day 2, 5 in on day 3, 2 sold on day 4.
			{ProductID: a, Date: d0, Kind: inventory.KindReceipt, Qty: q(10), UnitCost: 100},
			{ProductID: a, Date: d0.AddDays(1), Kind: inventory.KindSale, Qty: -q(10)},
			{ProductID: a, Date: d0.AddDays(3), Kind: inventory.KindReceipt, Qty: q(5), UnitCost: 100},
			{ProductID: a, Date: d0.AddDays(4), Kind: inventory.KindSale, Qty: -q(2)},
			// b: only sales, never a receipt: its stock is not known.
			{ProductID: b, Date: d0, Kind: inventory.KindSale, Qty: -q(1)},
			{ProductID: b, Date: d0.AddDays(2), Kind: inventory.KindSale, Qty: -q(1)},
			// c: first moves on day 3: the days before are not known.
			{ProductID: c, Date: d0.AddDays(3), Kind: inventory.KindReceipt, Qty: q(5), UnitCost: 100},
		}
		err = database.Tx(ctx, env.DB, func(tx *gorm.DB) error {
			return env.App.Inventory.Move(ctx, tx, authz.System("test"), store, moves)
		})
		if err != nil {
			t.Fatal(err)
		}
		empty, err := env.App.Inventory.EmptyDays(ctx, store, []int64{a, b, c}, d0, d0.AddDays(5))
		if err != nil {
			t.Fatal(err)
		}
		want := []civil.Date{d0.AddDays(2), d0.AddDays(1)}
		if !slices.Equal(empty[a], want) {
			t.Errorf("a: empty days %v, want %v", empty[a], want)
		}
		if len(empty[b]) != 0 || len(empty[c]) != 0 {
			t.Errorf("b %v and c %v: want none known", empty[b], empty[c])
		}
	})
}
