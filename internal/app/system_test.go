package app_test

import (
	"strings"
	"testing"

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
