// Command storeops-proxy is a small reverse proxy for StoreOps replicas on one database: it
// spreads requests round robin over -backends and routes around a replica that died.
//
//	storeops-proxy -addr 127.0.0.1:8080 -backends http://127.0.0.1:8081,http://127.0.0.1:8082
//
// Health is passive: a backend that refuses a connection (or fails a request in transport) is
// skipped for -down and then tried again. A request that failed is retried on the next backend
// only when that cannot post twice: when the connection was refused (nothing reached the
// backend), or when the request is idempotent (GET, HEAD, OPTIONS, or it carries an
// Idempotency-Key, which the server replays on the routes that honour one: the feeds and
// stocktake counts; clients send the key only there). Any other failure answers 502 and the
// client decides. Sessions live in the database, so a token from one replica works on every other.
package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httputil"
	"net/url"
	"os"
	"os/signal"
	"strings"
	"sync/atomic"
	"syscall"
	"time"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "storeops-proxy:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("storeops-proxy", flag.ContinueOnError)
	addr := fs.String("addr", "127.0.0.1:8080", "listen address")
	backends := fs.String("backends", "", "comma-separated base URLs of the replicas")
	down := fs.Duration("down", 2*time.Second, "how long a failed backend is skipped")
	if err := fs.Parse(args); err != nil {
		return err
	}
	log := slog.New(slog.NewTextHandler(os.Stderr, nil))
	p, err := newProxy(strings.Split(*backends, ","), *down, log)
	if err != nil {
		return err
	}
	srv := &http.Server{Addr: *addr, Handler: p, ReadHeaderTimeout: 10 * time.Second}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return err
	}
	log.Info("storeops-proxy listening", "addr", ln.Addr().String(), "backends", *backends)
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	shut, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	return srv.Shutdown(shut)
}

// backend is one replica with the time until which it is skipped.
type backend struct {
	url       *url.URL
	downUntil atomic.Int64 // unix nanoseconds
}

// proxy is the load balancer: an httputil.ReverseProxy whose transport picks the backend.
type proxy struct {
	backends []*backend
	next     atomic.Uint64
	down     time.Duration
	base     http.RoundTripper
	log      *slog.Logger
	now      func() time.Time
	rp       *httputil.ReverseProxy
}

// maxBuffered bounds the request body kept for a retry (the server takes at most 32 MiB).
const maxBuffered = 40 << 20

func newProxy(urls []string, down time.Duration, log *slog.Logger) (*proxy, error) {
	p := &proxy{down: down, log: log, now: time.Now,
		base: &http.Transport{Proxy: nil, DialContext: (&net.Dialer{Timeout: 2 * time.Second, KeepAlive: 30 * time.Second}).DialContext,
			MaxIdleConns: 512, MaxIdleConnsPerHost: 256, IdleConnTimeout: 90 * time.Second, ResponseHeaderTimeout: 5 * time.Minute}}
	for _, u := range urls {
		u = strings.TrimSpace(u)
		if u == "" {
			continue
		}
		parsed, err := url.Parse(u)
		if err != nil || parsed.Host == "" || (parsed.Scheme != "http" && parsed.Scheme != "https") {
			return nil, fmt.Errorf("-backends: %q is not an http(s) base URL", u)
		}
		p.backends = append(p.backends, &backend{url: parsed})
	}
	if len(p.backends) == 0 {
		return nil, errors.New("-backends: give at least one replica")
	}
	p.rp = &httputil.ReverseProxy{
		Rewrite: func(pr *httputil.ProxyRequest) {
			pr.SetXForwarded()
			pr.Out.URL.Scheme, pr.Out.URL.Host = "http", "replica" // the transport sets the backend
		},
		Transport:     p,
		FlushInterval: -1,
		ErrorHandler: func(w http.ResponseWriter, r *http.Request, err error) {
			p.log.Warn("proxy: no backend answered", "method", r.Method, "path", r.URL.Path, "error", err.Error())
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(http.StatusBadGateway)
			_, _ = io.WriteString(w, `{"error":{"code":"bad_gateway","message":"no replica answered"}}`)
		},
	}
	return p, nil
}

func (p *proxy) ServeHTTP(w http.ResponseWriter, r *http.Request) { p.rp.ServeHTTP(w, r) }

// idempotent says whether sending r twice cannot write twice.
func idempotent(r *http.Request) bool {
	switch r.Method {
	case http.MethodGet, http.MethodHead, http.MethodOptions:
		return true
	}
	return r.Header.Get("Idempotency-Key") != ""
}

// refused says whether err is a failure to connect: the request never reached the backend.
func refused(err error) bool {
	var op *net.OpError
	return errors.As(err, &op) && op.Op == "dial"
}

// order answers the backends to try, round robin, the live ones first and those skipped for a
// recent failure last (so a request still finds a backend when all of them failed lately).
func (p *proxy) order() []*backend {
	n := len(p.backends)
	start := int(p.next.Add(1) % uint64(n))
	now := p.now().UnixNano()
	live := make([]*backend, 0, n)
	var resting []*backend
	for i := range n {
		b := p.backends[(start+i)%n]
		if b.downUntil.Load() > now {
			resting = append(resting, b)
		} else {
			live = append(live, b)
		}
	}
	return append(live, resting...)
}

// RoundTrip sends the request to a backend, and on a failure to the next one when that is safe.
func (p *proxy) RoundTrip(r *http.Request) (*http.Response, error) {
	var body []byte
	if r.Body != nil && r.Body != http.NoBody {
		b, err := io.ReadAll(io.LimitReader(r.Body, maxBuffered+1))
		r.Body.Close()
		if err != nil {
			return nil, err
		}
		if len(b) > maxBuffered {
			return &http.Response{StatusCode: http.StatusRequestEntityTooLarge, Status: "413 Request Entity Too Large",
				Header: http.Header{"Content-Type": {"application/json"}}, Request: r, ProtoMajor: 1, ProtoMinor: 1,
				Body: io.NopCloser(strings.NewReader(`{"error":{"code":"payload_too_large","message":"request body is too large"}}`))}, nil
		}
		body = b
	}
	var lastErr error
	for _, b := range p.order() {
		out := r.Clone(r.Context())
		out.URL.Scheme, out.URL.Host, out.Host = b.url.Scheme, b.url.Host, b.url.Host
		if body != nil {
			out.Body = io.NopCloser(bytes.NewReader(body))
			out.ContentLength = int64(len(body))
			out.GetBody = func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(body)), nil }
		}
		res, err := p.base.RoundTrip(out)
		if err == nil {
			return res, nil
		}
		lastErr = err
		if r.Context().Err() != nil {
			return nil, err
		}
		b.downUntil.Store(p.now().Add(p.down).UnixNano())
		p.log.Warn("proxy: backend failed; skipped for a while", "backend", b.url.String(), "error", err.Error(), "skip", p.down.String())
		if !refused(err) && !idempotent(r) {
			return nil, fmt.Errorf("%s %s failed on %s and is not safe to retry: %w", r.Method, r.URL.Path, b.url.Host, err)
		}
	}
	return nil, lastErr
}
