// Command gensynth writes a synthetic sales history CSV for `storeops forecast backtest`:
//
//	go run ./internal/forecast/synth/gensynth -shape smooth -stores 10 -items 50 -days 2000 > smooth.csv
//	go run ./internal/forecast/synth/gensynth -shape grocery -stores 10 -items 100 -days 1095 > grocery.csv
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/storeops/storeops/internal/forecast"
	"github.com/storeops/storeops/internal/forecast/synth"
)

func main() {
	var c synth.Config
	var shape, start string
	flag.StringVar(&shape, "shape", "smooth", "smooth or grocery")
	flag.IntVar(&c.Stores, "stores", 10, "stores")
	flag.IntVar(&c.Items, "items", 50, "items per store")
	flag.IntVar(&c.Days, "days", 1826, "days of history")
	flag.StringVar(&start, "start", "2013-01-01", "first date")
	flag.Uint64Var(&c.Seed, "seed", 1, "random seed")
	flag.BoolVar(&c.OmitZeros, "omit-zeros", false, "leave out rows without sales")
	flag.Parse()
	c.Shape = synth.Shape(shape)
	if c.Shape != synth.Smooth && c.Shape != synth.Grocery {
		fmt.Fprintln(os.Stderr, "gensynth: -shape must be smooth or grocery")
		os.Exit(2)
	}
	d, err := forecast.ParseDay(start)
	if err != nil {
		fmt.Fprintln(os.Stderr, "gensynth:", err)
		os.Exit(2)
	}
	c.Start = d
	n, err := synth.Write(os.Stdout, c)
	if err != nil {
		fmt.Fprintln(os.Stderr, "gensynth:", err)
		os.Exit(1)
	}
	fmt.Fprintf(os.Stderr, "gensynth: %d rows (%s)\n", n, c)
}
