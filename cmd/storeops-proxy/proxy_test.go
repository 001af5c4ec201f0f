package main

import (
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// named answers its name and counts the requests it got per method.
func named(name string, gets, posts *atomic.Int64) *httptest.Server {
	return httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		if r.Method == http.MethodGet {
			gets.Add(1)
		} else {
			posts.Add(1)
		}
		_, _ = io.WriteString(w, name+":"+string(body))
	}))
}

// dropping reads each request and closes the connection without an answer: a replica that
// dies after the request reached it.
func dropping(got *atomic.Int64) *httptest.Server {
	return httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.ReadAll(r.Body)
		got.Add(1)
		conn, _, err := w.(http.Hijacker).Hijack()
		if err == nil {
			conn.Close()
		}
	}))
}

// deadURL is the address of a listener that was closed: connections are refused.
func deadURL(t *testing.T) string {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	return "http://" + addr
}

func send(t *testing.T, p http.Handler, method, body string, header ...string) (int, string) {
	t.Helper()
	r := httptest.NewRequest(method, "/api/v1/x", strings.NewReader(body))
	for i := 0; i+1 < len(header); i += 2 {
		r.Header.Set(header[i], header[i+1])
	}
	w := httptest.NewRecorder()
	p.ServeHTTP(w, r)
	return w.Code, w.Body.String()
}

func quiet() *slog.Logger { return slog.New(slog.NewTextHandler(io.Discard, nil)) }

func TestRoundRobin(t *testing.T) {
	var ga, gb, pa, pb atomic.Int64
	a, b := named("a", &ga, &pa), named("b", &gb, &pb)
	defer a.Close()
	defer b.Close()
	p, err := newProxy([]string{a.URL, b.URL}, time.Second, quiet())
	if err != nil {
		t.Fatal(err)
	}
	for range 10 {
		if code, _ := send(t, p, http.MethodGet, ""); code != 200 {
			t.Fatalf("GET: %d", code)
		}
	}
	if ga.Load() != 5 || gb.Load() != 5 {
		t.Errorf("a got %d, b got %d: want 5 each", ga.Load(), gb.Load())
	}
	if code, body := send(t, p, http.MethodPost, "hello"); code != 200 || !strings.HasSuffix(body, ":hello") {
		t.Errorf("POST: %d %q, want the body passed on", code, body)
	}
}

func TestRefusedBackendIsSkippedForEveryMethod(t *testing.T) {
	var g, po atomic.Int64
	live := named("live", &g, &po)
	defer live.Close()
	p, err := newProxy([]string{deadURL(t), live.URL}, time.Hour, quiet())
	if err != nil {
		t.Fatal(err)
	}
	for i := range 6 {
		method := []string{http.MethodGet, http.MethodPost}[i%2]
		if code, body := send(t, p, method, "x"); code != 200 || body != "live:x" {
			t.Fatalf("%s %d: %d %q, want the live replica's answer", method, i, code, body)
		}
	}
	if g.Load() != 3 || po.Load() != 3 {
		t.Errorf("live got %d GETs, %d POSTs; want 3 each (a refused connection reached nobody)", g.Load(), po.Load())
	}
	if p.backends[0].downUntil.Load() <= time.Now().UnixNano() {
		t.Error("the dead backend is not skipped")
	}
}

func TestFailureAfterSendingIsRetriedOnlyWhenIdempotent(t *testing.T) {
	var dropped, g, po atomic.Int64
	dead := dropping(&dropped)
	defer dead.Close()
	live := named("live", &g, &po)
	defer live.Close()
	// The down time is zero, so every request tries the dropping replica first or second.
	p, err := newProxy([]string{dead.URL, live.URL}, 0, quiet())
	if err != nil {
		t.Fatal(err)
	}
	p.next.Store(^uint64(0)) // the next request starts at backend 0, the dropping one
	if code, _ := send(t, p, http.MethodPost, "sale"); code != http.StatusBadGateway {
		t.Errorf("POST without a key after the replica died holding it: %d, want 502", code)
	}
	if po.Load() != 0 || dropped.Load() != 1 {
		t.Errorf("the live replica got %d POSTs (dropped %d): a POST must never be sent twice", po.Load(), dropped.Load())
	}
	p.next.Store(^uint64(0))
	if code, body := send(t, p, http.MethodPost, "sale", "Idempotency-Key", "k1"); code != 200 || body != "live:sale" {
		t.Errorf("POST with an Idempotency-Key: %d %q, want retried on the live replica", code, body)
	}
	p.next.Store(^uint64(0))
	if code, _ := send(t, p, http.MethodGet, ""); code != 200 {
		t.Errorf("GET: %d, want retried", code)
	}
}

func TestBadBackends(t *testing.T) {
	for _, b := range [][]string{nil, {""}, {"127.0.0.1:80"}, {"ftp://x"}} {
		if _, err := newProxy(b, time.Second, quiet()); err == nil {
			t.Errorf("backends %q accepted", b)
		}
	}
}
