package main

import (
	"bytes"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"strconv"
	"sync/atomic"
	"time"
)

// The clients' retry rule, the same as the SPA's (frontend/src/api/http.ts): a request
// answered 503 is sent again after its Retry-After, at most maxRetries times and only for
// waits of at most maxRetryWait, when it is a read or when the answer says nothing was
// changed (database_unavailable, busy, unavailable). A write answered commit_unknown is never
// sent again: it may be saved. The latency a run reports includes the waits.
const maxRetryWait = 5 * time.Second

var nothingChanged = map[string]bool{"database_unavailable": true, "busy": true, "unavailable": true}

// retrying is an http.RoundTripper that applies the rule and counts what it sent again.
type retrying struct {
	base       http.RoundTripper
	maxRetries int
	retries    atomic.Int64
}

// newClient is one attack's HTTP client: vegeta's settings (keep-alive, up to conns idle
// connections per host, no redirects followed), with the retry rule unless maxRetries is 0.
func newClient(timeout time.Duration, conns, maxRetries int) (*http.Client, *retrying) {
	dialer := &net.Dialer{KeepAlive: 30 * time.Second}
	rt := &retrying{base: &http.Transport{DialContext: dialer.DialContext, MaxIdleConnsPerHost: conns},
		maxRetries: maxRetries}
	return &http.Client{Timeout: timeout, Transport: rt,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}, rt
}

func (r *retrying) RoundTrip(req *http.Request) (*http.Response, error) {
	for attempt := 0; ; attempt++ {
		if attempt > 0 && req.GetBody != nil {
			body, err := req.GetBody()
			if err != nil {
				return nil, err
			}
			req.Body = body
		}
		res, err := r.base.RoundTrip(req)
		if err != nil || res.StatusCode != http.StatusServiceUnavailable || attempt >= r.maxRetries {
			return res, err
		}
		wait, ok := retryAfter(res.Header.Get("Retry-After"))
		if !ok || wait > maxRetryWait {
			return res, nil
		}
		read := req.Method == http.MethodGet || req.Method == http.MethodHead
		if !read {
			// The body says whether anything was changed; keep it readable for the caller.
			b, _ := io.ReadAll(io.LimitReader(res.Body, 4096))
			res.Body.Close()
			res.Body = io.NopCloser(bytes.NewReader(b))
			var e struct {
				Error struct{ Code string } `json:"error"`
			}
			if json.Unmarshal(b, &e) != nil || !nothingChanged[e.Error.Code] || (req.Body != nil && req.GetBody == nil) {
				return res, nil
			}
		}
		res.Body.Close()
		r.retries.Add(1)
		select {
		case <-req.Context().Done():
			return nil, req.Context().Err()
		case <-time.After(wait):
		}
	}
}

// retryAfter reads a Retry-After in seconds (the server sends seconds); none means 1 s.
func retryAfter(v string) (time.Duration, bool) {
	if v == "" {
		return time.Second, true
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 0 {
		return 0, false
	}
	return time.Duration(n) * time.Second, true
}
