package main

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/storeops/storeops/internal/app"
	"github.com/storeops/storeops/internal/platform/config"
	"github.com/storeops/storeops/internal/seed"
	"github.com/storeops/storeops/internal/testutil"
)

// TestLoadAgainstTheApp runs every mix for 3 s against the application (in process, real
// clock, the demo chain with 3 days of feed history) and asks for no 5xx and no transport
// error; the acknowledged write-offs and POS uploads are then all in the database, as the
// summary counted them.
func TestLoadAgainstTheApp(t *testing.T) {
	if testing.Short() {
		t.Skip("load run skipped in -short")
	}
	testutil.ForEachDialect(t, func(t *testing.T, dialect string) {
		cfg, err := config.Load(func(string) string { return "" })
		if err != nil {
			t.Fatal(err)
		}
		cfg.BcryptCost = 4
		cfg.AttachmentsDir = filepath.Join(t.TempDir(), "attachments")
		gin.SetMode(gin.ReleaseMode)
		db := testutil.NewTestDB(t, dialect)
		a, err := app.New(app.Deps{Config: cfg, DB: db, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
		if err != nil {
			t.Fatal(err)
		}
		ctx := context.Background()
		if _, err := seed.Demo(ctx, seed.Services{Org: a.Org, Catalog: a.Catalog, Calendar: a.Calendar, Supplier: a.Supplier}, ""); err != nil {
			t.Fatal(err)
		}
		today, err := seed.DemoToday(time.Now())
		if err != nil {
			t.Fatal(err)
		}
		if _, err := seed.History(ctx, seed.HistoryServices{Org: a.Org, Catalog: a.Catalog, Feeds: a.Feeds, Days: 3}, today); err != nil {
			t.Fatal(err)
		}
		srv := httptest.NewServer(a.Handler)
		defer srv.Close()

		out := filepath.Join(t.TempDir(), "load.json")
		var text strings.Builder
		err = run(ctx, []string{"-targets", srv.URL, "-rate", "30", "-duration", "3s", "-users", "2",
			"-tag", "itest", "-out", out}, &text)
		if err != nil {
			t.Fatal(err)
		}
		t.Log("\n" + text.String())
		b, err := os.ReadFile(out)
		if err != nil {
			t.Fatal(err)
		}
		var s Summary
		if err := json.Unmarshal(b, &s); err != nil {
			t.Fatal(err)
		}
		if s.Overall.Requests < 60 || s.Overall.Errors != 0 || s.Overall.Count5xx != 0 {
			t.Fatalf("overall %+v: want at least 60 requests, no 5xx, no transport errors", s.Overall)
		}
		if len(s.PerMix) != 4 {
			t.Errorf("mixes %v, want all four", s.PerMix)
		}
		for _, k := range s.Kinds {
			if k.Codes["403"] > 0 || k.Codes["404"] > 0 || k.Codes["400"] > 0 {
				t.Errorf("%s answered %v: the mix asks for what its users may not do: %v", k.Name, k.Codes, k.Samples)
			}
		}
		if s.Acked["sup.write-off"] == 0 || s.Acked["pos.sales"] == 0 {
			t.Fatalf("acked %v: want write-offs and POS uploads", s.Acked)
		}
		var writeOffs, uploads int64
		db.Raw("SELECT COUNT(*) FROM write_offs WHERE note = ?", "storeops-load itest").Scan(&writeOffs)
		db.Raw("SELECT COUNT(*) FROM feed_imports WHERE idempotency_key LIKE ?", "itest-%").Scan(&uploads)
		if int(writeOffs) != s.Acked["sup.write-off"] || int(uploads) != s.Acked["pos.sales"] {
			t.Errorf("database: %d write-offs, %d uploads; acknowledged %v", writeOffs, uploads, s.Acked)
		}
	})
}
