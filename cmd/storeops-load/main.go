// Command storeops-load signs in the demo chain's users and sends realistic request mixes at a
// fixed rate to one or more StoreOps servers (or a proxy in front of replicas), with vegeta as
// the load engine. It prints per kind, per mix and overall req/s, p50/p95/p99 and status codes
// with error samples, counts the writes the server acknowledged (2xx) per kind, and writes the
// same as JSON with -out, so a later check can compare the counts with the database: write-off
// and task notes say "storeops-load TAG", POS uploads' Idempotency-Keys start with TAG.
//
//	storeops-load -targets http://127.0.0.1:8080 -rate 50 -duration 60s -out load.json
//	storeops-load -targets http://127.0.0.1:8080 -peak -rate 20 -p99-max 250ms
//
// -peak steps the rate up (×-step per -duration) until p99 passes -p99-max or an error (5xx or
// a transport error) appears, and reports the last rate that held.
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"math"
	"net/http"
	"os"
	"os/signal"
	"strings"
	"sync"
	"time"

	vegeta "github.com/tsenart/vegeta/v12/lib"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "storeops-load:", err)
		os.Exit(1)
	}
}

type options struct {
	targets  []string
	rate     float64
	duration time.Duration
	mixes    []string
	users    int
	password string
	out      string
	tag      string
	timeout  time.Duration
	retries  int

	peak    bool
	step    float64
	p99Max  time.Duration
	maxRate float64
}

func parse(args []string) (options, error) {
	fs := flag.NewFlagSet("storeops-load", flag.ContinueOnError)
	var o options
	var targets, mixes string
	fs.StringVar(&targets, "targets", "http://127.0.0.1:8080", "comma-separated base URLs; requests go round robin")
	fs.Float64Var(&o.rate, "rate", 20, "requests per second over all mixes (with -peak: the first step)")
	fs.DurationVar(&o.duration, "duration", 30*time.Second, "how long to send (with -peak: each step)")
	fs.StringVar(&mixes, "mix", "supervisor,manager,hq,pos", "comma-separated mixes: supervisor, manager, hq, pos")
	fs.IntVar(&o.users, "users", 3, "signed-in sessions per mix (demo users in turn)")
	fs.StringVar(&o.password, "password", "demo1234", "the demo users' password")
	fs.StringVar(&o.out, "out", "", "write the JSON summary to this file")
	fs.StringVar(&o.tag, "tag", "", "the run's tag in write notes and Idempotency-Keys (default load-UNIXTIME)")
	fs.DurationVar(&o.timeout, "timeout", 30*time.Second, "per-request timeout")
	fs.IntVar(&o.retries, "retries", 2, "send a request answered 503 again (a read, or a write the answer says was not changed) at most this often, as the SPA does; 0: never")
	fs.BoolVar(&o.peak, "peak", false, "find the peak: step the rate up until p99 > -p99-max or errors appear")
	fs.Float64Var(&o.step, "step", 1.5, "with -peak: the factor between steps")
	fs.DurationVar(&o.p99Max, "p99-max", 250*time.Millisecond, "with -peak: the p99 bound")
	fs.Float64Var(&o.maxRate, "max-rate", 5000, "with -peak: stop stepping at this rate")
	if err := fs.Parse(args); err != nil {
		return o, err
	}
	for _, t := range strings.Split(targets, ",") {
		if t = strings.TrimRight(strings.TrimSpace(t), "/"); t != "" {
			o.targets = append(o.targets, t)
		}
	}
	for _, m := range strings.Split(mixes, ",") {
		if m = strings.TrimSpace(m); m != "" {
			if _, ok := mixUsers[m]; !ok {
				return o, fmt.Errorf("-mix: unknown mix %q", m)
			}
			o.mixes = append(o.mixes, m)
		}
	}
	switch {
	case len(o.targets) == 0:
		return o, fmt.Errorf("-targets: give at least one base URL")
	case len(o.mixes) == 0:
		return o, fmt.Errorf("-mix: give at least one mix")
	case o.rate <= 0, o.duration <= 0, o.users < 1:
		return o, fmt.Errorf("-rate, -duration and -users must be positive")
	case o.retries < 0:
		return o, fmt.Errorf("-retries must be 0 or more")
	case o.peak && o.step <= 1:
		return o, fmt.Errorf("-step must be above 1")
	}
	if o.tag == "" {
		o.tag = fmt.Sprintf("load-%d", time.Now().Unix())
	}
	return o, nil
}

func run(ctx context.Context, args []string, stdout io.Writer) error {
	o, err := parse(args)
	if err != nil {
		return err
	}
	w := &world{targets: o.targets, tag: o.tag, client: &http.Client{Timeout: o.timeout}}
	if err := setUp(ctx, w, o.mixes, o.users, o.password); err != nil {
		return err
	}
	if !o.peak {
		s := attack(ctx, w, o.mixes, o.rate, o.duration, o.timeout, o.retries)
		s.WriteText(stdout)
		return writeJSON(o.out, s)
	}
	p := findPeak(ctx, w, o, stdout)
	return writeJSON(o.out, p)
}

func writeJSON(path string, v any) error {
	if path == "" {
		return nil
	}
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return err
	}
	return os.WriteFile(path, append(b, '\n'), 0o644)
}

// attack sends the mixes at rate req/s for d and answers the summary.
func attack(ctx context.Context, w *world, mixes []string, rate float64, d, timeout time.Duration, retries int) Summary {
	rates := kindRates(kinds, mixWeights, mixes, rate)
	col := newCollector()
	rctx, stopRefresh := context.WithCancel(ctx)
	defer stopRefresh()
	go refresh(rctx, w, 2*time.Second)
	var wg sync.WaitGroup
	var attackers []*vegeta.Attacker
	for _, k := range kinds {
		r := rates[k.Name]
		sessions := w.sessions[k.Mix]
		if r <= 0 || len(sessions) == 0 {
			continue
		}
		client, rt := newClient(timeout, 64, retries)
		a := vegeta.NewAttacker(vegeta.Client(client), vegeta.MaxBody(2048), vegeta.Workers(2))
		attackers = append(attackers, a)
		var n uint64
		var mu sync.Mutex
		targeter := func(t *vegeta.Target) error {
			mu.Lock()
			s := sessions[n%uint64(len(sessions))]
			n++
			mu.Unlock()
			return k.Build(w, s, t)
		}
		wg.Add(1)
		go func(k kind) {
			defer wg.Done()
			for res := range a.Attack(targeter, pacer(r), d, k.Name) {
				col.add(k, res)
			}
			col.retried(k, rt.retries.Load())
		}(k)
	}
	go func() {
		select {
		case <-ctx.Done():
			for _, a := range attackers {
				a.Stop()
			}
		case <-rctx.Done():
		}
	}()
	wg.Wait()
	return col.summary(w.tag, w.targets, rate, d, mixes)
}

// PeakStep is one step of -peak.
type PeakStep struct {
	Rate   float64 `json:"rate"`
	Held   bool    `json:"held"`
	Reason string  `json:"reason,omitempty"`
	Summary
}

// Peak is -peak's report: the highest rate that held, and every step.
type Peak struct {
	Peak   float64    `json:"peak_rate"`
	PeakOK float64    `json:"peak_throughput"`
	P99Max string     `json:"p99_bound"`
	Steps  []PeakStep `json:"steps"`
}

// held says whether a step stayed within the bounds, and why not.
func held(s Summary, p99Max time.Duration) (bool, string) {
	if s.Overall.Errors > 0 {
		return false, fmt.Sprintf("%d errors (5xx or transport)", s.Overall.Errors)
	}
	if p99 := time.Duration(s.Overall.P99ms * float64(time.Millisecond)); p99 > p99Max {
		return false, fmt.Sprintf("p99 %s > %s", p99.Round(time.Millisecond), p99Max)
	}
	if want := s.RequestRate * s.Seconds; float64(s.Overall.Requests) < 0.9*want {
		return false, fmt.Sprintf("sent only %d of %.0f requests", s.Overall.Requests, want)
	}
	return true, ""
}

func findPeak(ctx context.Context, w *world, o options, stdout io.Writer) Peak {
	p := Peak{P99Max: o.p99Max.String()}
	for rate := o.rate; rate <= o.maxRate && ctx.Err() == nil; rate = math.Round(rate*o.step*10) / 10 {
		s := attack(ctx, w, o.mixes, rate, o.duration, o.timeout, o.retries)
		ok, why := held(s, o.p99Max)
		p.Steps = append(p.Steps, PeakStep{Rate: rate, Held: ok, Reason: why, Summary: s})
		fmt.Fprintf(stdout, "step %7.1f req/s: sent %.1f/s, ok %.1f/s, p50 %.1f ms, p99 %.1f ms, 5xx %d, errors %d %s\n",
			rate, s.Overall.Rate, s.Overall.Through, s.Overall.P50ms, s.Overall.P99ms, s.Overall.Count5xx, s.Overall.Errors,
			map[bool]string{true: "held", false: "FAILED: " + why}[ok])
		if !ok {
			s.WriteText(stdout)
			break
		}
		p.Peak, p.PeakOK = rate, s.Overall.Through
	}
	fmt.Fprintf(stdout, "peak: %.1f req/s held (%.1f ok/s) with p99 <= %s and no errors\n", p.Peak, p.PeakOK, o.p99Max)
	return p
}
