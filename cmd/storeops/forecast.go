package main

import (
	"bufio"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/storeops/storeops/internal/forecast"
	"github.com/storeops/storeops/internal/forecast/backtest"
)

const forecastUsage = `usage: storeops forecast backtest --csv FILE [--horizon 90] [--origin YYYY-MM-DD]
                                  [--format text|json] [--simulate shelf-life=N,lead=L,review=R]
                                  [--calendar FILE]

Reads a daily sales history, fits the forecast engine on the days up to the origin, and
scores it on the held-out days after it against two baselines: "last week" (the same
weekday one week earlier) and "4-week mean" (the mean of the same weekday over the last
four weeks). Both ways of forecasting are scored: once at the origin for the whole
horizon (baselines then only see days up to the origin), and rolled one day ahead (each
day forecast the day before with every earlier actual known; the engine updates its state,
it does not refit). Figures are given overall, per store and per method the engine chose
for the series. No database is needed.

Input: CSV with a header line; columns date,store,item,sales[,promo] (date YYYY-MM-DD,
sales a number >= 0, promo 0/1 optional), in that order or named in the header (also
accepted: store_nbr, item_nbr, sku, unit_sales, qty, onpromotion, ...; other columns are
ignored). A date with rows for other items but none for an item counts as zero sales
from the item's first row on; a date absent from the whole file counts as unknown (shop
closed). Promotion days in the test window are known in advance, as planned promotions are.
Bad input stops with the line and column named and a non-zero exit.

Metrics (F forecast, A actual, over every series and test day):
  WAPE   Σ|F−A| / ΣA: the share of units sold the forecast missed by. Lower is better.
  SMAPE  mean of 2|F−A| / (|F|+|A|) over days, a day with F = A = 0 counting 0 (0–200 %).
         On a slow seller every day without a sale counts 200 % for any forecast above 0,
         so SMAPE favours forecasting 0 there (and an empty shelf); the figures by the
         engine's method (damped_trend, tsb for intermittent series) show this apart.
  bias   Σ(F−A) / ΣA: above 0 the forecast runs high, below 0 low.
  MASE   MAE / in-sample MAE of the seasonal-naive forecast (lag 7) over the training days;
         for several series Σ MAE_series / Σ scale_series. Below 1 beats last week's sales.

Flags:
  --csv FILE        the history (required)
  --horizon N       days held out (default 90)
  --origin DATE     last training day (default: last date − horizon)
  --format F        text (default) or json
  --simulate SPEC   shelf-life=N,lead=L,review=R: replay the test days ordering every R days
                    for delivery L days later, goods sellable N days from delivery: order =
                    forecast over L+R days + safety stock − the stock on hand and on order
                    that can sell before it expires (projected with the forecast, oldest
                    first), capped at what is forecast to sell before the new goods expire
                    beyond what the older stock sells meanwhile, whole units; sold oldest
                    first (FEFO), expired stock thrown away. The same with the 4-week mean
                    as forecast. Safety stock = z × the standard deviation of the forecast
                    error summed over the L+R days, for the service levels 80, 90, 95, 98,
                    99, 99.5 and 99.9 % (z their normal quantiles), each rule with its own
                    error.
                    Prints waste % of units received, fill rate (units sold / demand) and
                    days out of stock for every level overall, and at 95 % per store and
                    by the engine's method. A rule that orders more fills more and wastes
                    more, so the rules are compared at the same fill rate: each rule's
                    waste-vs-fill curve over the levels is interpolated at the other
                    rule's 95 % fill rate (or, outside its curve, the nearest level's) and
                    at fill rates of 98 and 99 % ("-" / null where a fill rate lies
                    outside a rule's curve; no extrapolation).
  --calendar FILE   events as CSV date,name (default: the built-in Chinese retail calendar,
                    2010–2035: Spring Festival and its run-up, New Year, Labour Day,
                    Mid-Autumn, National Day, Double 11); effects are learned from the history.

JSON shape (--format json):
` + backtest.JSONShape

// runForecast runs `storeops forecast ...`; it needs no configuration or database.
func runForecast(args []string, stdout io.Writer) error {
	if len(args) == 0 || args[0] == "help" || args[0] == "--help" || args[0] == "-h" {
		fmt.Fprintln(stdout, forecastUsage)
		return nil
	}
	if args[0] != "backtest" {
		return fmt.Errorf("unknown forecast command %q\n%s", args[0], forecastUsage)
	}
	fs := flag.NewFlagSet("forecast backtest", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	csvPath := fs.String("csv", "", "")
	horizon := fs.Int("horizon", 90, "")
	origin := fs.String("origin", "", "")
	format := fs.String("format", "text", "")
	simulate := fs.String("simulate", "", "")
	calPath := fs.String("calendar", "", "")
	if err := fs.Parse(args[1:]); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			fmt.Fprintln(stdout, forecastUsage)
			return nil
		}
		return fmt.Errorf("forecast backtest: %w\n%s", err, forecastUsage)
	}
	cfg := backtest.Config{Horizon: *horizon, Calendar: forecast.DefaultCalendar()}
	switch {
	case *csvPath == "":
		return fmt.Errorf("forecast backtest: --csv FILE is required\n%s", forecastUsage)
	case *horizon < 1:
		return errors.New("forecast backtest: --horizon must be at least 1")
	case *format != "text" && *format != "json":
		return fmt.Errorf("forecast backtest: --format %q: want text or json", *format)
	}
	if *origin != "" {
		d, err := forecast.ParseDay(*origin)
		if err != nil {
			return fmt.Errorf("forecast backtest: --origin: %w", err)
		}
		cfg.Origin = d
	}
	if *simulate != "" {
		sim, err := backtest.ParseSimConfig(*simulate)
		if err != nil {
			return err
		}
		cfg.Simulate = &sim
	}
	if *calPath != "" {
		f, err := os.Open(*calPath)
		if err != nil {
			return fmt.Errorf("forecast backtest: %w", err)
		}
		cal, err := forecast.ReadCalendar(f)
		f.Close()
		if err != nil {
			return fmt.Errorf("%s: %w", *calPath, err)
		}
		cfg.Calendar = cal
	}
	f, err := os.Open(*csvPath)
	if err != nil {
		return fmt.Errorf("forecast backtest: %w", err)
	}
	defer f.Close()
	data, err := backtest.ReadCSV(bufio.NewReaderSize(f, 1<<20))
	if err != nil {
		return fmt.Errorf("%s: %w", *csvPath, err)
	}
	rep, err := backtest.Run(data, cfg)
	if err != nil {
		return fmt.Errorf("forecast backtest: %w", err)
	}
	if *format == "json" {
		return rep.WriteJSON(stdout)
	}
	return rep.WriteText(stdout)
}
