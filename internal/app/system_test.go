package app_test

import (
	"compress/gzip"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http/httptest"
	"strings"
	"testing"

	"gorm.io/gorm"

	"github.com/storeops/storeops/internal/platform/config"
	"github.com/storeops/storeops/internal/platform/database"
	"github.com/storeops/storeops/internal/testutil"
)

func TestHealthReadinessAndMetrics(t *testing.T) {
	env := testutil.NewEnv(t, database.SQLite)
	anon := env.Anonymous()
	if res := anon.Do("GET", "/healthz", nil); res.Status != 200 {
		t.Errorf("healthz %d", res.Status)
	}
	if res := anon.Do("GET", "/readyz", nil); res.Status != 200 {
		t.Errorf("readyz %d", res.Status)
	}
	env.Login("super1").Do("GET", "/api/v1/me", nil)
	res := anon.Do("GET", "/metrics", nil)
	if res.Status != 200 || !strings.Contains(string(res.Body), `storeops_http_requests_total{method="GET",route="/api/v1/me",status="200"} 1`) {
		t.Errorf("metrics %d: request counter missing", res.Status)
	}
	if !strings.Contains(string(res.Body), "go_sql_open_connections") {
		t.Errorf("metrics lack the database pool")
	}
	// Transactions run again are counted from the first lost attempt on: one now.
	tried := 0
	if err := database.Tx(context.Background(), env.DB, func(*gorm.DB) error {
		if tried++; tried == 1 {
			return database.ErrRetry
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	res = anon.Do("GET", "/metrics", nil)
	if !strings.Contains(string(res.Body), `storeops_db_tx_retries_total{cause="conflict",outcome="retried"} 1`) ||
		!strings.Contains(string(res.Body), `storeops_db_tx_retries_total{cause="connection",outcome="gave_up"} 0`) {
		t.Errorf("metrics lack the transaction retries")
	}
	if res := anon.Do("GET", "/api/openapi.yaml", nil); res.Status != 200 || !strings.HasPrefix(string(res.Body), "openapi: 3") {
		t.Errorf("spec %d", res.Status)
	}
	if res := anon.Do("GET", "/api/v1/unknown", nil); res.Status != 404 || res.ErrorCode() != "not_found" {
		t.Errorf("unknown API path: %d %s", res.Status, res.Body)
	}
	sqlDB, _ := env.DB.DB()
	sqlDB.Close()
	if res := anon.Do("GET", "/readyz", nil); res.Status != 503 {
		t.Errorf("readyz with the database gone: %d", res.Status)
	}
}

func TestMetricsToken(t *testing.T) {
	env := testutil.NewEnv(t, database.SQLite, func(c *config.Config) { c.MetricsToken = "scrape-me" })
	anon := env.Anonymous()
	if res := anon.Do("GET", "/metrics", nil); res.Status != 401 {
		t.Errorf("metrics without token: %d", res.Status)
	}
	anon.Headers = map[string]string{"Authorization": "Bearer scrape-me"}
	if res := anon.Do("GET", "/metrics", nil); res.Status != 200 {
		t.Errorf("metrics with token: %d", res.Status)
	}
}

// Every API answer is kept out of caches (DESIGN §4): the login answer carries the token,
// exports carry the chain's figures, and errors and unknown paths are no exception.
func TestAPIAnswersAreNotStored(t *testing.T) {
	env := testutil.NewEnv(t, database.SQLite)
	anon := env.Anonymous()
	manager := env.Login("manager1")
	store := storeID(t, env, "sh-pudong")
	cases := []struct {
		name   string
		client *testutil.Client
		method string
		path   string
		body   any
		status int
	}{
		{"login", anon, "POST", "/api/v1/auth/login", map[string]string{"username": "manager1", "password": "demo1234"}, 200},
		{"failed login", anon, "POST", "/api/v1/auth/login", map[string]string{"username": "manager1", "password": "nope"}, 401},
		{"me", manager, "GET", "/api/v1/me", nil, 200},
		{"unauthenticated", anon, "GET", "/api/v1/me", nil, 401},
		{"csv export", manager, "GET", fmt.Sprintf("/api/v1/stores/%d/budgets?format=csv", store), nil, 200},
		{"xlsx export", manager, "GET", fmt.Sprintf("/api/v1/stores/%d/budgets?format=xlsx", store), nil, 200},
		{"unknown API path", manager, "GET", "/api/v1/no-such-thing", nil, 404},
	}
	for _, tc := range cases {
		res := tc.client.Do(tc.method, tc.path, tc.body)
		if res.Status != tc.status {
			t.Errorf("%s: %d %s", tc.name, res.Status, res.Body)
		}
		if got := res.Header.Get("Cache-Control"); got != "no-store" {
			t.Errorf("%s: Cache-Control %q, want no-store", tc.name, got)
		}
	}
	// The SPA's index and the spec may be cached and revalidated.
	if got := anon.Do("GET", "/api/openapi.yaml", nil).Header.Get("Cache-Control"); got != "no-cache" {
		t.Errorf("spec: Cache-Control %q", got)
	}
}

// API answers of 1 KiB and more are gzipped for clients that accept it; small ones are not.
func TestLargeAPIAnswersAreCompressed(t *testing.T) {
	env := testutil.NewEnv(t, database.SQLite)
	admin := env.Login("admin")
	get := func(path string) *httptest.ResponseRecorder {
		req := httptest.NewRequest("GET", path, nil)
		req.Header.Set("Authorization", "Bearer "+admin.Token)
		req.Header.Set("Accept-Encoding", "gzip")
		rec := httptest.NewRecorder()
		env.App.Handler.ServeHTTP(rec, req)
		return rec
	}
	big := get("/api/v1/products?page_size=50")
	if big.Code != 200 || big.Header().Get("Content-Encoding") != "gzip" || big.Header().Get("Cache-Control") != "no-store" {
		t.Fatalf("a page of products: %d, encoding %q, cache %q", big.Code, big.Header().Get("Content-Encoding"), big.Header().Get("Cache-Control"))
	}
	sent := big.Body.Len()
	zr, err := gzip.NewReader(big.Body)
	if err != nil {
		t.Fatal(err)
	}
	plain, err := io.ReadAll(zr)
	if err != nil || !json.Valid(plain) || len(plain) < 2*sent {
		t.Fatalf("gzipped JSON: %v, %d plain bytes from %d sent", err, len(plain), sent)
	}
	if small := get("/api/v1/me"); small.Code != 200 || small.Header().Get("Content-Encoding") != "" {
		t.Errorf("a small answer: %d, encoding %q", small.Code, small.Header().Get("Content-Encoding"))
	}
}
