package main

import (
	"fmt"
	"io"
	"math"
	"net/http"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	vegeta "github.com/tsenart/vegeta/v12/lib"
)

// kindRates splits the overall rate (req/s) between the selected mixes by mixWeights and
// within each mix between its kinds by their weights. Mixes not selected get nothing.
func kindRates(ks []kind, mixW map[string]int, mixes []string, rate float64) map[string]float64 {
	mixTotal := 0
	for _, m := range mixes {
		mixTotal += mixW[m]
	}
	kindTotal := map[string]int{}
	for _, k := range ks {
		kindTotal[k.Mix] += k.Weight
	}
	out := map[string]float64{}
	if mixTotal == 0 {
		return out
	}
	for _, k := range ks {
		for _, m := range mixes {
			if k.Mix == m && kindTotal[m] > 0 {
				out[k.Name] = rate * float64(mixW[m]) / float64(mixTotal) * float64(k.Weight) / float64(kindTotal[m])
			}
		}
	}
	return out
}

// pacer sends rate requests per second (to a thousandth).
func pacer(rate float64) vegeta.ConstantPacer {
	return vegeta.ConstantPacer{Freq: int(math.Round(rate * 1000)), Per: 1000 * time.Second}
}

// maxSamples is how many error answers are kept per kind.
const maxSamples = 5

// collector gathers the results per kind, per mix and overall.
type collector struct {
	mu      sync.Mutex
	overall vegeta.Metrics
	mixes   map[string]*vegeta.Metrics
	kinds   map[string]*vegeta.Metrics
	kindMix map[string]string
	acked   map[string]int
	retries map[string]int64
	samples map[string][]string
}

func newCollector() *collector {
	return &collector{mixes: map[string]*vegeta.Metrics{}, kinds: map[string]*vegeta.Metrics{},
		kindMix: map[string]string{}, acked: map[string]int{}, retries: map[string]int64{}, samples: map[string][]string{}}
}

// retried records how many requests of kind k the client sent again after a 503.
func (c *collector) retried(k kind, n int64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.retries[k.Name] += n
}

func (c *collector) add(k kind, r *vegeta.Result) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.overall.Add(r)
	if c.mixes[k.Mix] == nil {
		c.mixes[k.Mix] = &vegeta.Metrics{}
	}
	c.mixes[k.Mix].Add(r)
	if c.kinds[k.Name] == nil {
		c.kinds[k.Name] = &vegeta.Metrics{}
		c.kindMix[k.Name] = k.Mix
	}
	c.kinds[k.Name].Add(r)
	ok := r.Code >= 200 && r.Code < 300
	if ok && k.Write && r.Method != http.MethodGet {
		c.acked[k.Name]++
	}
	if !ok && len(c.samples[k.Name]) < maxSamples {
		msg := r.Error
		if len(r.Body) > 0 {
			msg = strings.TrimSpace(string(r.Body[:min(len(r.Body), 300)]))
		}
		c.samples[k.Name] = append(c.samples[k.Name], fmt.Sprintf("%d %s %s: %s", r.Code, r.Method, r.URL, msg))
	}
}

// Stats are one group's figures.
type Stats struct {
	Requests uint64         `json:"requests"`
	Rate     float64        `json:"rate"`       // requests sent per second
	Through  float64        `json:"throughput"` // successful answers per second
	Success  float64        `json:"success"`    // share of 2xx answers
	P50ms    float64        `json:"p50_ms"`
	P95ms    float64        `json:"p95_ms"`
	P99ms    float64        `json:"p99_ms"`
	MaxMs    float64        `json:"max_ms"`
	Codes    map[string]int `json:"status_codes"` // "0" counts transport errors
	Count5xx int            `json:"5xx"`
	Errors   int            `json:"errors"` // transport errors and 5xx
}

// KindStats are a kind's figures with its acknowledged writes and error samples.
type KindStats struct {
	Name  string `json:"name"`
	Mix   string `json:"mix"`
	Acked int    `json:"acked_writes"`
	// Retries counts requests the client sent again after a 503 that said so (see retry.go);
	// each counts once in Requests, with the latency of all its tries.
	Retries int64 `json:"client_retries"`
	Stats
	Samples []string `json:"error_samples,omitempty"`
}

// Summary is a run's report, printed as text and written as JSON.
type Summary struct {
	Tag         string           `json:"tag"`
	Targets     []string         `json:"targets"`
	RequestRate float64          `json:"requested_rate"`
	Duration    string           `json:"duration"`
	Seconds     float64          `json:"seconds"`
	Mixes       []string         `json:"mixes"`
	Overall     Stats            `json:"overall"`
	PerMix      map[string]Stats `json:"per_mix"`
	Kinds       []KindStats      `json:"kinds"`
	Acked       map[string]int   `json:"acked_writes"`
	Retries     int64            `json:"client_retries"`
}

func statsOf(m *vegeta.Metrics) Stats {
	m.Close()
	ms := func(d time.Duration) float64 { return math.Round(float64(d)/1e4) / 100 }
	s := Stats{Requests: m.Requests, Rate: math.Round(m.Rate*10) / 10, Through: math.Round(m.Throughput*10) / 10,
		Success: math.Round(m.Success*10000) / 10000, P50ms: ms(m.Latencies.P50), P95ms: ms(m.Latencies.P95),
		P99ms: ms(m.Latencies.P99), MaxMs: ms(m.Latencies.Max), Codes: map[string]int{}}
	for code, n := range m.StatusCodes {
		s.Codes[code] = n
		if c, _ := strconv.Atoi(code); c >= 500 || c == 0 {
			s.Errors += n
			if c >= 500 {
				s.Count5xx += n
			}
		}
	}
	return s
}

// summary closes the metrics and answers the report.
func (c *collector) summary(tag string, targets []string, rate float64, d time.Duration, mixes []string) Summary {
	c.mu.Lock()
	defer c.mu.Unlock()
	s := Summary{Tag: tag, Targets: targets, RequestRate: rate, Duration: d.String(), Seconds: d.Seconds(), Mixes: mixes,
		Overall: statsOf(&c.overall), PerMix: map[string]Stats{}, Acked: map[string]int{}}
	for mix, m := range c.mixes {
		s.PerMix[mix] = statsOf(m)
	}
	for name, m := range c.kinds {
		s.Kinds = append(s.Kinds, KindStats{Name: name, Mix: c.kindMix[name], Acked: c.acked[name], Retries: c.retries[name],
			Stats: statsOf(m), Samples: c.samples[name]})
		s.Retries += c.retries[name]
		if c.acked[name] > 0 {
			s.Acked[name] = c.acked[name]
		}
	}
	sort.Slice(s.Kinds, func(i, j int) bool {
		if s.Kinds[i].Mix != s.Kinds[j].Mix {
			return s.Kinds[i].Mix < s.Kinds[j].Mix
		}
		return s.Kinds[i].Name < s.Kinds[j].Name
	})
	return s
}

// codes prints a status-code histogram in code order.
func codes(m map[string]int) string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = fmt.Sprintf("%s×%d", k, m[k])
	}
	return strings.Join(parts, " ")
}

// WriteText prints the summary as a table.
func (s Summary) WriteText(w io.Writer) {
	fmt.Fprintf(w, "run %s: %.1f req/s asked for %s against %s (mixes %s)\n", s.Tag, s.RequestRate, s.Duration,
		strings.Join(s.Targets, ","), strings.Join(s.Mixes, ","))
	fmt.Fprintf(w, "%-20s %8s %8s %8s %9s %9s %9s %6s %6s  %s\n", "kind", "requests", "req/s", "ok/s", "p50 ms", "p95 ms", "p99 ms", "5xx", "acked", "codes")
	row := func(name string, st Stats, acked string) {
		fmt.Fprintf(w, "%-20s %8d %8.1f %8.1f %9.2f %9.2f %9.2f %6d %6s  %s\n", name, st.Requests, st.Rate, st.Through,
			st.P50ms, st.P95ms, st.P99ms, st.Count5xx, acked, codes(st.Codes))
	}
	for _, k := range s.Kinds {
		acked := "-"
		if k.Acked > 0 {
			acked = strconv.Itoa(k.Acked)
		}
		row(k.Name, k.Stats, acked)
	}
	mixes := make([]string, 0, len(s.PerMix))
	for m := range s.PerMix {
		mixes = append(mixes, m)
	}
	sort.Strings(mixes)
	for _, m := range mixes {
		row("mix "+m, s.PerMix[m], "")
	}
	row("OVERALL", s.Overall, "")
	if s.Retries > 0 {
		var per []string
		for _, k := range s.Kinds {
			if k.Retries > 0 {
				per = append(per, fmt.Sprintf("%s %d", k.Name, k.Retries))
			}
		}
		fmt.Fprintf(w, "client retries after a 503: %d (%s)\n", s.Retries, strings.Join(per, ", "))
	}
	for _, k := range s.Kinds {
		for _, e := range k.Samples {
			fmt.Fprintf(w, "  error %s: %s\n", k.Name, e)
		}
	}
}
