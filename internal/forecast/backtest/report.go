package backtest

import (
	"encoding/json"
	"fmt"
	"io"
	"math"
	"sort"
	"strings"
)

// Scores are the four accuracy figures of one forecaster (NaN: undefined, null in JSON).
type Scores struct {
	WAPE, SMAPE, Bias, MASE float64
}

// MarshalJSON writes the figures with undefined ones as null.
func (s Scores) MarshalJSON() ([]byte, error) {
	num := func(x float64) *float64 {
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return nil
		}
		return &x
	}
	return json.Marshal(struct {
		WAPE  *float64 `json:"wape"`
		SMAPE *float64 `json:"smape"`
		Bias  *float64 `json:"bias"`
		MASE  *float64 `json:"mase"`
	}{num(s.WAPE), num(s.SMAPE), num(s.Bias), num(s.MASE)})
}

// Table compares the engine with both baselines.
type Table struct {
	Engine       Scores `json:"engine"`
	LastWeek     Scores `json:"last_week"`
	FourWeekMean Scores `json:"four_week_mean"`
}

// StoreTable is one store's table.
type StoreTable struct {
	Store string `json:"store"`
	Table
}

// MethodTable is the table of the series the engine forecast with one method.
type MethodTable struct {
	Method string `json:"method"`
	Series int    `json:"series"`
	Table
}

// ModeResult is the overall, per-store and per-engine-method tables of one mode.
type ModeResult struct {
	Overall Table         `json:"overall"`
	Stores  []StoreTable  `json:"stores"`
	Methods []MethodTable `json:"methods"`
}

// SimReport is the replay of the held-out days under both ordering rules.
type SimReport struct {
	ShelfLife    int       `json:"shelf_life"`
	Lead         int       `json:"lead"`
	Review       int       `json:"review"`
	Engine       SimScores `json:"engine"`
	FourWeekMean SimScores `json:"four_week_mean"`
}

// Report is everything a backtest prints.
type Report struct {
	Rows       int            `json:"rows"`
	Series     int            `json:"series"`
	Evaluated  int            `json:"evaluated"`
	Skipped    int            `json:"skipped"`
	First      string         `json:"first"`
	Last       string         `json:"last"`
	Origin     string         `json:"origin"`
	Horizon    int            `json:"horizon"`
	TestFrom   string         `json:"test_from"`
	TestTo     string         `json:"test_to"`
	Methods    map[string]int `json:"methods"`
	Once       ModeResult     `json:"once"`
	Rolled     ModeResult     `json:"rolled"`
	Simulation *SimReport     `json:"simulation,omitempty"`
}

// JSONShape documents WriteJSON's output for --help.
const JSONShape = `{
  "rows": 912500, "series": 500, "evaluated": 500, "skipped": 0,
  "first": "2013-01-01", "last": "2017-12-31", "origin": "2017-10-02", "horizon": 90,
  "test_from": "2017-10-03", "test_to": "2017-12-31",
  "methods": {"damped_trend": 480, "tsb": 20},
  "once":   {"overall": TABLE, "stores": [{"store": "1", ...TABLE}, ...],
             "methods": [{"method": "damped_trend", "series": 480, ...TABLE}, ...]},
  "rolled": {"overall": TABLE, "stores": [...], "methods": [...]},
  "simulation": {"shelf_life": 3, "lead": 1, "review": 1,      (only with --simulate)
                 "engine": SIM, "four_week_mean": SIM}
}
TABLE = {"engine": SCORES, "last_week": SCORES, "four_week_mean": SCORES}
SCORES = {"wape": 0.123, "smape": 0.131, "bias": -0.004, "mase": 0.712}   (fractions;
         null when undefined, e.g. WAPE of a store that sold nothing)
SIM = {"received": 0, "sold": 0, "demand": 0, "wasted": 0, "stockout_days": 0,
       "series_days": 0, "waste_pct": 0, "fill_rate": 0}`

// WriteJSON prints the report for machines.
func (r *Report) WriteJSON(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(r)
}

// WriteText prints the report for people.
func (r *Report) WriteText(w io.Writer) error {
	var b strings.Builder
	fmt.Fprintf(&b, "history %s … %s, %d rows, %d series (%d evaluated, %d with under a week before the origin skipped)\n",
		r.First, r.Last, r.Rows, r.Series, r.Evaluated, r.Skipped)
	fmt.Fprintf(&b, "origin %s, test days %s … %s (horizon %d)\n", r.Origin, r.TestFrom, r.TestTo, r.Horizon)
	methods := make([]string, 0, len(r.Methods))
	for m, n := range r.Methods {
		methods = append(methods, fmt.Sprintf("%s %d", m, n))
	}
	sort.Strings(methods)
	fmt.Fprintf(&b, "engine methods: %s\n", strings.Join(methods, ", "))
	for _, mode := range []struct {
		title string
		res   ModeResult
	}{{"forecast once at the origin", r.Once}, {"rolled 1 day ahead", r.Rolled}} {
		fmt.Fprintf(&b, "\n%s\n%-16s %8s %8s %8s %8s\n", mode.title, "", "WAPE", "SMAPE", "bias", "MASE")
		for _, row := range rows(mode.res.Overall) {
			fmt.Fprintf(&b, "%-16s %8s %8s %8s %8s\n", row.name, pct(row.s.WAPE), pct(row.s.SMAPE), pct(row.s.Bias), dec(row.s.MASE))
		}
	}
	fmt.Fprintf(&b, "\nby the engine's method: WAPE SMAPE bias MASE of the engine | last week | 4-week mean\n")
	for _, mode := range []struct {
		title string
		res   ModeResult
	}{{"once", r.Once}, {"rolled", r.Rolled}} {
		for _, mt := range mode.res.Methods {
			fmt.Fprintf(&b, "%-12s %5d series %-6s", mt.Method, mt.Series, mode.title)
			for i, row := range rows(mt.Table) {
				if i > 0 {
					b.WriteString(" |")
				}
				fmt.Fprintf(&b, " %6s %6s %6s %5s", pct(row.s.WAPE), pct(row.s.SMAPE), pct(row.s.Bias), dec(row.s.MASE))
			}
			b.WriteString("\n")
		}
	}
	fmt.Fprintf(&b, "\nper store: WAPE SMAPE bias MASE of the engine | last week | 4-week mean\n")
	for _, mode := range []struct {
		title string
		res   ModeResult
	}{{"once", r.Once}, {"rolled", r.Rolled}} {
		for _, st := range mode.res.Stores {
			fmt.Fprintf(&b, "%-8s %-6s", st.Store, mode.title)
			for i, row := range rows(st.Table) {
				if i > 0 {
					b.WriteString(" |")
				}
				fmt.Fprintf(&b, " %6s %6s %6s %5s", pct(row.s.WAPE), pct(row.s.SMAPE), pct(row.s.Bias), dec(row.s.MASE))
			}
			b.WriteString("\n")
		}
	}
	if s := r.Simulation; s != nil {
		fmt.Fprintf(&b, "\nordering replay: shelf life %d, lead %d, review every %d day(s), 95 %% service level, case pack 1\n",
			s.ShelfLife, s.Lead, s.Review)
		fmt.Fprintf(&b, "%-16s %10s %10s %10s %8s %9s %14s\n", "", "received", "sold", "wasted", "waste %", "fill rate", "stock-out days")
		for _, row := range []struct {
			name string
			s    SimScores
		}{{"engine", s.Engine}, {"4-week mean", s.FourWeekMean}} {
			fmt.Fprintf(&b, "%-16s %10.0f %10.0f %10.0f %7.1f%% %8.1f%% %14d\n", row.name, row.s.Received, row.s.Sold,
				row.s.Wasted, row.s.WastePct, 100*row.s.FillRate, row.s.StockoutDays)
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

type namedScores struct {
	name string
	s    Scores
}

func rows(t Table) []namedScores {
	return []namedScores{{"engine", t.Engine}, {"last week", t.LastWeek}, {"4-week mean", t.FourWeekMean}}
}

func pct(x float64) string {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return "-"
	}
	return fmt.Sprintf("%.1f%%", 100*x)
}

func dec(x float64) string {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return "-"
	}
	return fmt.Sprintf("%.3f", x)
}
