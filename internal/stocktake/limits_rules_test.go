package stocktake

import (
	"errors"
	"testing"

	"github.com/storeops/storeops/internal/platform/apperr"
	"github.com/storeops/storeops/internal/platform/fixed"
)

func TestPostableRefusesFiguresTheirColumnsCannotHold(t *testing.T) {
	line := func(book, counted fixed.Qty, cost fixed.Money) Line {
		return Evaluate(Line{SKU: "P1", Book: book, Counted: counted, UnitCost: cost, HasCount: true, Recounted: true},
			Tolerance{Pct: 500, Value: 20000})
	}
	maxQty := fixed.StocktakeCountLinesQty.MaxQty()
	cases := []struct {
		name string
		ls   []Line
		ok   bool
	}{
		{"an ordinary count", []Line{line(10_000, 9_500, 300)}, true},
		{"a count at the column's limit, valued within range", []Line{line(10_000, maxQty, 300)}, true},
		{"counts of several zones adding up past the column", []Line{line(0, maxQty+1, 1)}, false},
		{"a variance valued past its column", []Line{line(0, maxQty, 1_000_000)}, false},
		{"a variance too large to value at all", []Line{line(0, maxQty, 999_999_999_999)}, false},
		{"a book value too large to value at all", []Line{line(maxQty, maxQty, 999_999_999_999)}, false},
		{"one book value within the stocktake's column", []Line{line(maxQty, maxQty, 6_000)}, true},
		{"book values adding up past the stocktake's column", []Line{line(maxQty, maxQty, 6_000), line(maxQty, maxQty, 6_000)}, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			err := postable(c.ls)
			var ae *apperr.Error
			switch {
			case c.ok && err != nil:
				t.Errorf("refused: %v", err)
			case !c.ok && (!errors.As(err, &ae) || ae.Code != "value_out_of_range" || !errors.Is(err, apperr.ErrRule)):
				t.Errorf("got %v, want a value_out_of_range refusal", err)
			}
		})
	}
	if l := line(0, maxQty, 999_999_999_999); !l.OverTolerance {
		t.Error("a variance too large to value is not flagged over tolerance")
	}
}
