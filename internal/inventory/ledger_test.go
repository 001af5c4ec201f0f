package inventory_test

import (
	"context"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"gorm.io/gorm"

	"github.com/storeops/storeops/internal/catalog"
	"github.com/storeops/storeops/internal/inventory"
	"github.com/storeops/storeops/internal/platform/authz"
	"github.com/storeops/storeops/internal/platform/civil"
	"github.com/storeops/storeops/internal/platform/database"
	"github.com/storeops/storeops/internal/platform/fixed"
	"github.com/storeops/storeops/internal/platform/paging"
	"github.com/storeops/storeops/internal/testutil"
)

var sys = authz.System("test")

type ledger struct {
	env        *testutil.Env
	inv        *inventory.Service
	stores     []int64
	fresh, dry catalog.Product
	today      civil.Date
	ctx        context.Context
}

func newLedger(t *testing.T, dialect string) *ledger {
	t.Helper()
	env := testutil.NewEnv(t, dialect)
	l := &ledger{env: env, inv: env.App.Inventory, ctx: context.Background(), today: civil.Of(env.Clock.Now())}
	env.DB.Table("stores").Order("id").Pluck("id", &l.stores)
	for _, p := range catalog.DemoProducts() {
		if l.fresh.SKU == "" && p.Perishable {
			l.fresh = p
		}
		if l.dry.SKU == "" && !p.Perishable {
			l.dry = p
		}
	}
	refs, err := env.App.Catalog.RefsBySKU(l.ctx, []string{l.fresh.SKU, l.dry.SKU})
	if err != nil || len(refs) != 2 {
		t.Fatalf("demo products: %v %v", refs, err)
	}
	l.fresh.ID, l.dry.ID = refs[l.fresh.SKU].ID, refs[l.dry.SKU].ID
	return l
}

func (l *ledger) move(t *testing.T, store int64, moves ...inventory.Move) {
	t.Helper()
	err := database.Tx(l.ctx, l.env.DB, func(tx *gorm.DB) error { return l.inv.Move(l.ctx, tx, sys, store, moves) })
	if err != nil {
		t.Fatal(err)
	}
}

func (l *ledger) check(t *testing.T) {
	t.Helper()
	problems, err := l.inv.Check(l.ctx, func(id int64) bool { return id == l.fresh.ID })
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range problems {
		t.Error(p)
	}
}

func q(n int64) fixed.Qty { return fixed.QtyOf(n) }

// TestASecondMoveWaitsForTheStoreLock runs two stock moves of one store on two connections
// that interleave: the second cannot finish while the first holds the store's lock, and
// books after it, on its sequence.
func TestASecondMoveWaitsForTheStoreLock(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, dialect string) {
		l := newLedger(t, dialect)
		store := l.stores[0]
		locked, release, firstErr := make(chan struct{}), make(chan struct{}), make(chan error, 1)
		go func() {
			firstErr <- database.Tx(l.ctx, l.env.DB, func(tx *gorm.DB) error {
				err := l.inv.Move(l.ctx, tx, sys, store, []inventory.Move{
					{ProductID: l.dry.ID, Date: l.today, Kind: inventory.KindReceipt, Qty: q(10), RefType: "t", RefID: "1"}})
				select {
				case <-locked:
				default:
					close(locked)
				}
				<-release
				return err
			})
		}()
		<-locked
		done := make(chan error, 1)
		go func() {
			done <- database.Tx(l.ctx, l.env.DB, func(tx *gorm.DB) error {
				return l.inv.Move(l.ctx, tx, sys, store, []inventory.Move{
					{ProductID: l.dry.ID, Date: l.today, Kind: inventory.KindSale, Qty: -q(3), RefType: "t", RefID: "2"}})
			})
		}()
		select {
		case err := <-done:
			t.Fatalf("the second move finished (%v) while the first held the store's lock", err)
		case <-time.After(300 * time.Millisecond):
		}
		close(release)
		if err := <-firstErr; err != nil {
			t.Fatal(err)
		}
		if err := <-done; err != nil {
			t.Fatal(err)
		}
		var rows []struct {
			RefID string
			Seq   int64
		}
		l.env.DB.Table("inventory_movements").Where("store_id = ?", store).Order("seq").Find(&rows)
		if len(rows) != 2 || rows[0].RefID != "1" || rows[1].Seq <= rows[0].Seq {
			t.Fatalf("movements %+v: the waiting move must come after, on the store's sequence", rows)
		}
		got, _ := l.inv.OnHand(l.ctx, store, []int64{l.dry.ID})
		if got[l.dry.ID] != q(7) {
			t.Errorf("on hand %s, want 7", got[l.dry.ID])
		}
		l.check(t)
	})
}

// TestADeadlockIsRunAgainWhole takes two stores' locks in opposite orders at once on
// MariaDB: one transaction is chosen as the deadlock victim (error 1213, as a Galera
// certification failure would be) and database.Tx runs it again, so both moves commit once.
func TestADeadlockIsRunAgainWhole(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, dialect string) {
		if dialect != database.MySQL {
			t.Skip("SQLite runs one writer at a time: it cannot deadlock")
		}
		l := newLedger(t, dialect)
		ctx, cancel := context.WithTimeout(l.ctx, 30*time.Second)
		defer cancel()
		a, b := l.stores[0], l.stores[1]
		var attempts atomic.Int32
		var aHas, bHas sync.Once
		aReady, bReady := make(chan struct{}), make(chan struct{})
		run := func(first, second int64, mine *sync.Once, ready, other chan struct{}) error {
			return database.Tx(ctx, l.env.DB, func(tx *gorm.DB) error {
				attempts.Add(1)
				m := []inventory.Move{{ProductID: l.dry.ID, Date: l.today, Kind: inventory.KindReceipt, Qty: q(1), RefType: "t", RefID: "x"}}
				if err := l.inv.Move(ctx, tx, sys, first, m); err != nil {
					return err
				}
				mine.Do(func() { close(ready) })
				select {
				case <-other:
				case <-ctx.Done():
					return ctx.Err()
				}
				return l.inv.Move(ctx, tx, sys, second, m)
			})
		}
		errs := make(chan error, 2)
		go func() { errs <- run(a, b, &aHas, aReady, bReady) }()
		go func() { errs <- run(b, a, &bHas, bReady, aReady) }()
		for range 2 {
			if err := <-errs; err != nil {
				t.Fatalf("a transaction failed instead of being run again: %v", err)
			}
		}
		if attempts.Load() < 3 {
			t.Fatalf("%d attempts: expected the deadlock victim to run again", attempts.Load())
		}
		for _, s := range []int64{a, b} {
			got, _ := l.inv.OnHand(l.ctx, s, []int64{l.dry.ID})
			if got[l.dry.ID] != q(2) {
				t.Errorf("store %d on hand %s, want 2 (each move once)", s, got[l.dry.ID])
			}
		}
		l.check(t)
	})
}

// TestMoveWorksOutLotsByItself books receipts of a perishable product without telling Move
// anything about lots, then writes off one named lot.
func TestMoveWorksOutLotsByItself(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, dialect string) {
		l := newLedger(t, dialect)
		store := l.stores[0]
		l.move(t, store,
			inventory.Move{ProductID: l.fresh.ID, Date: l.today, Kind: inventory.KindReceipt, Qty: q(5), RefType: "t", RefID: "a", Expiry: l.today + 9},
			inventory.Move{ProductID: l.fresh.ID, Date: l.today, Kind: inventory.KindReceipt, Qty: q(4), RefType: "t", RefID: "b"})
		var lots []struct {
			ID           int64
			ExpiryDate   civil.Date
			QtyRemaining fixed.Qty
		}
		l.env.DB.Table("stock_lots").Where("store_id = ?", store).Order("expiry_date").Find(&lots)
		if len(lots) != 2 || lots[0].ExpiryDate != l.today.AddDays(l.fresh.ShelfLifeDays) || lots[1].ExpiryDate != l.today+9 {
			t.Fatalf("lots %+v: the shelf-life lot must come from the catalogue", lots)
		}
		later := lots[1].ID
		l.move(t, store, inventory.Move{ProductID: l.fresh.ID, Date: l.today, Kind: inventory.KindWriteOff, Qty: -q(2),
			RefType: "t", RefID: "c", LotID: later})
		var left fixed.Qty
		_ = l.env.DB.Table("stock_lots").Select("qty_remaining").Where("id = ?", later).Row().Scan(&left)
		if left != q(3) {
			t.Errorf("the named lot holds %s, want 3", left)
		}
		err := database.Tx(l.ctx, l.env.DB, func(tx *gorm.DB) error {
			return l.inv.Move(l.ctx, tx, sys, store, []inventory.Move{{ProductID: l.fresh.ID, Date: l.today,
				Kind: inventory.KindWriteOff, Qty: -q(4), RefType: "t", RefID: "d", LotID: later}})
		})
		if err == nil {
			t.Fatal("writing off more than a lot holds was booked")
		}
		l.check(t)
	})
}

// TestDaysOfCoverFollowsTheDays books sales on several days and lets the clock run: the
// rollup slides a day at a time, or is rebuilt after a long gap, and always equals the sales
// of the 28 days before today.
func TestDaysOfCoverFollowsTheDays(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, dialect string) {
		l := newLedger(t, dialect)
		store := l.stores[0]
		l.move(t, store, inventory.Move{ProductID: l.dry.ID, Date: l.today - 40, Kind: inventory.KindReceipt, Qty: q(500), RefType: "t", RefID: "r"})
		for _, back := range []int{35, 28, 20, 3, 1, 0} {
			l.move(t, store, inventory.Move{ProductID: l.dry.ID, Date: l.today.AddDays(-back), Kind: inventory.KindSale, Qty: -q(7),
				RefType: "t", RefID: "s"})
		}
		p := &authz.Principal{Role: authz.RoleAdmin, UserID: 1}
		list := func() inventory.Item {
			t.Helper()
			items, _, err := l.inv.List(l.ctx, p, store, inventory.ListQuery{Q: l.dry.SKU, Page: pageOne()})
			if err != nil || len(items) != 1 {
				t.Fatalf("list: %v %v", items, err)
			}
			return items[0]
		}
		// Days 28, 20, 3 and 1 back are in the window before today: 4 × 7 sold.
		if it := list(); it.AvgDailySales != fixed.Qty(1000) || !it.HasCover {
			t.Fatalf("avg daily sales %s, want 1.000", it.AvgDailySales)
		}
		l.check(t)
		for _, step := range []time.Duration{24 * time.Hour, 24 * time.Hour, 7 * 24 * time.Hour, 45 * 24 * time.Hour} {
			l.env.Clock.Advance(step)
			list()
			l.check(t)
			// A sale booked late, for a day inside the window, counts at once.
			day := civil.Of(l.env.Clock.Now()).AddDays(-2)
			l.move(t, store, inventory.Move{ProductID: l.dry.ID, Date: day, Kind: inventory.KindSale, Qty: -q(1), RefType: "t", RefID: "late"})
			l.check(t)
		}
	})
}

func pageOne() paging.Page { return paging.First() }
