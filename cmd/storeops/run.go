package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"time"

	"github.com/gin-gonic/gin"
	"gorm.io/gorm"

	"github.com/storeops/storeops/internal/app"
	"github.com/storeops/storeops/internal/platform/config"
	"github.com/storeops/storeops/internal/platform/database"
	"github.com/storeops/storeops/internal/seed"
	"github.com/storeops/storeops/internal/shrinkfeed"
)

// version is set at build time with -ldflags "-X main.version=...".
var version = "dev"

const usage = `usage: storeops [command]

commands:
  serve         run the HTTP server (default); migrates the database first
  migrate       apply pending database migrations and exit
  seed --demo   add the demo chain (idempotent)
  check         verify the stock ledger's invariants; exits non-zero with a report when one breaks
  forecast backtest --csv FILE
                measure the forecast engine against simple baselines on a sales history
                (no database needed; see storeops forecast --help)
  health        ask the server at STOREOPS_ADDR whether it is ready (/readyz); exits non-zero
                when it is not (a container healthcheck: the image has no shell or curl)
  version       print the version

Configuration comes from STOREOPS_* environment variables (see README.md).`

// run is the whole program, with its environment passed in so tests can drive it.
func run(ctx context.Context, args []string, getenv func(string) string, stdout io.Writer) error {
	cmd := "serve"
	if len(args) > 0 {
		cmd, args = args[0], args[1:]
	}
	switch cmd {
	case "version", "--version", "-v":
		fmt.Fprintln(stdout, "storeops", version)
		return nil
	case "help", "--help", "-h":
		fmt.Fprintln(stdout, usage)
		return nil
	case "forecast":
		return runForecast(args, stdout)
	case "health":
		cfg, err := config.Load(getenv)
		if err != nil {
			return err
		}
		return health(ctx, cfg.Addr, stdout)
	case "serve", "migrate", "seed", "check":
	default:
		return fmt.Errorf("unknown command %q\n%s", cmd, usage)
	}
	gin.SetMode(gin.ReleaseMode)
	cfg, err := config.Load(getenv)
	if err != nil {
		return err
	}
	log := newLogger(cfg, stdout)
	db, err := database.Open(database.Options{Driver: cfg.DBDriver, DSN: cfg.DBDSN, MaxOpenConns: cfg.DBMaxOpenConns})
	if err != nil {
		return err
	}
	defer database.Close(db)
	n, err := database.Migrate(ctx, db)
	if err != nil {
		return err
	}
	log.Info("database migrated", "applied", n, "driver", cfg.DBDriver)
	switch cmd {
	case "migrate":
		return nil
	case "seed":
		return runSeed(ctx, args, cfg, db, log)
	case "check":
		return runCheck(ctx, cfg, db, log, stdout)
	}
	return serve(ctx, cfg, db, log)
}

// health asks the server listening on addr for /readyz: ready when it answers 200 within
// a few seconds. A wildcard listen address is asked on the loopback interface.
func health(ctx context.Context, addr string, stdout io.Writer) error {
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return fmt.Errorf("STOREOPS_ADDR %q: %w", addr, err)
	}
	if ip := net.ParseIP(host); host == "" || (ip != nil && ip.IsUnspecified()) {
		host = "127.0.0.1"
	}
	ctx, cancel := context.WithTimeout(ctx, 3*time.Second)
	defer cancel()
	url := "http://" + net.JoinHostPort(host, port) + "/readyz"
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return err
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		return fmt.Errorf("not ready: %w", err)
	}
	defer res.Body.Close()
	body, _ := io.ReadAll(io.LimitReader(res.Body, 1024))
	if res.StatusCode != http.StatusOK {
		return fmt.Errorf("not ready: %s answered %d %s", url, res.StatusCode, body)
	}
	fmt.Fprintln(stdout, "ready")
	return nil
}

func newLogger(cfg config.Config, w io.Writer) *slog.Logger {
	opts := &slog.HandlerOptions{Level: cfg.LogLevel}
	if cfg.LogFormat == "text" {
		return slog.New(slog.NewTextHandler(w, opts))
	}
	return slog.New(slog.NewJSONHandler(w, opts))
}

func runSeed(ctx context.Context, args []string, cfg config.Config, db *gorm.DB, log *slog.Logger) error {
	fs := flag.NewFlagSet("seed", flag.ContinueOnError)
	demo := fs.Bool("demo", false, "seed the demo chain")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if !*demo {
		return errors.New("seed: say what to seed: --demo")
	}
	a, err := app.New(app.Deps{Config: cfg, DB: db, Logger: log})
	if err != nil {
		return err
	}
	res, err := seed.Demo(ctx, seed.Services{Org: a.Org, Catalog: a.Catalog, Calendar: a.Calendar, Supplier: a.Supplier}, cfg.DemoPassword)
	if err != nil {
		return err
	}
	log.Info("demo data seeded", "departments", res.Departments, "stores", res.Stores, "users", res.Users)
	return seedHistory(ctx, a, log)
}

// seedHistory loads the demo stores' 120 days of feeds, once: stores with feed imports are
// left alone.
func seedHistory(ctx context.Context, a *app.App, log *slog.Logger) error {
	start := time.Now()
	today, err := seed.DemoToday(start)
	if err != nil {
		return err
	}
	res, err := seed.History(ctx, seed.HistoryServices{Org: a.Org, Catalog: a.Catalog, Feeds: a.Feeds}, today)
	if err != nil {
		return err
	}
	log.Info("demo history loaded", "stores", res.Stores, "skipped_stores", res.SkippedStores, "sales_lines", res.Sales,
		"receipt_lines", res.Receipts, "labour_lines", res.Labour, "expense_lines", res.Expenses,
		"took", time.Since(start).Round(time.Millisecond).String())
	// The campaigns over the history just loaded (its sales of their items went up on their
	// days); before the ordering forecasts, which read their promotion days.
	promos, err := seed.Promo(ctx, seed.PromoServices{Org: a.Org, Promo: a.Promo}, today)
	if err != nil {
		return err
	}
	log.Info("demo campaigns seeded", "campaigns", promos.Campaigns, "skipped", promos.Skipped,
		"tasks_done", promos.TasksDone, "reviews", promos.Reviews)
	// Stocktakes before budgets: the budgets are derived from the stocktake losses too.
	counted, err := seed.Stocktakes(ctx, seed.StocktakeServices{Org: a.Org, Stocktake: a.Stocktake})
	if err != nil {
		return err
	}
	lost, err := seed.Shrink(ctx, seed.ShrinkServices{Org: a.Org, Catalog: a.Catalog, Inventory: a.Inventory,
		Shrink: a.Shrink}, today)
	if err != nil {
		return err
	}
	planned, err := seed.Budgets(ctx, seed.BudgetServices{Org: a.Org, Feeds: a.Feeds, Budget: a.Budget,
		Shrink: []shrinkfeed.Source{a.Stocktake, a.Shrink}}, today)
	if err != nil {
		return err
	}
	log.Info("demo stocktakes, shrink and budgets seeded", "stocktakes", counted.Approved, "stocktake_skipped_stores", counted.SkippedStores,
		"write_offs", lost.WriteOffs, "markdowns", lost.Markdowns, "recalls", lost.Recalls,
		"shrink_skipped_stores", lost.SkippedStores,
		"budgets", planned.Budgets, "took", time.Since(start).Round(time.Millisecond).String())
	inspected, err := seed.Safety(ctx, seed.SafetyServices{Org: a.Org, Safety: a.Safety}, today)
	if err != nil {
		return err
	}
	log.Info("demo inspections seeded", "inspections", inspected.Inspections, "corrective_actions", inspected.Actions,
		"skipped_stores", inspected.SkippedStores)
	chilled, err := seed.Coldchain(ctx, seed.ColdchainServices{Org: a.Org, Coldchain: a.Coldchain}, time.Now())
	if err != nil {
		return err
	}
	log.Info("demo equipment and temperatures seeded", "equipment", chilled.Equipment, "readings", chilled.Readings,
		"alerts", chilled.Alerts, "skipped_stores", chilled.SkippedStores)
	ord, err := seed.Ordering(ctx, seed.OrderingServices{Org: a.Org, Ordering: a.Ordering}, today)
	if err != nil {
		return err
	}
	log.Info("demo ordering rules and forecasts set", "rules", ord.Settings, "forecasts_fitted", ord.Fitted,
		"past_plans", ord.Replayed,
		"took", time.Since(start).Round(time.Millisecond).String())
	daily, err := seed.Daily(ctx, seed.DailyServices{Org: a.Org, Catalog: a.Catalog, Complaints: a.Complaints,
		PriceSurveys: a.PriceSurveys}, start)
	if err != nil {
		return err
	}
	log.Info("demo complaints and price surveys seeded", "complaints", daily.Complaints, "open", daily.Open,
		"surveys", daily.Surveys, "promoted", daily.Promoted, "skipped_stores", daily.SkippedStores)
	work, err := seed.Tasks(ctx, seed.TaskServices{Org: a.Org, Tasks: a.Tasks}, start)
	if err != nil {
		return err
	}
	log.Info("demo task templates and tasks seeded", "templates", work.Templates, "generated", work.Generated,
		"done", work.Done, "assigned", work.Assigned)
	met, err := seed.Meetings(ctx, seed.MeetingServices{Org: a.Org, Meetings: a.Meetings, Tasks: a.Tasks}, start)
	if err != nil {
		return err
	}
	log.Info("demo team meetings seeded", "meetings", met.Meetings, "action_items", met.Items, "done", met.Done)
	if added, err := a.Notify.SeedExample(ctx); err != nil {
		return err
	} else if added {
		log.Info("demo notification channel seeded (disabled)")
	}
	risks, err := seed.Risk(ctx, seed.RiskServices{Org: a.Org, Risk: a.Risk}, start)
	if err != nil {
		return err
	}
	log.Info("demo incidents and readiness seeded", "incidents", risks.Incidents, "events", risks.Events,
		"ticked", risks.Ticked, "skipped", risks.Skipped)
	trained, err := seed.Training(ctx, seed.TrainingServices{Org: a.Org, Training: a.Training}, today)
	if err != nil {
		return err
	}
	log.Info("demo staff, trainings and health certificates seeded", "employees", trained.Employees,
		"sessions", trained.Sessions, "certificates", trained.Certificates, "skipped_stores", trained.SkippedStores)
	return nil
}

func serve(ctx context.Context, cfg config.Config, db *gorm.DB, log *slog.Logger) error {
	a, err := app.New(app.Deps{Config: cfg, DB: db, Logger: log})
	if err != nil {
		return err
	}
	if cfg.AdminPassword != "" {
		if created, err := seed.Admin(ctx, a.Org, cfg.AdminPassword); err != nil {
			return fmt.Errorf("create admin: %w", err)
		} else if created {
			log.Info("created user admin from STOREOPS_ADMIN_PASSWORD")
		}
	}
	if cfg.SeedDemo {
		if users, err := a.Org.CountUsers(ctx); err != nil {
			return err
		} else if users == 0 {
			res, err := seed.Demo(ctx, seed.Services{Org: a.Org, Catalog: a.Catalog, Calendar: a.Calendar, Supplier: a.Supplier}, cfg.DemoPassword)
			if err != nil {
				return err
			}
			log.Info("first start: demo data seeded", "stores", res.Stores, "users", res.Users)
			if err := seedHistory(ctx, a, log); err != nil {
				return err
			}
		}
	}
	srv := &http.Server{Addr: cfg.Addr, Handler: a.Handler, ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout: 2 * time.Minute, WriteTimeout: 5 * time.Minute, IdleTimeout: 2 * time.Minute,
		MaxHeaderBytes: 64 << 10}
	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return err
	}
	log.Info("storeops listening", "url", "http://"+ln.Addr().String(), "version", version, "config", cfg)
	a.Jobs.Start(ctx)
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		stopJobs(a, cfg, log)
		return err
	case <-ctx.Done():
	}
	log.Info("shutting down")
	shutCtx, cancel := context.WithTimeout(context.Background(), cfg.ShutdownTimeout)
	defer cancel()
	if err := srv.Shutdown(shutCtx); err != nil {
		return err
	}
	stopJobs(a, cfg, log)
	if err := <-errc; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// stopJobs stops the job runner, letting runs in progress record their outcome; a run cut
// short stays due, so another replica takes it at once.
func stopJobs(a *app.App, cfg config.Config, log *slog.Logger) {
	ctx, cancel := context.WithTimeout(context.Background(), cfg.ShutdownTimeout)
	defer cancel()
	if err := a.Jobs.Stop(ctx); err != nil {
		log.Warn("jobs did not stop in time", "error", err.Error())
	}
}

// runCheck verifies the stock ledger and the sales rollups and prints every broken invariant.
func runCheck(ctx context.Context, cfg config.Config, db *gorm.DB, log *slog.Logger, stdout io.Writer) error {
	a, err := app.New(app.Deps{Config: cfg, DB: db, Logger: log})
	if err != nil {
		return err
	}
	refs, err := a.Catalog.AllRefs(ctx)
	if err != nil {
		return err
	}
	perishable := make(map[int64]bool, len(refs))
	department := make(map[int64]string, len(refs))
	for _, r := range refs {
		perishable[r.ID], department[r.ID] = r.Perishable, r.DepartmentCode
	}
	problems, err := a.Inventory.Check(ctx, func(id int64) bool { return perishable[id] })
	if err != nil {
		return err
	}
	for _, p := range problems {
		fmt.Fprintln(stdout, "FAIL", p)
	}
	rollups, err := a.Feeds.CheckRollups(ctx, func(id int64) string { return department[id] })
	if err != nil {
		return err
	}
	for _, p := range rollups {
		fmt.Fprintln(stdout, "FAIL", p)
	}
	counts, err := a.Catalog.CheckCounts(ctx)
	if err != nil {
		return err
	}
	for _, p := range counts {
		fmt.Fprintln(stdout, "FAIL", p)
	}
	if n := len(problems) + len(rollups) + len(counts); n > 0 {
		return fmt.Errorf("check: %d problems", n)
	}
	fmt.Fprintln(stdout, "check: stock ledger OK (balances = Σ movements, lots = max(balance, 0), no negative lot,")
	fmt.Fprintln(stdout, "       next expiry and 28-day sales of every balance agree, movement sequences handed out by the store lock)")
	fmt.Fprintln(stdout, "check: daily sales rollups equal the raw sales lines; product counts per department are exact")
	return nil
}
