package database

import (
	"context"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"testing"
	"time"

	"gorm.io/gorm"

	"github.com/storeops/storeops/internal/platform/civil"
	"github.com/storeops/storeops/internal/platform/fixed"
)

// The benchmarks below measure the embedded SQLite driver through GORM and Bulk, the figures
// behind the driver choice and Bulk's SQLite batch size. They run only with -bench:
//
//	go test -run '^$' -bench SQLite -benchtime 1x -count 3 ./internal/platform/database
//
// Each opens its own file database the way StoreOps does (database.Open: WAL, busy timeout,
// immediate transactions), so the figures include the driver, GORM and the pragmas.

const benchRows = 300_000

// benchSalesDDL is shaped like sales_lines: the table the sales feed upserts into.
const benchSalesDDL = `CREATE TABLE bench_sales (
    store_id BIGINT NOT NULL,
    business_date DATE NOT NULL,
    product_id BIGINT NOT NULL,
    qty DECIMAL(14,3) NOT NULL,
    net_sales DECIMAL(14,2) NOT NULL,
    cost DECIMAL(14,2) NOT NULL,
    import_id BIGINT NOT NULL,
    PRIMARY KEY (store_id, business_date, product_id))`

var benchSales = Bulk{Table: "bench_sales",
	Columns: []string{"store_id", "business_date", "product_id", "qty", "net_sales", "cost", "import_id"},
	Upsert:  []string{"store_id", "business_date", "product_id"},
	Update:  []string{"qty", "net_sales", "cost", "import_id"}}

// benchSalesRow appends the i-th row of a 10-store × 100-day × 300-product history; pass
// changes the values so that a second pass really updates.
func benchSalesRow(i, pass int, a []any) []any {
	day0 := civil.Of(time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC))
	store, rest := int64(i/30_000+1), i%30_000
	return append(a, store, day0.AddDays(rest/300), int64(rest%300+1),
		fixed.Qty(1500+i%7000+pass), fixed.Money(1999+i%9000+pass), fixed.Money(1200+i%5000), int64(pass+1))
}

func openBenchDB(b *testing.B) *gorm.DB {
	b.Helper()
	db, err := Open(Options{Driver: SQLite, DSN: filepath.Join(b.TempDir(), "bench.db"), MaxOpenConns: 8})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { _ = Close(db) })
	var version string
	if err := db.Raw("SELECT sqlite_version()").Scan(&version).Error; err != nil {
		b.Fatal(err)
	}
	b.Logf("dialector %T, SQLite %s", db.Dialector, version)
	return db
}

func mustExec(b *testing.B, db *gorm.DB, q string) {
	b.Helper()
	if err := db.Exec(q).Error; err != nil {
		b.Fatalf("%s: %v", q, err)
	}
}

// BenchmarkSQLiteUpsert writes 300,000 sales-shaped rows into an empty table (the insert
// pass) and then the same keys again with new values (the update pass), each pass in one
// transaction, with 100 and 1000 rows per statement.
func BenchmarkSQLiteUpsert(b *testing.B) {
	for _, per := range []int{100, 1000} {
		b.Run(fmt.Sprintf("rows=%d", per), func(b *testing.B) {
			db := openBenchDB(b)
			ctx := context.Background()
			var insert, update time.Duration
			for b.Loop() {
				b.StopTimer()
				mustExec(b, db, "DROP TABLE IF EXISTS bench_sales")
				mustExec(b, db, benchSalesDDL)
				b.StartTimer()
				for pass := range 2 {
					start := time.Now()
					err := Tx(ctx, db, func(tx *gorm.DB) error {
						return benchSales.insert(ctx, tx, benchRows, func(i int, a []any) []any { return benchSalesRow(i, pass, a) }, per)
					})
					if err != nil {
						b.Fatal(err)
					}
					if pass == 0 {
						insert += time.Since(start)
					} else {
						update += time.Since(start)
					}
				}
			}
			b.ReportMetric(float64(b.N*benchRows)/insert.Seconds(), "insert-rows/s")
			b.ReportMetric(float64(b.N*benchRows)/update.Seconds(), "update-rows/s")
		})
	}
}

// benchProduct is a products-shaped row read by primary key.
type benchProduct struct {
	ID         int64 `gorm:"primaryKey"`
	SKU        string
	Name       string
	CostPrice  fixed.Money
	Perishable bool
	CreatedAt  time.Time
}

func (benchProduct) TableName() string { return "bench_products" }

// BenchmarkSQLiteFirst reads one of 10,000 rows by primary key with GORM's First, from one
// goroutine and from 8.
func BenchmarkSQLiteFirst(b *testing.B) {
	db := openBenchDB(b)
	mustExec(b, db, `CREATE TABLE bench_products (id INTEGER PRIMARY KEY, sku VARCHAR(32) NOT NULL,
		name VARCHAR(200) NOT NULL, cost_price DECIMAL(12,2) NOT NULL, perishable BOOLEAN NOT NULL,
		created_at DATETIME NOT NULL)`)
	const n = 10_000
	rows := make([]benchProduct, n)
	for i := range rows {
		rows[i] = benchProduct{ID: int64(i + 1), SKU: fmt.Sprintf("SKU%05d", i), Name: fmt.Sprintf("product %d", i),
			CostPrice: fixed.Money(100 + i), Perishable: i%2 == 0, CreatedAt: time.Date(2026, 1, 1, 0, 0, i, 0, time.UTC)}
	}
	if err := db.CreateInBatches(rows, 100).Error; err != nil {
		b.Fatal(err)
	}
	read := func(b *testing.B, r *rand.Rand) {
		var p benchProduct
		if err := db.First(&p, r.Int64N(n)+1).Error; err != nil {
			b.Fatal(err)
		}
	}
	b.Run("goroutines=1", func(b *testing.B) {
		r := rand.New(rand.NewPCG(1, 2))
		for b.Loop() {
			read(b, r)
		}
		b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "reads/s")
	})
	b.Run("goroutines=8", func(b *testing.B) {
		b.SetParallelism(8)
		b.RunParallel(func(pb *testing.PB) {
			r := rand.New(rand.NewPCG(rand.Uint64(), 2))
			for pb.Next() {
				read(b, r)
			}
		})
		b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "reads/s")
	})
}

// BenchmarkSQLiteSum sums 300,000 sales rows per store (SUM … GROUP BY), the
// shape of the KPI reads, scanning the sums into fixed-point values.
func BenchmarkSQLiteSum(b *testing.B) {
	db := openBenchDB(b)
	ctx := context.Background()
	mustExec(b, db, benchSalesDDL)
	err := Tx(ctx, db, func(tx *gorm.DB) error {
		return benchSales.Insert(ctx, tx, benchRows, func(i int, a []any) []any { return benchSalesRow(i, 0, a) })
	})
	if err != nil {
		b.Fatal(err)
	}
	type total struct {
		StoreID  int64
		Qty      fixed.Qty
		NetSales fixed.Money
		Cost     fixed.Money
	}
	for b.Loop() {
		var out []total
		err := db.Raw(`SELECT store_id, SUM(qty) AS qty, SUM(net_sales) AS net_sales, SUM(cost) AS cost
			FROM bench_sales GROUP BY store_id ORDER BY store_id`).Scan(&out).Error
		if err != nil || len(out) != 10 {
			b.Fatalf("%d groups, %v", len(out), err)
		}
	}
}
