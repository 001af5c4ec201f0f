package main

import (
	"math"
	"strings"
	"testing"
	"time"

	vegeta "github.com/tsenart/vegeta/v12/lib"
)

func TestKindRatesSplitsByMixThenKind(t *testing.T) {
	ks := []kind{{Name: "a1", Mix: "a", Weight: 3}, {Name: "a2", Mix: "a", Weight: 1}, {Name: "b1", Mix: "b", Weight: 5}, {Name: "c1", Mix: "c", Weight: 1}}
	got := kindRates(ks, map[string]int{"a": 60, "b": 20, "c": 20}, []string{"a", "b"}, 100)
	want := map[string]float64{"a1": 56.25, "a2": 18.75, "b1": 25}
	if len(got) != len(want) {
		t.Fatalf("rates %v, want %v", got, want)
	}
	sum := 0.0
	for k, v := range want {
		if math.Abs(got[k]-v) > 1e-9 {
			t.Errorf("%s: %v, want %v", k, got[k], v)
		}
		sum += got[k]
	}
	if math.Abs(sum-100) > 1e-9 {
		t.Errorf("rates add up to %v, want the whole 100", sum)
	}
	if r := kindRates(ks, map[string]int{}, []string{"a"}, 100); len(r) != 0 {
		t.Errorf("no mix weight: %v, want nothing", r)
	}
}

func TestEveryMixHasKindsUsersAndAWeight(t *testing.T) {
	for mix := range mixUsers {
		if mixWeights[mix] <= 0 || len(mixUsers[mix]) == 0 {
			t.Errorf("mix %s: weight %d, users %v", mix, mixWeights[mix], mixUsers[mix])
		}
		n := 0
		for _, k := range kinds {
			if k.Mix == mix {
				n++
			}
		}
		if n == 0 {
			t.Errorf("mix %s has no kinds", mix)
		}
	}
	seen := map[string]bool{}
	for _, k := range kinds {
		if seen[k.Name] || k.Weight <= 0 || mixUsers[k.Mix] == nil || k.Build == nil {
			t.Errorf("kind %+v: duplicate, weightless or of an unknown mix", k.Name)
		}
		seen[k.Name] = true
	}
}

func TestPacerKeepsFractionalRates(t *testing.T) {
	p := pacer(2.5)
	if got := p.Rate(0); math.Abs(got-2.5) > 1e-9 {
		t.Errorf("pacer(2.5) rate %v req/s, want 2.5", got)
	}
}

func TestCollectorCountsAckedWritesCodesAndSamples(t *testing.T) {
	c := newCollector()
	w := kind{Name: "w", Mix: "m", Write: true}
	r := kind{Name: "r", Mix: "m"}
	at := time.Unix(1000, 0)
	res := func(code uint16, method string, lat time.Duration, body string) *vegeta.Result {
		at = at.Add(100 * time.Millisecond)
		return &vegeta.Result{Code: code, Method: method, URL: "http://x/api/v1/y", Latency: lat, Timestamp: at, Body: []byte(body)}
	}
	c.add(w, res(201, "POST", 10*time.Millisecond, ""))
	c.add(w, res(200, "GET", 10*time.Millisecond, "")) // the fallback read is not a write
	c.add(w, res(422, "POST", 10*time.Millisecond, `{"error":{"code":"insufficient_stock"}}`))
	c.add(w, res(503, "POST", 10*time.Millisecond, "down"))
	for i := range 7 {
		c.add(r, res(500, "GET", time.Duration(i+1)*time.Millisecond, "boom"))
	}
	c.add(r, &vegeta.Result{Method: "GET", URL: "http://x", Error: "connection refused", Timestamp: at.Add(time.Second)})
	s := c.summary("t1", []string{"http://x"}, 10, time.Second, []string{"m"})
	if s.Acked["w"] != 1 || len(s.Acked) != 1 {
		t.Errorf("acked %v, want w:1 only", s.Acked)
	}
	if s.Overall.Requests != 12 || s.Overall.Count5xx != 8 || s.Overall.Errors != 9 {
		t.Errorf("overall %+v, want 12 requests, 8 5xx, 9 errors", s.Overall)
	}
	if s.PerMix["m"].Requests != 12 || s.Overall.Codes["0"] != 1 || s.Overall.Codes["500"] != 7 {
		t.Errorf("per mix %+v, codes %v", s.PerMix, s.Overall.Codes)
	}
	var rk KindStats
	for _, k := range s.Kinds {
		if k.Name == "r" {
			rk = k
		}
	}
	if len(rk.Samples) != maxSamples || !strings.Contains(rk.Samples[0], "500 GET http://x/api/v1/y: boom") {
		t.Errorf("samples %q", rk.Samples)
	}
	var b strings.Builder
	s.WriteText(&b)
	for _, want := range []string{"OVERALL", "mix m", "500×7", "error w: 422 POST"} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("text lacks %q:\n%s", want, b.String())
		}
	}
}

func TestHeldFailsOnErrorsSlowP99AndShortfall(t *testing.T) {
	ok := Summary{RequestRate: 100, Seconds: 2, Overall: Stats{Requests: 199, P99ms: 100}}
	if h, why := held(ok, 250*time.Millisecond); !h {
		t.Errorf("a good step failed: %s", why)
	}
	for _, s := range []Summary{
		{RequestRate: 100, Seconds: 2, Overall: Stats{Requests: 199, P99ms: 100, Errors: 1}},
		{RequestRate: 100, Seconds: 2, Overall: Stats{Requests: 199, P99ms: 300}},
		{RequestRate: 100, Seconds: 2, Overall: Stats{Requests: 150, P99ms: 100}},
	} {
		if h, _ := held(s, 250*time.Millisecond); h {
			t.Errorf("step %+v held", s.Overall)
		}
	}
}

func TestPickSKUs(t *testing.T) {
	items := []inventoryItem{{"P1", "produce", "3.000"}, {"P2", "produce", "0.500"}, {"P3", "meat", "-2.000"},
		{"P4", "dry", "10.000"}, {"P5", "bakery", "5.000"}}
	if got := pickSKUs(items, mixSupervisor, []string{"produce", "meat"}); strings.Join(got, ",") != "P1" {
		t.Errorf("supervisor skus %v, want P1", got)
	}
	if got := pickSKUs(items, mixPOS, nil); strings.Join(got, ",") != "P4" {
		t.Errorf("pos skus %v, want P4", got)
	}
}

func TestParseRefusesBadFlags(t *testing.T) {
	for _, args := range [][]string{{"-mix", "nobody"}, {"-rate", "0"}, {"-targets", ""}, {"-peak", "-step", "1"}} {
		if _, err := parse(args); err == nil {
			t.Errorf("parse(%v) accepted", args)
		}
	}
	o, err := parse([]string{"-targets", "http://a/, http://b", "-mix", "hq,pos"})
	if err != nil || len(o.targets) != 2 || o.targets[0] != "http://a" || len(o.mixes) != 2 || o.tag == "" {
		t.Errorf("parse: %+v %v", o, err)
	}
}
