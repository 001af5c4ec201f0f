package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/storeops/storeops/internal/forecast/synth"
)

func noEnv(string) string { return "" }

func writeHistory(t *testing.T) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "history.csv")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := synth.Write(f, synth.Config{Shape: synth.Grocery, Stores: 2, Items: 5, Days: 400, Seed: 3}); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestForecastBacktestNeedsNoDatabase(t *testing.T) {
	path := writeHistory(t)
	var out bytes.Buffer
	// No STOREOPS_* variables at all: the command must not load configuration.
	err := run(context.Background(), []string{"forecast", "backtest", "--csv", path, "--horizon", "28",
		"--simulate", "shelf-life=3,lead=1,review=1"}, noEnv, &out)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"forecast once at the origin", "rolled 1 day ahead", "4-week mean", "ordering replay", "waste %",
		"at the 4-week rule's fill rate", "99.9 %", "per store and by the engine's method at 95 %"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("output lacks %q:\n%s", want, out.String())
		}
	}

	cal := filepath.Join(t.TempDir(), "calendar.csv")
	if err := os.WriteFile(cal, []byte("date,name\n2013-06-18,618\n2013-12-24,christmas_eve\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	out.Reset()
	if err := run(context.Background(), []string{"forecast", "backtest", "--csv", path, "--format", "json", "--origin", "2013-12-01", "--calendar", cal,
		"--simulate", "shelf-life=3,lead=1,review=1"}, noEnv, &out); err != nil {
		t.Fatal(err)
	}
	var rep struct {
		Origin string
		Once   struct {
			Overall struct {
				Engine struct{ WAPE *float64 }
			}
			Stores []struct{ Store string }
		}
		Simulation struct {
			ServiceLevel float64 `json:"service_level"`
			Sweep        []struct {
				ServiceLevel float64 `json:"service_level"`
			}
			Matched struct {
				AtFourWeekFill struct {
					FillRate float64 `json:"fill_rate"`
				} `json:"at_four_week_fill"`
				Targets []struct {
					FillRate float64 `json:"fill_rate"`
				}
			}
			Stores []struct {
				Store  string
				Engine struct {
					FillRate float64 `json:"fill_rate"`
				}
			}
		}
	}
	if err := json.Unmarshal(out.Bytes(), &rep); err != nil || rep.Origin != "2013-12-01" || rep.Once.Overall.Engine.WAPE == nil || len(rep.Once.Stores) != 2 {
		t.Fatalf("json %v: %s", err, out.String())
	}
	if sim := rep.Simulation; sim.ServiceLevel != 0.95 || len(sim.Sweep) != 7 || sim.Sweep[0].ServiceLevel != 0.8 ||
		sim.Matched.AtFourWeekFill.FillRate <= 0 || len(sim.Matched.Targets) != 2 || len(sim.Stores) != 2 || sim.Stores[0].Engine.FillRate <= 0 {
		t.Errorf("simulation in json: %+v", sim)
	}
}

func TestForecastBacktestRefusesBadInput(t *testing.T) {
	bad := filepath.Join(t.TempDir(), "bad.csv")
	if err := os.WriteFile(bad, []byte("date,store,item,sales\n2024-01-01,1,1,2\n2024-01-02,1,1,-1\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	cal := filepath.Join(t.TempDir(), "calendar.csv")
	if err := os.WriteFile(cal, []byte("date,name\n2024-06-18,618\n2024-06-31,618\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"forecast", "backtest", "--csv", bad}, "line 3, column sales"},
		{[]string{"forecast", "backtest", "--csv", bad, "--calendar", cal}, "calendar line 3, column date"},
		{[]string{"forecast", "backtest"}, "--csv FILE is required"},
		{[]string{"forecast", "backtest", "--csv", bad, "--format", "xml"}, "want text or json"},
		{[]string{"forecast", "backtest", "--csv", bad, "--origin", "2024-02-30"}, "--origin"},
		{[]string{"forecast", "backtest", "--csv", bad, "--simulate", "lead=1"}, "shelf-life"},
		{[]string{"forecast", "predict"}, "unknown forecast command"},
	} {
		err := run(context.Background(), tc.args, noEnv, &bytes.Buffer{})
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%v: error %v, want %q", tc.args, err, tc.want)
		}
	}
}

func TestForecastHelpDefinesTheMetrics(t *testing.T) {
	var out bytes.Buffer
	if err := run(context.Background(), []string{"forecast", "backtest", "--help"}, noEnv, &out); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"WAPE   Σ|F−A| / ΣA", "SMAPE  mean of 2|F−A|", "bias   Σ(F−A) / ΣA", "MASE   MAE / in-sample MAE", `"four_week_mean"`} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("help lacks %q", want)
		}
	}
}
