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

// SimReport is the replay of the held-out days under both ordering rules: the headline
// service level, the sweep over ServiceLevels, the waste at matched fill rates, and per
// store.
type SimReport struct {
	ShelfLife    int          `json:"shelf_life"`
	Lead         int          `json:"lead"`
	Review       int          `json:"review"`
	ServiceLevel float64      `json:"service_level"` // of Engine and FourWeekMean
	Engine       SimScores    `json:"engine"`
	FourWeekMean SimScores    `json:"four_week_mean"`
	Sweep        []SweepPoint `json:"sweep"`
	Matched      Matched      `json:"matched"`
	Stores       []StoreSim   `json:"stores"`
	Methods      []MethodSim  `json:"methods"`
}

// SweepPoint is the replay of both rules at one service level.
type SweepPoint struct {
	ServiceLevel float64   `json:"service_level"`
	Engine       SimScores `json:"engine"`
	FourWeekMean SimScores `json:"four_week_mean"`
}

// MatchedPoint is each rule's waste % at one fill rate, read off its waste-vs-fill curve
// over the sweep; nil (null) when the fill rate lies outside the rule's sweep.
type MatchedPoint struct {
	FillRate             float64  `json:"fill_rate"`
	ServiceLevel         float64  `json:"service_level,omitempty"` // of the rule whose fill rate it is
	EngineWastePct       *float64 `json:"engine_waste_pct"`
	FourWeekMeanWastePct *float64 `json:"four_week_mean_waste_pct"`
}

// Matched compares the rules at the same fill rate: the 4-week rule's and the engine's at
// the headline service level (or the nearest level whose fill rate the other rule's curve
// covers), and TargetFills.
type Matched struct {
	AtFourWeekFill MatchedPoint   `json:"at_four_week_fill"`
	AtEngineFill   MatchedPoint   `json:"at_engine_fill"`
	Targets        []MatchedPoint `json:"targets"`
	// Sweep holds, per swept level, both rules' waste at the engine's fill rate [0] and at
	// the 4-week rule's [1].
	Sweep [][2]MatchedPoint `json:"sweep"`
}

// SimGroup is the replay of a group of series at the headline service level and at
// matched fill rates.
type SimGroup struct {
	Engine         SimScores    `json:"engine"`
	FourWeekMean   SimScores    `json:"four_week_mean"`
	AtFourWeekFill MatchedPoint `json:"at_four_week_fill"`
	AtEngineFill   MatchedPoint `json:"at_engine_fill"`
}

// StoreSim is one store's replay.
type StoreSim struct {
	Store string `json:"store"`
	SimGroup
}

// MethodSim is the replay of the series the engine forecast with one method.
type MethodSim struct {
	Method string `json:"method"`
	Series int    `json:"series"`
	SimGroup
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
                 "service_level": 0.95, "engine": SIM, "four_week_mean": SIM,
                 "sweep": [{"service_level": 0.8, "engine": SIM, "four_week_mean": SIM}, ...],
                 "matched": {"at_four_week_fill": MATCH, "at_engine_fill": MATCH,
                             "targets": [MATCH (fill 0.98), MATCH (fill 0.99)],
                             "sweep": [[MATCH at the engine's fill, MATCH at the 4-week
                                        rule's fill], ... per service level]},
                 "stores": [{"store": "1", ...GROUP}, ...],
                 "methods": [{"method": "damped_trend", "series": 480, ...GROUP}, ...]}
}
TABLE = {"engine": SCORES, "last_week": SCORES, "four_week_mean": SCORES}
SCORES = {"wape": 0.123, "smape": 0.131, "bias": -0.004, "mase": 0.712}   (fractions;
         null when undefined, e.g. WAPE of a store that sold nothing)
SIM = {"received": 0, "sold": 0, "demand": 0, "wasted": 0, "stockout_days": 0,
       "series_days": 0, "waste_pct": 0, "fill_rate": 0}   (at 95 % unless in "sweep")
GROUP = {"engine": SIM, "four_week_mean": SIM, "at_four_week_fill": MATCH,
         "at_engine_fill": MATCH}                                   (at 95 %)
MATCH = {"fill_rate": 0.998, "service_level": 0.95, "engine_waste_pct": 1.2,
         "four_week_mean_waste_pct": 3.4}
        (each rule's waste % interpolated at that fill rate on its sweep; null when the
        fill rate lies outside the rule's sweep; service_level: of the rule whose fill
        rate it is, absent for targets. at_four_week_fill uses the 4-week rule's 95 %
        level, or the nearest level whose fill the engine's sweep covers; likewise
        at_engine_fill)`

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
		writeSim(&b, s)
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

func writeSim(b *strings.Builder, s *SimReport) {
	fmt.Fprintf(b, "\nordering replay: shelf life %d, lead %d, review every %d day(s), case pack 1\n",
		s.ShelfLife, s.Lead, s.Review)
	m := s.Matched.AtFourWeekFill
	fmt.Fprintf(b, "at the 4-week rule's fill rate %s (its %s service level), the engine wastes %s vs %s\n",
		fillPct(m.FillRate), levelPct(m.ServiceLevel), wastePct(m.EngineWastePct), wastePct(m.FourWeekMeanWastePct))
	m = s.Matched.AtEngineFill
	fmt.Fprintf(b, "at the engine's fill rate %s (its %s service level), the engine wastes %s vs %s\n",
		fillPct(m.FillRate), levelPct(m.ServiceLevel), wastePct(m.EngineWastePct), wastePct(m.FourWeekMeanWastePct))
	for _, m := range s.Matched.Targets {
		fmt.Fprintf(b, "at a fill rate of %s, the engine wastes %s vs %s\n",
			fillPct(m.FillRate), wastePct(m.EngineWastePct), wastePct(m.FourWeekMeanWastePct))
	}
	b.WriteString("(waste % of units received, read off each rule's sweep below between its points; - : outside it;\n" +
		" \"other's waste\" is the other rule's waste at that row's fill rate)\n")
	fmt.Fprintf(b, "the sweep: the engine fills %s wasting %s, the 4-week rule fills %s wasting %s\n",
		span(s.Sweep, func(p SweepPoint) float64 { return 100 * p.Engine.FillRate }, 2),
		span(s.Sweep, func(p SweepPoint) float64 { return p.Engine.WastePct }, 1),
		span(s.Sweep, func(p SweepPoint) float64 { return 100 * p.FourWeekMean.FillRate }, 2),
		span(s.Sweep, func(p SweepPoint) float64 { return p.FourWeekMean.WastePct }, 1))
	if dominates(s.Sweep) {
		b.WriteString("the curves do not meet: at every service level the engine fills more and wastes less than the 4-week rule at any\n")
	}
	fmt.Fprintf(b, "\n%-8s %-12s %10s %10s %10s %8s %9s %14s %12s\n", "service", "", "received", "sold", "wasted", "waste %",
		"fill rate", "stock-out days", "other's waste")
	for l, p := range s.Sweep {
		for i, row := range []struct {
			name string
			s    SimScores
		}{{"engine", p.Engine}, {"4-week mean", p.FourWeekMean}} {
			level := ""
			if i == 0 {
				level = levelPct(p.ServiceLevel)
			}
			var other *float64
			if l < len(s.Matched.Sweep) {
				if i == 0 {
					other = s.Matched.Sweep[l][0].FourWeekMeanWastePct
				} else {
					other = s.Matched.Sweep[l][1].EngineWastePct
				}
			}
			fmt.Fprintf(b, "%-8s %-12s %10.0f %10.0f %10.0f %7.1f%% %9s %14d %12s\n", level, row.name, row.s.Received, row.s.Sold,
				row.s.Wasted, row.s.WastePct, fillPct(row.s.FillRate), row.s.StockoutDays, wastePct(other))
		}
	}
	fmt.Fprintf(b, "\nper store and by the engine's method at %s: waste %%, fill rate, stock-out days of the engine |\n"+
		"  of the 4-week mean | at the 4-week rule's fill rate (its service level): the engine's waste vs the 4-week rule's\n",
		levelPct(s.ServiceLevel))
	line := func(name string, g SimGroup) {
		m := g.AtFourWeekFill
		fmt.Fprintf(b, "%-18s %6.1f%% %8s %6d | %6.1f%% %8s %6d | %8s (%s) %7s vs %7s\n", name,
			g.Engine.WastePct, fillPct(g.Engine.FillRate), g.Engine.StockoutDays,
			g.FourWeekMean.WastePct, fillPct(g.FourWeekMean.FillRate), g.FourWeekMean.StockoutDays,
			fillPct(m.FillRate), levelPct(m.ServiceLevel), wastePct(m.EngineWastePct), wastePct(m.FourWeekMeanWastePct))
	}
	for _, st := range s.Stores {
		line(st.Store, st.SimGroup)
	}
	for _, me := range s.Methods {
		line(fmt.Sprintf("%s %d", me.Method, me.Series), me.SimGroup)
	}
}

// dominates reports whether the engine's worst point over the sweep fills more and wastes
// less than the 4-week rule's best.
func dominates(sweep []SweepPoint) bool {
	if len(sweep) == 0 {
		return false
	}
	minFill, maxWaste := math.Inf(1), math.Inf(-1)
	maxFill, minWaste := math.Inf(-1), math.Inf(1)
	for _, p := range sweep {
		minFill, maxWaste = math.Min(minFill, p.Engine.FillRate), math.Max(maxWaste, p.Engine.WastePct)
		maxFill, minWaste = math.Max(maxFill, p.FourWeekMean.FillRate), math.Min(minWaste, p.FourWeekMean.WastePct)
	}
	return minFill > maxFill && maxWaste < minWaste
}

// span prints the range of a figure over the sweep, in per cent.
func span(sweep []SweepPoint, f func(SweepPoint) float64, decimals int) string {
	if len(sweep) == 0 {
		return "-"
	}
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, p := range sweep {
		lo, hi = math.Min(lo, f(p)), math.Max(hi, f(p))
	}
	return fmt.Sprintf("%.*f–%.*f %%", decimals, lo, decimals, hi)
}

// fillPct prints a fill rate with two decimals: near 100 % one decimal hides the gap.
func fillPct(x float64) string { return fmt.Sprintf("%.2f%%", 100*x) }

func levelPct(x float64) string {
	return strings.TrimSuffix(strings.TrimRight(fmt.Sprintf("%.1f", 100*x), "0"), ".") + " %"
}

func wastePct(x *float64) string {
	if x == nil {
		return "-"
	}
	return fmt.Sprintf("%.2f%%", *x)
}
