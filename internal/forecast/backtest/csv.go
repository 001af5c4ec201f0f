// Package backtest measures the forecast engine against simple baselines on a long sales
// history read from CSV, and replays the held-out days as a store ordering fresh goods.
package backtest

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"

	"github.com/storeops/storeops/internal/forecast"
)

// Data is a history read from CSV: one dense series per store and item, from the item's
// first row to the file's last date. A date on which the file has rows but not for a
// series counts as zero sales; a date absent from the whole file (a closed day) counts as
// unknown, like a stock-out.
type Data struct {
	Series   []forecast.Series // Pool is the store
	Stores   []string          // per series
	Items    []string          // per series
	First    forecast.Day
	Last     forecast.Day
	Rows     int
	HasPromo bool
}

// columns names accepted in a header for each field (lower case).
var columns = map[string][]string{
	"date":  {"date", "day", "ds"},
	"store": {"store", "store_nbr", "store_id", "shop", "store_code"},
	"item":  {"item", "item_nbr", "item_id", "sku", "sku_code", "product"},
	"sales": {"sales", "unit_sales", "units", "qty", "quantity"},
	"promo": {"promo", "onpromotion", "on_promotion", "promotion"},
}

// header finds the columns by name; when the names are not recognised it takes them in
// the documented order date,store,item,sales[,promo].
func header(rec []string) (idx map[string]int, err error) {
	idx = map[string]int{}
	for i, name := range rec {
		name = strings.ToLower(strings.TrimSpace(strings.TrimPrefix(name, "\ufeff")))
		for field, aliases := range columns {
			for _, a := range aliases {
				if name == a {
					if _, dup := idx[field]; !dup {
						idx[field] = i
					}
				}
			}
		}
	}
	var missing []string
	for _, f := range []string{"date", "store", "item", "sales"} {
		if _, ok := idx[f]; !ok {
			missing = append(missing, f)
		}
	}
	if len(missing) == 0 {
		return idx, nil
	}
	if len(rec) < 4 {
		return nil, fmt.Errorf("line 1: missing column(s) %s: want a header date,store,item,sales[,promo]", strings.Join(missing, ", "))
	}
	idx = map[string]int{"date": 0, "store": 1, "item": 2, "sales": 3}
	if len(rec) > 4 {
		idx["promo"] = 4
	}
	return idx, nil
}

type builder struct {
	days  []forecast.Day
	sales []float32
	promo []bool
	lines []int32
}

// ReadCSV reads a history streaming, row by row. Errors name the line and the column.
func ReadCSV(r io.Reader) (*Data, error) {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = true
	rec, err := cr.Read()
	if errors.Is(err, io.EOF) {
		return nil, errors.New("line 1: empty file: want a header date,store,item,sales[,promo]")
	}
	if err != nil {
		return nil, fmt.Errorf("line 1: %w", err)
	}
	idx, err := header(rec)
	if err != nil {
		return nil, err
	}
	promoCol, hasPromo := idx["promo"]
	need := max(idx["date"], idx["store"], idx["item"], idx["sales"]) + 1
	byKey := map[string]int{}
	var bs []*builder
	var stores, items []string
	d := &Data{HasPromo: hasPromo}
	seen := map[forecast.Day]bool{}
	for line := 2; ; line++ {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("line %d: %w", line, err)
		}
		if len(rec) == 1 && strings.TrimSpace(rec[0]) == "" {
			continue
		}
		if len(rec) < need {
			return nil, fmt.Errorf("line %d: %d column(s), want at least %d", line, len(rec), need)
		}
		date := strings.TrimSpace(rec[idx["date"]])
		if len(date) > 10 && (date[10] == ' ' || date[10] == 'T') {
			date = date[:10] // a timestamp: its date
		}
		day, err := forecast.ParseDay(date)
		if err != nil {
			return nil, fmt.Errorf("line %d, column date: %w", line, err)
		}
		store, item := strings.TrimSpace(rec[idx["store"]]), strings.TrimSpace(rec[idx["item"]])
		if store == "" {
			return nil, fmt.Errorf("line %d, column store: empty", line)
		}
		if item == "" {
			return nil, fmt.Errorf("line %d, column item: empty", line)
		}
		sales, err := strconv.ParseFloat(strings.TrimSpace(rec[idx["sales"]]), 64)
		switch {
		case err != nil || math.IsNaN(sales) || math.IsInf(sales, 0):
			return nil, fmt.Errorf("line %d, column sales: %q is not a number", line, rec[idx["sales"]])
		case sales < 0:
			return nil, fmt.Errorf("line %d, column sales: %v is negative", line, sales)
		}
		promo := false
		if hasPromo && promoCol < len(rec) {
			switch strings.ToLower(strings.TrimSpace(rec[promoCol])) {
			case "", "0", "false", "f", "no", "n":
			case "1", "true", "t", "yes", "y":
				promo = true
			default:
				return nil, fmt.Errorf("line %d, column promo: %q is not 0 or 1", line, rec[promoCol])
			}
		}
		key := store + "\x1f" + item
		i, ok := byKey[key]
		if !ok {
			i = len(bs)
			byKey[key] = i
			bs = append(bs, &builder{})
			stores, items = append(stores, store), append(items, item)
		}
		b := bs[i]
		b.days = append(b.days, day)
		b.sales = append(b.sales, float32(sales))
		b.promo = append(b.promo, promo)
		b.lines = append(b.lines, int32(line))
		if d.Rows == 0 || day < d.First {
			d.First = day
		}
		if d.Rows == 0 || day > d.Last {
			d.Last = day
		}
		seen[day] = true
		d.Rows++
	}
	if d.Rows == 0 {
		return nil, errors.New("no data rows after the header")
	}
	for i, b := range bs {
		s, err := densify(b, d.Last, seen, hasPromo)
		if err != nil {
			return nil, fmt.Errorf("%w (store %s, item %s)", err, stores[i], items[i])
		}
		s.Pool = stores[i]
		d.Series = append(d.Series, s)
		bs[i] = nil
	}
	d.Stores, d.Items = stores, items
	return d, nil
}

func densify(b *builder, last forecast.Day, seen map[forecast.Day]bool, hasPromo bool) (forecast.Series, error) {
	start := b.days[0]
	for _, day := range b.days {
		start = min(start, day)
	}
	n := int(last-start) + 1
	s := forecast.Series{Start: start, Sales: make([]float32, n)}
	if hasPromo {
		s.Promo = make([]bool, n)
	}
	line := make([]int32, n)
	for j, day := range b.days {
		i := int(day - start)
		if line[i] != 0 {
			return s, fmt.Errorf("line %d: a second row for %s (first on line %d)", b.lines[j], day, line[i])
		}
		line[i] = b.lines[j]
		s.Sales[i] = b.sales[j]
		if hasPromo {
			s.Promo[i] = b.promo[j]
		}
	}
	for i := range n {
		if !seen[start+forecast.Day(i)] {
			if s.OutOfStock == nil {
				s.OutOfStock = make([]bool, n)
			}
			s.OutOfStock[i] = true
		}
	}
	return s, nil
}
