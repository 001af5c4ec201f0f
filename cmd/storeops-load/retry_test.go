package main

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// flaky answers 503 with code to the first fails requests of each path, then 200 with the body
// it received.
func flaky(t *testing.T, fails int32, code string) (*httptest.Server, *atomic.Int32) {
	t.Helper()
	var hits atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		if hits.Add(1) <= fails {
			w.Header().Set("Retry-After", "0")
			w.WriteHeader(http.StatusServiceUnavailable)
			_, _ = io.WriteString(w, `{"error":{"code":"`+code+`","message":"x"}}`)
			return
		}
		_, _ = w.Write(b)
	}))
	t.Cleanup(srv.Close)
	return srv, &hits
}

func TestTheClientSendsAgainOnlyWhatCannotBeSavedTwice(t *testing.T) {
	for _, tc := range []struct {
		name, method, code string
		fails              int32
		wantStatus         int
		wantHits           int32
		wantRetries        int64
	}{
		{"a read, any 503", http.MethodGet, "whatever", 1, 200, 2, 1},
		{"a write nothing was changed by", http.MethodPost, "busy", 2, 200, 3, 2},
		{"a write while the database is away", http.MethodPost, "database_unavailable", 1, 200, 2, 1},
		{"a write that may be saved", http.MethodPost, "commit_unknown", 1, 503, 1, 0},
		{"at most twice", http.MethodGet, "busy", 5, 503, 3, 2},
	} {
		t.Run(tc.name, func(t *testing.T) {
			srv, hits := flaky(t, tc.fails, tc.code)
			client, rt := newClient(5*time.Second, 4, 2)
			req, _ := http.NewRequest(tc.method, srv.URL+"/x", strings.NewReader(`{"qty":"1"}`))
			res, err := client.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			body, _ := io.ReadAll(res.Body)
			res.Body.Close()
			if res.StatusCode != tc.wantStatus || hits.Load() != tc.wantHits || rt.retries.Load() != tc.wantRetries {
				t.Fatalf("status %d after %d requests and %d retries, want %d after %d and %d", res.StatusCode,
					hits.Load(), rt.retries.Load(), tc.wantStatus, tc.wantHits, tc.wantRetries)
			}
			if res.StatusCode == 200 && tc.method == http.MethodPost && string(body) != `{"qty":"1"}` {
				t.Fatalf("the write was sent again with body %q", body)
			}
			if res.StatusCode == 503 && !strings.Contains(string(body), tc.code) {
				t.Fatalf("the 503's body did not reach the caller: %q", body)
			}
		})
	}

	// -retries 0: never.
	srv, hits := flaky(t, 1, "busy")
	client, _ := newClient(5*time.Second, 4, 0)
	res, err := client.Get(srv.URL)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != 503 || hits.Load() != 1 {
		t.Fatalf("with retries off: %d after %d requests", res.StatusCode, hits.Load())
	}
}
