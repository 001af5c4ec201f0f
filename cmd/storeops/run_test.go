package main

import (
	"bytes"
	"context"
	"fmt"
	"net"
	"net/http"
	"path/filepath"
	"strings"
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

	base := "http://" + addr
	deadline := time.Now().Add(20 * time.Second)
	for {
		res, err := http.Get(base + "/readyz")
		if err == nil && res.StatusCode == 200 {
			res.Body.Close()
			break
		}
		if time.Now().After(deadline) {
			cancel()
			t.Fatalf("server did not become ready: %v", err)
		}
		time.Sleep(50 * time.Millisecond)
	}
	res, err := http.Post(base+"/api/v1/auth/login", "application/json",
		strings.NewReader(`{"username":"super1","password":"demo1234"}`))
	if err != nil || res.StatusCode != 200 {
		t.Fatalf("demo login after first start: %v %v", res, err)
	}
	res.Body.Close()
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("serve returned %v", err)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("serve did not shut down")
	}
	if !strings.Contains(fmt.Sprint(&logs), "shutting down") {
		t.Errorf("no shutdown log line")
	}
}

type syncWriter struct {
	w *bytes.Buffer
}

func (s *syncWriter) Write(p []byte) (int, error) { return s.w.Write(p) }
