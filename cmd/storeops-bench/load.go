package main

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"slices"
	"sync"
	"time"
)

// loadResult is what a fixed-duration load run measured.
type loadResult struct {
	requests int
	failures int
	firstErr error
	elapsed  time.Duration
	lat      []time.Duration
}

// rate answers completed requests per second.
func (r loadResult) rate() float64 { return float64(r.requests) / r.elapsed.Seconds() }

// String prints the rate and the latency percentiles.
func (r loadResult) String() string {
	s := fmt.Sprintf("%7.0f req/s; p50 %s p95 %s p99 %s (%d requests", r.rate(),
		loadPct(r.lat, 50), loadPct(r.lat, 95), loadPct(r.lat, 99), r.requests)
	if r.failures > 0 {
		s += fmt.Sprintf(", %d FAILED: %v", r.failures, r.firstErr)
	}
	return s + ")"
}

// keepAliveClient is an HTTP client that keeps one connection per concurrent client open, and
// asks for no compression, as wrk does.
func keepAliveClient(clients int) *http.Client {
	return &http.Client{Timeout: time.Minute, Transport: &http.Transport{
		MaxIdleConns: clients, MaxIdleConnsPerHost: clients, DisableCompression: true,
		IdleConnTimeout: time.Minute,
	}}
}

// load sends GET url with a bearer token (when not empty) from n concurrent clients for d:
// each client sends its next request as soon as the previous answer is read. Only answers
// with status 200 count as requests; others are failures.
func load(ctx context.Context, c *http.Client, url, token string, n int, d time.Duration) loadResult {
	ctx, cancel := context.WithTimeout(ctx, d)
	defer cancel()
	results := make([]loadResult, n)
	var wg sync.WaitGroup
	start := time.Now()
	for i := range results {
		wg.Add(1)
		go func(r *loadResult) {
			defer wg.Done()
			r.lat = make([]time.Duration, 0, 4096)
			for ctx.Err() == nil {
				t0 := time.Now()
				err := getOnce(ctx, c, url, token)
				if ctx.Err() != nil {
					return // cut off by the deadline: neither a success nor a failure
				}
				if err != nil {
					r.failures++
					if r.firstErr == nil {
						r.firstErr = err
					}
					continue
				}
				r.requests++
				r.lat = append(r.lat, time.Since(t0))
			}
		}(&results[i])
	}
	wg.Wait()
	total := loadResult{elapsed: time.Since(start)}
	for _, r := range results {
		total.requests += r.requests
		total.failures += r.failures
		total.lat = append(total.lat, r.lat...)
		if total.firstErr == nil {
			total.firstErr = r.firstErr
		}
	}
	return total
}

// getOnce sends one GET and reads the whole answer, so the connection is reused.
func getOnce(ctx context.Context, c *http.Client, url, token string) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return err
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	res, err := c.Do(req)
	if err != nil {
		return err
	}
	defer res.Body.Close()
	if _, err := io.Copy(io.Discard, res.Body); err != nil {
		return err
	}
	if res.StatusCode != http.StatusOK {
		return fmt.Errorf("GET %s: status %d", url, res.StatusCode)
	}
	return nil
}

// percentile answers the p-th percentile of lat (nearest rank), unrounded; each case rounds it
// for printing (pct to 1 ms, exact to 0.1 ms, loadPct to 10 µs).
func percentile(lat []time.Duration, p int) time.Duration {
	if len(lat) == 0 {
		return 0
	}
	s := slices.Clone(lat)
	slices.Sort(s)
	i := (len(s)*p + 99) / 100
	return s[max(0, min(i, len(s))-1)]
}

func loadPct(lat []time.Duration, p int) time.Duration {
	return percentile(lat, p).Round(10 * time.Microsecond)
}
