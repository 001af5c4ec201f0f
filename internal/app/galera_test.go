package app_test

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/gin-gonic/gin"
	mysqldriver "github.com/go-sql-driver/mysql"
	"gorm.io/gorm"

	"github.com/storeops/storeops/internal/app"
	"github.com/storeops/storeops/internal/inventory"
	"github.com/storeops/storeops/internal/platform/apperr"
	"github.com/storeops/storeops/internal/platform/authz"
	"github.com/storeops/storeops/internal/platform/civil"
	"github.com/storeops/storeops/internal/platform/config"
	"github.com/storeops/storeops/internal/platform/database"
	"github.com/storeops/storeops/internal/platform/fixed"
	"github.com/storeops/storeops/internal/platform/jobs"
	"github.com/storeops/storeops/internal/seed"
	"github.com/storeops/storeops/internal/testutil"
)

// The Galera tests run only against a running cluster (make galera-test starts one with
// deploy/galera/cluster.sh): STOREOPS_GALERA_DSNS lists one DSN per node, comma-separated,
// e.g. "root@tcp(127.0.0.1:4306)/,root@tcp(127.0.0.1:4307)/,root@tcp(127.0.0.1:4308)/".

// galeraNode is one node of the cluster as the app sees it: its pool on the test database,
// with the retries of database.Tx counted.
type galeraNode struct {
	name    string
	dsn     string
	db      *gorm.DB
	check   *sql.DB // reads that wait until the node has applied everything committed before
	retried atomic.Int64
	gaveUp  atomic.Int64
}

// galeraCluster creates a fresh database through the first node, migrates it there and opens
// it on every node.
func galeraCluster(t *testing.T) []*galeraNode {
	t.Helper()
	raw := os.Getenv("STOREOPS_GALERA_DSNS")
	if raw == "" {
		t.Skip("STOREOPS_GALERA_DSNS is not set (make galera-test runs these tests on a local cluster)")
	}
	var cfgs []*mysqldriver.Config
	for _, dsn := range strings.Split(raw, ",") {
		cfg, err := mysqldriver.ParseDSN(strings.TrimSpace(dsn))
		if err != nil {
			t.Fatalf("STOREOPS_GALERA_DSNS: %v", err)
		}
		cfgs = append(cfgs, cfg)
	}
	if len(cfgs) < 2 {
		t.Fatal("STOREOPS_GALERA_DSNS needs at least two nodes")
	}
	var b [6]byte
	_, _ = rand.Read(b[:])
	name := "storeops_galera_" + hex.EncodeToString(b[:])
	admin := galeraAdmin(t, cfgs[0])
	if _, err := admin.Exec("CREATE DATABASE " + name + " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci"); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if _, err := admin.Exec("DROP DATABASE IF EXISTS " + name); err != nil {
			t.Errorf("drop %s: %v", name, err)
		}
	})
	var nodes []*galeraNode
	for i, cfg := range cfgs {
		c := *cfg
		c.DBName = name
		db, err := database.Open(database.Options{Driver: database.MySQL, DSN: c.FormatDSN(), MaxOpenConns: 16})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { _ = database.Close(db) })
		if i == 0 {
			if _, err := database.Migrate(context.Background(), db); err != nil {
				t.Fatalf("migrate through node 1: %v", err)
			}
		}
		n := &galeraNode{name: fmt.Sprintf("node%d", i+1), dsn: c.FormatDSN(), db: db}
		if err := database.ObserveRetries(db, func(e database.RetryEvent) {
			if e.Retried {
				n.retried.Add(1)
			} else {
				n.gaveUp.Add(1)
			}
		}); err != nil {
			t.Fatal(err)
		}
		c.Params = map[string]string{"wsrep_sync_wait": "1"}
		if n.check, err = sql.Open("mysql", c.FormatDSN()); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { _ = n.check.Close() })
		nodes = append(nodes, n)
	}
	return nodes
}

// galeraAdmin opens a connection to a node without a database, for DDL and SET GLOBAL.
func galeraAdmin(t *testing.T, cfg *mysqldriver.Config) *sql.DB {
	t.Helper()
	c := *cfg
	c.DBName = ""
	admin, err := sql.Open("mysql", c.FormatDSN())
	if err != nil {
		t.Fatal(err)
	}
	admin.SetMaxOpenConns(1)
	t.Cleanup(func() { _ = admin.Close() })
	return admin
}

func scalar[T any](t *testing.T, db *sql.DB, q string, args ...any) T {
	t.Helper()
	var v T
	if err := db.QueryRow(q, args...).Scan(&v); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	return v
}

// TestGalera runs the app's hot paths from two nodes of a Galera cluster at once.
func TestGalera(t *testing.T) {
	nodes := galeraCluster(t)
	ctx := context.Background()
	clock := testutil.NewClock()
	cfg, err := config.Load(func(string) string { return "" })
	if err != nil {
		t.Fatal(err)
	}
	cfg.BcryptCost = 4
	cfg.AttachmentsDir = filepath.Join(t.TempDir(), "attachments")
	gin.SetMode(gin.ReleaseMode)
	apps := make([]*app.App, 2)
	for i := range apps {
		apps[i], err = app.New(app.Deps{Config: cfg, DB: nodes[i].db, Now: clock.Now,
			Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
		if err != nil {
			t.Fatalf("app on %s: %v", nodes[i].name, err)
		}
	}
	a := apps[0]
	if _, err := seed.Demo(ctx, seed.Services{Org: a.Org, Catalog: a.Catalog, Calendar: a.Calendar, Supplier: a.Supplier}, ""); err != nil {
		t.Fatalf("seed through node 1: %v", err)
	}

	t.Run("stock moves on the same rows from two nodes lose nothing", func(t *testing.T) {
		galeraHotStock(t, nodes, apps, clock)
	})
	t.Run("a job runs once per slot with replicas on two nodes", func(t *testing.T) {
		galeraJobsOnce(t, nodes, clock)
	})
	t.Run("bulk writes stay within the write-set limits", func(t *testing.T) {
		galeraBulkLimits(t, nodes)
	})
}

// galeraHotStock books receipts of one product of one store from two writers on each of two
// nodes: every move takes the store's stock lock row and updates the same balance row, so
// the nodes' transactions collide and lose certification. Every acknowledged move must be
// there exactly once, the store's sequence must have no duplicates and no gaps, the retries
// must have happened and each move must have given up after at most MaxAttempts.
func galeraHotStock(t *testing.T, nodes []*galeraNode, apps []*app.App, clock *testutil.Clock) {
	ctx := context.Background()
	check := nodes[0].check
	storeID := scalar[int64](t, check, "SELECT MIN(id) FROM stores")
	productID := scalar[int64](t, check, "SELECT MIN(id) FROM products WHERE perishable = 0")
	before := scalar[string](t, check, "SELECT COALESCE((SELECT on_hand FROM stock_balances WHERE store_id = ? AND product_id = ?), '0')", storeID, productID)
	startQty, err := fixed.ParseQty(before)
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range nodes {
		n.retried.Store(0)
		n.gaveUp.Store(0)
	}
	const writersPerNode, movesPerWriter = 2, 25
	var ok, failed atomic.Int64
	var wg sync.WaitGroup
	errs := make(chan error, 2*writersPerNode*movesPerWriter)
	started := time.Now()
	for i := range 2 {
		for w := range writersPerNode {
			wg.Add(1)
			go func() {
				defer wg.Done()
				p := authz.System("galera-test")
				for k := range movesPerWriter {
					ref := fmt.Sprintf("%s-w%d-%d", nodes[i].name, w, k)
					err := database.Tx(ctx, nodes[i].db, func(tx *gorm.DB) error {
						return apps[i].Inventory.Move(ctx, tx, p, storeID, []inventory.Move{{ProductID: productID,
							Date: civil.Of(clock.Now()), Kind: inventory.KindReceipt, Qty: fixed.QtyOf(1),
							RefType: "galera_test", RefID: ref}})
					})
					if err != nil {
						failed.Add(1)
						errs <- fmt.Errorf("%s: %w", ref, err)
						continue
					}
					ok.Add(1)
				}
			}()
		}
	}
	wg.Wait()
	close(errs)
	elapsed := time.Since(started)
	for err := range errs {
		if !database.Retryable(err) {
			t.Errorf("a move failed for another reason than losing %d times: %v", database.MaxAttempts, err)
		}
	}
	var retried, gaveUp int64
	for _, n := range nodes[:2] {
		retried += n.retried.Load()
		gaveUp += n.gaveUp.Load()
	}
	t.Logf("%d moves acknowledged, %d refused after %d attempts, %d retries, in %s (%.0f moves/s)",
		ok.Load(), failed.Load(), database.MaxAttempts, retried, elapsed.Round(time.Millisecond),
		float64(ok.Load()+failed.Load())/elapsed.Seconds())
	if gaveUp != failed.Load() {
		t.Errorf("%d transactions gave up but %d moves failed", gaveUp, failed.Load())
	}
	if retried == 0 {
		t.Error("no transaction lost certification: the test did not make the nodes collide")
	}
	if max := (ok.Load() + failed.Load()) * (database.MaxAttempts - 1); retried > max {
		t.Errorf("%d retries for %d moves: more than %d attempts each", retried, ok.Load()+failed.Load(), database.MaxAttempts)
	}
	if ok.Load() < int64(2*writersPerNode*movesPerWriter)/2 {
		t.Errorf("only %d of %d moves went through", ok.Load(), 2*writersPerNode*movesPerWriter)
	}
	want := startQty + fixed.QtyOf(ok.Load())
	for _, n := range nodes {
		got := scalar[string](t, n.check, "SELECT on_hand FROM stock_balances WHERE store_id = ? AND product_id = ?", storeID, productID)
		if q, err := fixed.ParseQty(got); err != nil || q != want {
			t.Errorf("%s: on hand %s, want %s (%s before and %d acknowledged receipts)", n.name, got, want, startQty, ok.Load())
		}
		moves := scalar[int64](t, n.check, "SELECT COUNT(*) FROM inventory_movements WHERE ref_type = 'galera_test'")
		refs := scalar[int64](t, n.check, "SELECT COUNT(DISTINCT ref_id) FROM inventory_movements WHERE ref_type = 'galera_test'")
		if moves != ok.Load() || refs != moves {
			t.Errorf("%s: %d movements with %d distinct references, want %d of each", n.name, moves, refs, ok.Load())
		}
		var count, distinct, lo, hi int64
		if err := n.check.QueryRow("SELECT COUNT(*), COUNT(DISTINCT seq), MIN(seq), MAX(seq) FROM inventory_movements WHERE store_id = ?",
			storeID).Scan(&count, &distinct, &lo, &hi); err != nil {
			t.Fatal(err)
		}
		if distinct != count || hi-lo+1 != count {
			t.Errorf("%s: the store's %d movements have %d distinct sequence numbers from %d to %d", n.name, count, distinct, lo, hi)
		}
	}
}

// galeraJobsOnce runs two job runners, as two app replicas would, on two nodes, for ten
// slots of a job: each slot runs exactly once.
func galeraJobsOnce(t *testing.T, nodes []*galeraNode, clock *testutil.Clock) {
	ctx := context.Background()
	const slots = 10
	var mu sync.Mutex
	ranBy := map[int][]string{}
	slot := 0
	runners := make([]*jobs.Runner, 2)
	for i := range runners {
		who := nodes[i].name
		runners[i] = jobs.NewRunner(nodes[i].db, clock.Now, nil, jobs.Options{Identity: "replica-on-" + who})
		err := runners[i].Register(ctx, jobs.Job{Name: "galera.probe", Every: time.Minute,
			Run: func(ctx context.Context, p *authz.Principal) error {
				mu.Lock()
				defer mu.Unlock()
				ranBy[slot] = append(ranBy[slot], who)
				return nil
			}})
		if err != nil {
			t.Fatal(err)
		}
	}
	for s := range slots {
		mu.Lock()
		slot = s
		mu.Unlock()
		var wg sync.WaitGroup
		errs := make([]error, 2)
		for i, r := range runners {
			wg.Add(1)
			go func() {
				defer wg.Done()
				_, errs[i] = r.RunDue(ctx)
			}()
		}
		wg.Wait()
		if err := errors.Join(errs...); err != nil {
			t.Fatalf("slot %d: %v", s, err)
		}
		if got := ranBy[s]; len(got) != 1 {
			t.Errorf("slot %d ran %d times (%v), want once", s, len(got), got)
		}
		clock.Advance(time.Minute)
	}
	runs := scalar[int64](t, nodes[1].check, "SELECT runs FROM job_leases WHERE name = 'galera.probe'")
	if runs != slots {
		t.Errorf("job_leases.runs = %d, want %d", runs, slots)
	}
	where := map[string]int{}
	for _, who := range ranBy {
		for _, w := range who {
			where[w]++
		}
	}
	t.Logf("%d slots ran on %v", slots, where)
}

// galeraBulkLimits lowers node 1's write-set limits and writes through it: a bulk write of
// 5,000 rows (LOAD DATA) and one of 3,000 (multi-row INSERTs) are larger than
// wsrep_max_ws_size yet commit whole, replicated in fragments; the same rows in one plain
// statement are refused at COMMIT as ErrTooLarge; with wsrep_max_ws_rows below the size of
// the write, Bulk refuses it at once and nothing is written.
func galeraBulkLimits(t *testing.T, nodes []*galeraNode) {
	ctx := context.Background()
	cfg, err := mysqldriver.ParseDSN(strings.TrimSpace(strings.Split(os.Getenv("STOREOPS_GALERA_DSNS"), ",")[0]))
	if err != nil {
		t.Fatal(err)
	}
	admin := galeraAdmin(t, cfg)
	setLimits := func(rows, bytes int64) {
		t.Helper()
		if _, err := admin.Exec(fmt.Sprintf("SET GLOBAL wsrep_max_ws_rows = %d, GLOBAL wsrep_max_ws_size = %d", rows, bytes)); err != nil {
			t.Fatal(err)
		}
	}
	t.Cleanup(func() { setLimits(0, 2147483647) })
	// One connection, so that what a bulk write leaves on its session is seen by the next user.
	db, err := database.Open(database.Options{Driver: database.MySQL, DSN: nodes[0].dsn, MaxOpenConns: 1})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = database.Close(db) })
	check := nodes[1].check
	testutil.MustExec(t, db, "CREATE TABLE galera_bulk (id BIGINT NOT NULL PRIMARY KEY, note VARCHAR(200) NOT NULL, n BIGINT NOT NULL)")
	count := func() int64 { return scalar[int64](t, check, "SELECT COUNT(*) FROM galera_bulk") }
	note := strings.Repeat("x", 100)
	setLimits(0, 64<<10)

	err = database.Tx(ctx, db, func(tx *gorm.DB) error {
		return tx.Exec("INSERT INTO galera_bulk (id, note, n) SELECT seq, ?, 1 FROM seq_1_to_3000", note).Error
	})
	var ae *apperr.Error
	if !errors.Is(err, apperr.ErrTooLarge) || !errors.As(err, &ae) || ae.Code != "transaction_too_large" {
		t.Fatalf("300 kB in one plain transaction with wsrep_max_ws_size = 64 kB: %v, want ErrTooLarge transaction_too_large", err)
	}
	if n := count(); n != 0 {
		t.Fatalf("%d rows after a refused transaction", n)
	}

	plain := database.Bulk{Table: "galera_bulk", Columns: []string{"id", "note", "n"}}
	err = database.Tx(ctx, db, func(tx *gorm.DB) error {
		return plain.Insert(ctx, tx, 5000, func(i int, a []any) []any { return append(a, int64(i+1), note, int64(1)) })
	})
	if err != nil {
		t.Fatalf("5,000 rows by LOAD DATA (about 500 kB) with wsrep_max_ws_size = 64 kB: %v", err)
	}
	if n := count(); n != 5000 {
		t.Fatalf("%d rows on node 2 after LOAD DATA, want 5000", n)
	}
	adding := database.Bulk{Table: "galera_bulk", Columns: []string{"id", "note", "n"},
		Upsert: []string{"id"}, Update: []string{"n"}, Increment: true}
	err = database.Tx(ctx, db, func(tx *gorm.DB) error {
		return adding.Insert(ctx, tx, 3000, func(i int, a []any) []any { return append(a, int64(i+1), note, int64(1)) })
	})
	if err != nil {
		t.Fatalf("3,000 upserts by INSERT with wsrep_max_ws_size = 64 kB: %v", err)
	}
	if total := scalar[int64](t, check, "SELECT SUM(n) FROM galera_bulk"); total != 8000 {
		t.Fatalf("SUM(n) = %d on node 2, want 8000", total)
	}
	// The connection streams no more after the bulk write.
	var fragment int64
	if err := db.Raw("SELECT @@SESSION.wsrep_trx_fragment_size").Scan(&fragment).Error; err != nil || fragment != 0 {
		t.Errorf("after the bulk writes the connection has wsrep_trx_fragment_size %d (%v), want 0", fragment, err)
	}

	setLimits(1000, 2147483647)
	err = database.Tx(ctx, db, func(tx *gorm.DB) error {
		return plain.Insert(ctx, tx, 5000, func(i int, a []any) []any { return append(a, int64(10000+i), note, int64(1)) })
	})
	if !errors.Is(err, apperr.ErrTooLarge) || !errors.As(err, &ae) || ae.Code != "too_many_rows" {
		t.Fatalf("5,000 rows with wsrep_max_ws_rows = 1000: %v, want ErrTooLarge too_many_rows", err)
	}
	if n := count(); n != 5000 {
		t.Fatalf("%d rows after a refused bulk write, want the 5000 from before", n)
	}
}
