package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/storeops/storeops/internal/app"
	"github.com/storeops/storeops/internal/platform/config"
	"github.com/storeops/storeops/internal/platform/database"
	"github.com/storeops/storeops/internal/seed"
	"github.com/storeops/storeops/internal/testutil"
)

// crashLines is the size of the import killed in its middle.
const crashLines = 100_000

// TestKillDuringABigImport (gated: STOREOPS_TEST_CRASH=1, `make crash-import`) posts a
// 100,000-line POS sales upload to the real server binary and kills the server with SIGKILL at
// a few moments while it works on it; after each kill it restarts the server and asks that the
// upload is all there or not there at all and that `storeops check` passes. A last round lets
// the upload finish: all 100,000 lines are then there and the check still passes.
func TestKillDuringABigImport(t *testing.T) {
	if os.Getenv("STOREOPS_TEST_CRASH") != "1" {
		t.Skip("set STOREOPS_TEST_CRASH=1 (make crash-import): builds the binary and kills it mid-import")
	}
	dir := t.TempDir()
	bin := filepath.Join(dir, "storeops")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	testutil.ForEachDialect(t, func(t *testing.T, dialect string) {
		env := []string{"STOREOPS_DB_DRIVER=" + dialect, "STOREOPS_BCRYPT_COST=4", "STOREOPS_LOG_LEVEL=warn",
			"STOREOPS_ATTACHMENTS_DIR=" + filepath.Join(t.TempDir(), "attachments")}
		var dsn string
		if dialect == database.MySQL {
			dsn = testutil.MySQLDatabase(t)
		} else {
			dsn = filepath.Join(t.TempDir(), "crash.db")
		}
		env = append(env, "STOREOPS_DB_DSN="+dsn)
		seedDemo(t, dialect, dsn)
		db, err := database.Open(database.Options{Driver: dialect, DSN: dsn, MaxOpenConns: 2})
		if err != nil {
			t.Fatal(err)
		}
		defer database.Close(db)
		counts := func() (lines, imports int64) {
			db.Raw("SELECT COUNT(*) FROM sales_lines").Scan(&lines)
			db.Raw("SELECT COUNT(*) FROM feed_imports WHERE kind = 'sales'").Scan(&imports)
			return
		}

		srv := startServer(t, bin, env)
		token := srv.login(t)
		csv := bigSalesCSV(t, srv, token)
		// How long the whole upload takes, to kill inside it: a dry run checks every line
		// against the database as the real upload does, without writing.
		t0 := time.Now()
		if code, body := srv.upload(token, csv, "?dry_run=true"); code != 200 {
			t.Fatalf("dry run: %d %s", code, body)
		}
		dry := time.Since(t0)
		if res, err := http.Get(srv.URL + "/readyz"); err != nil || res.StatusCode != 200 {
			t.Fatalf("the server is not ready after the dry run: %v", err)
		} else {
			res.Body.Close()
		}
		t.Logf("%s: a dry run of %d lines took %s", dialect, crashLines, dry.Round(time.Millisecond))

		// The kills: on MariaDB first once the upload's transaction is writing sales lines
		// (information_schema.innodb_trx), then for both at fractions of the dry run's time.
		moments := []float64{0.2, 0.5, 0.8, 1.2}
		if dialect == database.MySQL {
			moments = append([]float64{-1}, moments...)
		}
		interrupted := 0
		for _, frac := range moments {
			done := make(chan string, 1)
			sent := time.Now()
			go func() {
				code, body := srv.upload(token, csv, "")
				done <- fmt.Sprintf("%d %s", code, body[:min(len(body), 200)])
			}()
			if frac < 0 {
				seen := false
				for deadline := time.Now().Add(2 * time.Minute); time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
					var stmt string
					// The statement that writes the sales lines, as the server's process list
					// shows it while it runs (innodb_trx shows no query for a LOAD DATA LOCAL
					// waiting on the client's rows, and counts 0 rows modified until COMMIT
					// for a bulk insert into an empty table).
					err := db.Raw(`SELECT COALESCE(LEFT(info, 80), '') FROM information_schema.processlist
						WHERE db = DATABASE() AND (info LIKE 'LOAD DATA%INTO TABLE sales_lines%' OR info LIKE 'INSERT INTO sales_lines%')
						LIMIT 1`).Scan(&stmt).Error
					if err != nil {
						t.Fatal(err)
					}
					if stmt != "" {
						t.Logf("mysql: the upload's transaction runs %q", stmt)
						seen = true
						break
					}
				}
				if !seen {
					t.Errorf("mysql: the upload's write into sales_lines never showed in the process list")
				}
			} else {
				time.Sleep(time.Duration(frac * float64(dry)))
			}
			after := time.Since(sent)
			_ = srv.Kill()
			answer := <-done
			lines, imports := counts()
			acked := strings.HasPrefix(answer, "200")
			if !acked {
				interrupted++
				if strings.Contains(answer, "connection refused") {
					t.Logf("server log:\n%s", srv.Logs())
				}
			}
			t.Logf("%s: killed %s after sending (answer: %.120q): %d sales lines, %d imports", dialect,
				after.Round(time.Millisecond), answer, lines, imports)
			if lines != 0 && lines != crashLines || imports > 1 {
				t.Fatalf("after the kill: %d sales lines and %d imports, want 0 or %d lines in at most one import", lines, imports, crashLines)
			}
			if acked && lines != crashLines {
				t.Fatalf("the upload was acknowledged but %d lines are there", lines)
			}
			check(t, bin, env)
			srv = startServer(t, bin, env)
			if lines == crashLines {
				break // it made it before the kill: the rounds after would only re-send it
			}
		}
		if interrupted == 0 {
			t.Errorf("no kill landed inside the upload: the test proved nothing on %s", dialect)
		}
		// The client retries with the same Idempotency-Key: a kill after the commit but before
		// the answer left is replayed, not applied twice.
		before, _ := counts()
		code, body := srv.upload(token, csv, "")
		if code != 200 || (before == crashLines) != strings.Contains(body, `"replayed":true`) {
			t.Fatalf("the retry after the kills (%d lines there): %d %.200s", before, code, body)
		}
		if lines, imports := counts(); lines != crashLines || imports != 1 {
			t.Fatalf("in the end %d lines in %d imports, want %d in 1", lines, imports, crashLines)
		}
		_ = srv.Kill()
		check(t, bin, env)
	})
}

// seedDemo migrates the database and seeds the demo chain (no history), in process.
func seedDemo(t *testing.T, dialect, dsn string) {
	t.Helper()
	db, err := database.Open(database.Options{Driver: dialect, DSN: dsn, MaxOpenConns: 4})
	if err != nil {
		t.Fatal(err)
	}
	defer database.Close(db)
	gin.SetMode(gin.ReleaseMode)
	ctx := context.Background()
	if _, err := database.Migrate(ctx, db); err != nil {
		t.Fatal(err)
	}
	cfg, _ := config.Load(func(string) string { return "" })
	cfg.BcryptCost = 4
	cfg.AttachmentsDir = filepath.Join(t.TempDir(), "attachments")
	a, err := app.New(app.Deps{Config: cfg, DB: db, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := seed.Demo(ctx, seed.Services{Org: a.Org, Catalog: a.Catalog, Calendar: a.Calendar, Supplier: a.Supplier}, ""); err != nil {
		t.Fatal(err)
	}
}

// crashServer is the server under test with the requests the test makes of it.
type crashServer struct{ *testutil.Server }

func startServer(t *testing.T, bin string, env []string) *crashServer {
	return &crashServer{testutil.StartServer(t, bin, env)}
}

func (s *crashServer) login(t *testing.T) string {
	t.Helper()
	body, _ := json.Marshal(map[string]string{"username": "admin", "password": "demo1234"})
	res, err := http.Post(s.URL+"/api/v1/auth/login", "application/json", bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	var a struct{ Token string }
	if err := json.NewDecoder(res.Body).Decode(&a); err != nil || a.Token == "" {
		t.Fatalf("login: %d %v", res.StatusCode, err)
	}
	return a.Token
}

func (s *crashServer) getJSON(t *testing.T, token, path string, out any) {
	t.Helper()
	req, _ := http.NewRequest(http.MethodGet, s.URL+path, nil)
	req.Header.Set("Authorization", "Bearer "+token)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	if err := json.NewDecoder(res.Body).Decode(out); err != nil {
		t.Fatalf("GET %s: %d %v", path, res.StatusCode, err)
	}
}

// upload posts the CSV to store 1's sales feed and answers the status and body; a killed
// server answers status 0 and the error.
func (s *crashServer) upload(token string, csv []byte, query string) (int, string) {
	req, _ := http.NewRequest(http.MethodPost, s.URL+"/api/v1/stores/1/sales"+query, bytes.NewReader(csv))
	req.Header.Set("Authorization", "Bearer "+token)
	req.Header.Set("Content-Type", "text/csv")
	req.Header.Set("Idempotency-Key", "crash-import-1")
	res, err := (&http.Client{Timeout: 10 * time.Minute}).Do(req)
	if err != nil {
		return 0, err.Error()
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res.StatusCode, string(b)
}

// bigSalesCSV builds crashLines lines of store 1's sales: every product the store sells, on
// as many past days as it takes.
func bigSalesCSV(t *testing.T, s *crashServer, token string) []byte {
	t.Helper()
	var depts struct {
		Codes []string `json:"department_codes"`
	}
	s.getJSON(t, token, "/api/v1/stores/1/departments", &depts)
	var products struct {
		Items []struct {
			SKU  string `json:"sku"`
			Dept string `json:"department_code"`
		} `json:"items"`
	}
	s.getJSON(t, token, "/api/v1/products?page_size=500", &products)
	var skus []string
	for _, p := range products.Items {
		for _, d := range depts.Codes {
			if p.Dept == d {
				skus = append(skus, p.SKU)
			}
		}
	}
	if len(skus) == 0 {
		t.Fatal("store 1 sells no products")
	}
	var b bytes.Buffer
	b.WriteString("business_date,sku,qty,net_sales,cost\n")
	day := time.Now().UTC().AddDate(0, 0, -2)
	for i := range crashLines {
		if i > 0 && i%len(skus) == 0 {
			day = day.AddDate(0, 0, -1)
		}
		fmt.Fprintf(&b, "%s,%s,%d.%03d,%d.%02d,%d.%02d\n", day.Format(time.DateOnly), skus[i%len(skus)], 1+i%7, i%1000, 5+i%13, i%100, 3+i%11, i%100)
	}
	return b.Bytes()
}

// check runs `storeops check` and fails the test when it reports a problem.
func check(t *testing.T, bin string, env []string) {
	t.Helper()
	cmd := exec.Command(bin, "check")
	cmd.Env = append(os.Environ(), env...)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("storeops check: %v\n%s", err, out)
	}
}
