package main

import (
	"bytes"
	"database/sql"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/storeops/storeops/internal/testutil"
)

// TestSessionsSurviveAReplicaDeath starts two storeops replicas on one fresh MariaDB database
// behind the proxy, signs in through the proxy, kills one replica with SIGKILL and asks again
// with the same token: every answer is 200 (nobody is signed out). It then checks that the
// background jobs ran once per period across both replicas, not once per replica.
func TestSessionsSurviveAReplicaDeath(t *testing.T) {
	dsn := os.Getenv("STOREOPS_TEST_MYSQL_DSN")
	if dsn == "" || testing.Short() {
		t.Skip("needs STOREOPS_TEST_MYSQL_DSN (replicas share a MariaDB database)")
	}
	dir := t.TempDir()
	bin := filepath.Join(dir, "storeops")
	if out, err := exec.Command("go", "build", "-o", bin, "github.com/storeops/storeops/cmd/storeops").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	dbDSN := testutil.MySQLDatabase(t)
	started := time.Now()
	env := []string{"STOREOPS_DB_DRIVER=mysql", "STOREOPS_DB_DSN=" + dbDSN, "STOREOPS_ADMIN_PASSWORD=replica-test-pw",
		"STOREOPS_BCRYPT_COST=4", "STOREOPS_OUTBOX_EVERY=1s", "STOREOPS_LOG_LEVEL=warn",
		"STOREOPS_ATTACHMENTS_DIR=" + filepath.Join(dir, "attachments")}
	a := testutil.StartServer(t, bin, env)
	b := testutil.StartServer(t, bin, env) // after a migrated, so they do not race to migrate
	p, err := newProxy([]string{a.URL, b.URL}, 2*time.Second, quiet())
	if err != nil {
		t.Fatal(err)
	}
	front := httptest.NewServer(p)
	defer front.Close()

	body, _ := json.Marshal(map[string]string{"username": "admin", "password": "replica-test-pw"})
	res, err := http.Post(front.URL+"/api/v1/auth/login", "application/json", bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	var login struct{ Token string }
	_ = json.NewDecoder(res.Body).Decode(&login)
	res.Body.Close()
	if res.StatusCode != 200 || login.Token == "" {
		t.Fatalf("sign in through the proxy: %d", res.StatusCode)
	}
	ask := func(phase string) {
		t.Helper()
		for i := range 20 {
			for _, path := range []string{"/api/v1/me", "/api/v1/stores"} {
				req, _ := http.NewRequest(http.MethodGet, front.URL+path, nil)
				req.Header.Set("Authorization", "Bearer "+login.Token)
				res, err := http.DefaultClient.Do(req)
				if err != nil {
					t.Fatalf("%s, request %d %s: %v", phase, i, path, err)
				}
				res.Body.Close()
				if res.StatusCode != 200 {
					t.Fatalf("%s, request %d %s: %d, want 200 with the same token", phase, i, path, res.StatusCode)
				}
			}
		}
	}
	ask("both replicas up")
	if err := a.Kill(); err != nil { // SIGKILL
		t.Fatal(err)
	}
	ask("replica A killed")

	time.Sleep(3 * time.Second) // a few outbox periods on the surviving replica
	db, err := sql.Open("mysql", dbDSN)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	rows, err := db.Query("SELECT name, runs FROM job_leases")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	elapsed := time.Since(started)
	n := 0
	for rows.Next() {
		var name string
		var runs int
		if err := rows.Scan(&name, &runs); err != nil {
			t.Fatal(err)
		}
		n++
		limit := 1 // every other job's period is minutes or hours: once, across both replicas
		if name == "outbox.deliver" {
			limit = int(elapsed/time.Second) + 1 // once per 1 s period, not once per replica
		}
		t.Logf("job %s: %d runs in %s (at most %d)", name, runs, elapsed.Round(time.Second), limit)
		if runs > limit {
			t.Errorf("job %s ran %d times in %s across two replicas, want at most %d", name, runs, elapsed.Round(time.Second), limit)
		}
	}
	if n == 0 {
		t.Error("no job leases: the replicas ran no background jobs")
	}
}
