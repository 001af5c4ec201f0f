package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

func TestVersionAndUnknownCommand(t *testing.T) {
	var out bytes.Buffer
	if err := run(context.Background(), []string{"version"}, func(string) string { return "" }, &out); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(out.String(), "storeops ") {
		t.Fatalf("version printed %q", out.String())
	}
	if err := run(context.Background(), []string{"launch"}, func(string) string { return "" }, &out); err == nil {
		t.Fatal("unknown command accepted")
	}
}

// TestServeSeedsOnFirstStartAndShutsDownGracefully runs the real serve command on a free
// port with a fresh SQLite file, as `make run` does.
func TestServeSeedsOnFirstStartAndShutsDownGracefully(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	vars := map[string]string{
		"STOREOPS_DB_DSN":      filepath.Join(t.TempDir(), "run.db"),
		"STOREOPS_ADDR":        addr,
		"STOREOPS_SEED_DEMO":   "true",
		"STOREOPS_BCRYPT_COST": "4",
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	var logs bytes.Buffer
	go func() {
		done <- run(ctx, []string{"serve"}, func(k string) string { return vars[k] }, &syncWriter{w: &logs})
	}()

	// No wall-clock deadline: seeding takes as long as the machine needs, and a real hang is
	// bounded by go test's own -timeout. A serve that gives up fails the test at once.
	base := "http://" + addr
	waitUntil(t, done, func() bool {
		res, err := http.Get(base + "/readyz")
		if err != nil {
			return false
		}
		res.Body.Close()
		return res.StatusCode == 200
	})
	res, err := http.Post(base+"/api/v1/auth/login", "application/json",
		strings.NewReader(`{"username":"super1","password":"demo1234"}`))
	if err != nil || res.StatusCode != 200 {
		t.Fatalf("demo login after first start: %v %v", res, err)
	}
	res.Body.Close()
	getenv := func(k string) string { return vars[k] }
	var out bytes.Buffer
	if err := run(context.Background(), []string{"health"}, getenv, &out); err != nil || out.String() != "ready\n" {
		t.Errorf("health of a serving server: %v %q", err, out.String())
	}
	waitForJobs(t, base, done)
	cancel()
	if err := <-done; err != nil {
		t.Fatalf("serve returned %v", err)
	}
	if err := run(context.Background(), []string{"health"}, getenv, &out); err == nil {
		t.Errorf("health answers ready after shutdown")
	}
	if !strings.Contains(fmt.Sprint(&logs), "shutting down") {
		t.Errorf("no shutdown log line")
	}
}

// waitUntil polls cond until it holds, failing the test if serve stops first.
func waitUntil(t *testing.T, done <-chan error, cond func() bool) {
	t.Helper()
	for !cond() {
		select {
		case err := <-done:
			t.Fatalf("serve stopped before it was ready: %v", err)
		case <-time.After(50 * time.Millisecond):
		}
	}
}

// waitForJobs signs in as the demo admin and waits until serve's job runner has run every
// registered job once.
func waitForJobs(t *testing.T, base string, done <-chan error) {
	t.Helper()
	res, err := http.Post(base+"/api/v1/auth/login", "application/json",
		strings.NewReader(`{"username":"admin","password":"demo1234"}`))
	if err != nil || res.StatusCode != 200 {
		t.Fatalf("admin login: %v %v", res, err)
	}
	var login struct {
		Token string `json:"token"`
	}
	err = json.NewDecoder(res.Body).Decode(&login)
	res.Body.Close()
	if err != nil {
		t.Fatal(err)
	}
	waitUntil(t, done, func() bool {
		req, _ := http.NewRequest("GET", base+"/api/v1/jobs", nil)
		req.Header.Set("Authorization", "Bearer "+login.Token)
		var page struct {
			Items []struct {
				Name     string     `json:"name"`
				LastOKAt *time.Time `json:"last_ok_at"`
			} `json:"items"`
		}
		if res, err := http.DefaultClient.Do(req); err == nil {
			_ = json.NewDecoder(res.Body).Decode(&page) // a bad answer leaves page empty: poll again
			res.Body.Close()
		}
		ran := 0
		for _, j := range page.Items {
			if j.LastOKAt != nil {
				ran++
			}
		}
		return len(page.Items) > 0 && ran == len(page.Items)
	})
}

// syncWriter lets the server's goroutines (requests, jobs) log into one buffer.
type syncWriter struct {
	mu sync.Mutex
	w  *bytes.Buffer
}

func (s *syncWriter) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.w.Write(p)
}
