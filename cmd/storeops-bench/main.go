// Command storeops-bench generates chain-scale data and times StoreOps' operations against a
// real database and the real server binary. Each case prints its figures; later capabilities
// add their own cases to the cases map.
//
//	storeops-bench -dsn 'root@tcp(127.0.0.1:3306)/' -cases ingest
//	storeops-bench -cases reads -clients 32 -read-seconds 10
//
// The hidden sub-command `storeops-bench raw-server -addr A -dsn D` is the reads case's raw
// baseline, started by the case itself in a process of its own.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"sort"
	"strings"
	"time"

	"github.com/gin-gonic/gin"
)

// options are the command-line settings shared by every case.
type options struct {
	dsn      string
	database string
	bin      string
	stores   int
	skus     int
	days     int
	perReq   int
	clients  []int
	keep     bool
	endDate  time.Time

	// readSeconds is how long the reads case loads each target.
	readSeconds int
	// wrk runs wrk beside the Go load generator in the reads case, when it is installed.
	wrk bool
}

// benchCase runs one benchmark on a prepared environment.
type benchCase func(ctx context.Context, env *env) error

var cases = map[string]benchCase{
	"ingest":       ingestCase,
	"kpi":          kpiCase,
	"stocktake":    stocktakeCase,
	"ordering":     orderingCase,
	"shrink":       shrinkCase,
	"safety":       safetyCase,
	"coldchain":    coldchainCase,
	"promo":        promoCase,
	"promo-effect": effectCase,
	"reads":        readsCase,
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if err := run(ctx, os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "storeops-bench:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, args []string) error {
	if len(args) > 0 && args[0] == "raw-server" {
		return rawServer(ctx, args[1:])
	}
	fs := flag.NewFlagSet("storeops-bench", flag.ContinueOnError)
	var o options
	var clients, which string
	fs.StringVar(&o.dsn, "dsn", "root@tcp(127.0.0.1:3306)/", "MySQL/MariaDB server DSN (without database)")
	fs.StringVar(&o.database, "database", "storeops_bench", "database to create (dropped first)")
	fs.StringVar(&o.bin, "bin", "bin/storeops", "the storeops binary to benchmark")
	fs.IntVar(&o.stores, "stores", 50, "stores")
	fs.IntVar(&o.skus, "skus", 300, "SKUs per store")
	fs.IntVar(&o.days, "days", 365, "days of sales")
	fs.IntVar(&o.perReq, "lines-per-request", 50000, "sales lines per HTTP request (at most 100000)")
	fs.StringVar(&clients, "clients", "1,4", "concurrent HTTP clients, one run per value")
	fs.StringVar(&which, "cases", "ingest", "comma-separated cases: "+strings.Join(caseNames(), ", "))
	fs.IntVar(&o.readSeconds, "read-seconds", 10, "seconds each target of the reads case is loaded")
	fs.BoolVar(&o.wrk, "wrk", false, "reads case: also run wrk on the same targets when it is installed")
	fs.BoolVar(&o.keep, "keep", true, "keep the database afterwards (later cases read it)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	for _, c := range strings.Split(clients, ",") {
		var n int
		if _, err := fmt.Sscan(c, &n); err != nil || n < 1 {
			return fmt.Errorf("-clients: %q", c)
		}
		o.clients = append(o.clients, n)
	}
	o.endDate = time.Now().UTC().AddDate(0, 0, -1)
	gin.SetMode(gin.ReleaseMode) // the in-process set-up builds the app: no route listing
	e, err := newEnv(ctx, o)
	if err != nil {
		return err
	}
	defer e.close()
	for _, name := range strings.Split(which, ",") {
		c, ok := cases[name]
		if !ok {
			return fmt.Errorf("unknown case %q (have %s)", name, strings.Join(caseNames(), ", "))
		}
		fmt.Printf("== case %s: %d stores × %d SKUs × %d days\n", name, o.stores, o.skus, o.days)
		if err := c(ctx, e); err != nil {
			return fmt.Errorf("case %s: %w", name, err)
		}
	}
	return nil
}

func caseNames() []string {
	var out []string
	for k := range cases {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
