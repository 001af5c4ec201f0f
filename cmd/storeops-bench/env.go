package main

import (
	"bufio"
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"syscall"
	"time"

	mysqldriver "github.com/go-sql-driver/mysql"
	"gorm.io/gorm"

	"github.com/storeops/storeops/internal/app"
	"github.com/storeops/storeops/internal/catalog"
	"github.com/storeops/storeops/internal/org"
	"github.com/storeops/storeops/internal/platform/authz"
	"github.com/storeops/storeops/internal/platform/config"
	"github.com/storeops/storeops/internal/platform/database"
	"github.com/storeops/storeops/internal/seed"
)

const adminPassword = "bench-admin-pw"

// env is a migrated benchmark database with a chain in it and the server binary running on it.
type env struct {
	o        options
	dsn      string // DSN of the benchmark database
	db       *gorm.DB
	stores   []int64
	skus     []string
	products []catalog.Product
	server   *exec.Cmd
	base     string
	token    string
}

func newEnv(ctx context.Context, o options) (*env, error) {
	cfg, err := mysqldriver.ParseDSN(o.dsn)
	if err != nil {
		return nil, err
	}
	admin, err := sql.Open("mysql", cfg.FormatDSN())
	if err != nil {
		return nil, err
	}
	defer admin.Close()
	for _, q := range []string{"DROP DATABASE IF EXISTS " + o.database,
		"CREATE DATABASE " + o.database + " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci"} {
		if _, err := admin.ExecContext(ctx, q); err != nil {
			return nil, fmt.Errorf("%s: %w", q, err)
		}
	}
	cfg.DBName = o.database
	e := &env{o: o, dsn: cfg.FormatDSN()}
	if e.db, err = database.Open(database.Options{Driver: database.MySQL, DSN: e.dsn, MaxOpenConns: 8}); err != nil {
		return nil, err
	}
	if _, err := database.Migrate(ctx, e.db); err != nil {
		return nil, err
	}
	if err := e.seedChain(ctx); err != nil {
		return nil, err
	}
	return e, e.startServer(ctx)
}

// seedChain creates o.stores stores running every department, the admin and o.skus products.
func (e *env) seedChain(ctx context.Context) error {
	c, _ := config.Load(func(string) string { return "" })
	c.BcryptCost = 4
	a, err := app.New(app.Deps{Config: c, DB: e.db, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		return err
	}
	if _, err := seed.Demo(ctx, seed.Services{Org: a.Org, Catalog: a.Catalog, Calendar: a.Calendar, Supplier: a.Supplier}, ""); err != nil {
		return err
	}
	if err := a.Org.ResetPassword(ctx, authz.System("bench"), 1, adminPassword); err != nil {
		return err
	}
	depts := []string{"produce", "meat", "seafood", "deli", "bakery", "dry"}
	for i := 1; i <= e.o.stores; i++ {
		st, _, err := a.Org.EnsureStore(ctx, authz.System("bench"), org.Store{Code: fmt.Sprintf("b%03d", i), Name: fmt.Sprintf("基准门店 %03d", i),
			Region: []string{"华东", "华南", "华北"}[i%3], Timezone: "Asia/Shanghai"}, depts)
		if err != nil {
			return err
		}
		e.stores = append(e.stores, st.ID)
	}
	all := catalog.DemoProducts()
	for i := 0; len(e.products) < e.o.skus; i++ {
		p := all[i%len(all)]
		if i >= len(all) {
			p.SKU = fmt.Sprintf("X%06d", i)
			p.Barcode = nil
		}
		e.products = append(e.products, p)
	}
	if _, err := a.Catalog.EnsureProducts(ctx, authz.System("bench"), e.products); err != nil {
		return err
	}
	for _, p := range e.products {
		e.skus = append(e.skus, p.SKU)
	}
	return nil
}

func (e *env) startServer(ctx context.Context) error {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	addr := ln.Addr().String()
	ln.Close()
	cmd := exec.CommandContext(ctx, e.o.bin, "serve")
	cmd.Env = append(os.Environ(), "STOREOPS_DB_DRIVER=mysql", "STOREOPS_DB_DSN="+e.dsn, "STOREOPS_ADDR="+addr,
		"STOREOPS_LOG_LEVEL=warn", "STOREOPS_DB_MAX_OPEN_CONNS=16")
	cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
	if err := cmd.Start(); err != nil {
		return fmt.Errorf("start %s (run `make build` first): %w", e.o.bin, err)
	}
	e.server, e.base = cmd, "http://"+addr
	for deadline := time.Now().Add(30 * time.Second); ; time.Sleep(100 * time.Millisecond) {
		res, err := http.Get(e.base + "/readyz")
		if err == nil && res.StatusCode == 200 {
			res.Body.Close()
			break
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("server did not become ready: %v", err)
		}
	}
	body, _ := json.Marshal(map[string]string{"username": "admin", "password": adminPassword})
	res, err := http.Post(e.base+"/api/v1/auth/login", "application/json", bytes.NewReader(body))
	if err != nil {
		return err
	}
	defer res.Body.Close()
	var login struct{ Token string }
	if err := json.NewDecoder(res.Body).Decode(&login); err != nil || login.Token == "" {
		return fmt.Errorf("login: %d %v", res.StatusCode, err)
	}
	e.token = login.Token
	return nil
}

// serverMemory reads the server's current and peak resident memory (kB) from /proc.
func (e *env) serverMemory() (rss, peak int64) {
	f, err := os.Open("/proc/" + strconv.Itoa(e.server.Process.Pid) + "/status")
	if err != nil {
		return 0, 0
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		fields := strings.Fields(sc.Text())
		if len(fields) < 2 {
			continue
		}
		n, _ := strconv.ParseInt(fields[1], 10, 64)
		switch fields[0] {
		case "VmRSS:":
			rss = n
		case "VmHWM:":
			peak = n
		}
	}
	return rss, peak
}

func (e *env) close() {
	if e.server != nil && e.server.Process != nil {
		_ = e.server.Process.Signal(syscall.SIGTERM)
		_ = e.server.Wait()
	}
	if e.db != nil {
		_ = database.Close(e.db)
	}
}
