// Package stocktake organises stocktakes (盘点): planning a full or cycle count, freezing the
// book quantities at start, count sheets per zone from several counters, variance against
// tolerance with recounts by a different counter, and approval that posts the adjustments
// to the stock ledger so that on-hand = counted + movements since the freeze.
package stocktake

import (
	"fmt"
	"math/bits"
	"slices"
	"time"
	"unicode/utf8"

	"github.com/storeops/storeops/internal/platform/apperr"
	"github.com/storeops/storeops/internal/platform/fixed"
)

// Scopes of a stocktake.
const (
	ScopeFull  = "full"
	ScopeCycle = "cycle"
)

// Statuses: planned → counting → submitted → approved; reject sends submitted back to counting.
const (
	StatusPlanned   = "planned"
	StatusCounting  = "counting"
	StatusSubmitted = "submitted"
	StatusApproved  = "approved"
)

// OpenStatuses are the statuses in which a stocktake holds its SKUs.
var OpenStatuses = []string{StatusPlanned, StatusCounting, StatusSubmitted}

// Sheet kinds.
const (
	KindCount   = "count"
	KindRecount = "recount"
)

// Default tolerances when a department has none stored.
var (
	DefaultTolerancePct   = fixed.Money(500)     // 5.00 %
	DefaultToleranceValue = fixed.Money(20000)   // 200.00 yuan
	maxTolerancePct       = fixed.Money(100_000) // 1000.00 %
)

// Limits of a plan.
const (
	MaxZones      = 20
	MaxZoneLen    = 32
	MaxCategories = 100
	MaxSKUs       = 50_000
	MaxSheetLines = 50_000
)

// Stocktake is one count of a store's stock.
type Stocktake struct {
	ID               int64
	StoreID          int64
	DepartmentCode   string // empty for a whole-store count
	Scope            string
	Categories       []string
	SKUs             []string // a cycle count's SKU list (plan only; items hold the resolved scope)
	Zones            []string
	Blind            bool
	TolerancePct     fixed.Money // percent with 2 decimals
	ToleranceValue   fixed.Money
	Note             string
	Status           string
	RejectReason     string
	ItemCount        int
	FrozenSeq        *int64
	CreatedBy        *int64
	StartedAt        *time.Time
	SubmittedAt      *time.Time
	ApprovedAt       *time.Time
	ApprovedBy       *int64
	BookValue        *fixed.Money
	VarianceAbsValue *fixed.Money
	Accuracy         *Ratio
	Version          int
	CreatedAt        time.Time
	UpdatedAt        time.Time
}

// Validate checks a plan's own fields; whether categories and SKUs exist is the service's.
func Validate(st Stocktake) error {
	fe := apperr.FieldErrors{}
	switch st.Scope {
	case ScopeFull:
		if len(st.Categories) > 0 || len(st.SKUs) > 0 {
			fe.Add("scope", "a full stocktake counts the whole department or store: leave categories and skus out")
		}
	case ScopeCycle:
		if st.DepartmentCode == "" {
			fe.Add("department_code", "is required for a cycle count")
		}
		if (len(st.Categories) == 0) == (len(st.SKUs) == 0) {
			fe.Add("scope", "a cycle count names either categories or skus")
		}
	default:
		fe.Add("scope", "must be one of: full, cycle")
	}
	if len(st.Zones) == 0 {
		fe.Add("zones", "must name at least one zone")
	}
	for i, z := range st.Zones {
		if n := utf8.RuneCountInString(z); n == 0 || n > MaxZoneLen {
			fe.Add(fmt.Sprintf("zones[%d]", i), fmt.Sprintf("must be 1-%d characters", MaxZoneLen))
		} else if slices.Index(st.Zones, z) != i {
			fe.Add(fmt.Sprintf("zones[%d]", i), "appears twice")
		}
	}
	if st.TolerancePct < 0 || st.TolerancePct > maxTolerancePct {
		fe.Add("tolerance_pct", "must be from 0 to 1000")
	}
	fixed.StocktakesTolerancePct.FieldMoney(fe, "tolerance_pct", st.TolerancePct)
	if st.ToleranceValue < 0 {
		fe.Add("tolerance_value", "must be at least 0")
	}
	fixed.StocktakesToleranceValue.FieldMoney(fe, "tolerance_value", st.ToleranceValue)
	if utf8.RuneCountInString(st.Note) > 500 {
		fe.Add("note", "must be at most 500 characters")
	}
	return fe.Err()
}

// Tolerance is when a line's variance asks for a recount.
type Tolerance struct {
	Pct   fixed.Money // percent of the book quantity, 2 decimals
	Value fixed.Money // yuan at cost
}

// Line is one product's position in a stocktake, as variance shows it.
type Line struct {
	ProductID      int64
	SKU            string
	Name           string
	Location       string
	DepartmentCode string
	UnitCost       fixed.Money
	Perishable     bool
	ShelfLifeDays  int
	Book           fixed.Qty
	Counted        fixed.Qty
	HasCount       bool // counted in a sheet, recounted or confirmed zero
	ZeroConfirmed  bool
	Recounted      bool
	RecountAsked   bool
	Variance       fixed.Qty
	VarianceValue  fixed.Money
	OverTolerance  bool
	NeedsRecount   bool
}

// Evaluate fills the variance and the flags of a line from its book and counts: variance is
// counted − book, valued at cost; a line is over tolerance when its quantity differs from
// the book by more than Pct percent or its value by more than Value; it needs a recount when
// it is over tolerance (or a recount was asked for) and no recount came in yet.
func Evaluate(l Line, t Tolerance) Line {
	if !l.HasCount {
		return l
	}
	l.Variance = l.Counted - l.Book
	var valued bool
	l.VarianceValue, valued = l.UnitCost.MulQty(l.Variance)
	// A variance too large to value at all is certainly over tolerance.
	l.OverTolerance = !valued || overTolerance(l.Variance, l.Book, l.VarianceValue, t)
	l.NeedsRecount = (l.OverTolerance || l.RecountAsked) && !l.Recounted
	return l
}

func overTolerance(v, book fixed.Qty, value fixed.Money, t Tolerance) bool {
	if v == 0 {
		return false
	}
	if absMoney(value) > t.Value {
		return true
	}
	// |v| / |book| > pct / 100, where pct carries 2 decimals: |v| × 10000 > pct × |book|.
	return greater(absU(int64(v)), 10000, absU(int64(t.Pct)), absU(int64(book)))
}

// greater reports a×b > c×d without overflow.
func greater(a, b, c, d uint64) bool {
	h1, l1 := bits.Mul64(a, b)
	h2, l2 := bits.Mul64(c, d)
	return h1 > h2 || (h1 == h2 && l1 > l2)
}

func absU(v int64) uint64 {
	if v < 0 {
		return uint64(-v)
	}
	return uint64(v)
}

func absMoney(m fixed.Money) fixed.Money {
	if m < 0 {
		return -m
	}
	return m
}

// Totals are a stocktake's book value, the sum of absolute variance values and accuracy.
type Totals struct {
	BookValue        fixed.Money
	VarianceAbsValue fixed.Money
	Accuracy         Ratio
}

// Summarise computes accuracy = 1 − Σ|variance value| ÷ Σ book value (negative book
// quantities count as zero value), clamped to [0, 1]. With no book value it is 1 when
// nothing differs and 0 otherwise.
func Summarise(lines []Line) Totals {
	var t Totals
	for _, l := range lines {
		if l.Book > 0 {
			v, _ := l.UnitCost.MulQty(l.Book)
			t.BookValue += v
		}
		t.VarianceAbsValue += absMoney(l.VarianceValue)
	}
	t.Accuracy = accuracy(t.VarianceAbsValue, t.BookValue)
	return t
}

func accuracy(abs, book fixed.Money) Ratio {
	if book <= 0 {
		if abs == 0 {
			return RatioOne
		}
		return 0
	}
	if abs >= book {
		return 0
	}
	// round(abs × 10000 / book), half up.
	hi, lo := bits.Mul64(uint64(abs), uint64(RatioOne))
	q, r := bits.Div64(hi, lo, uint64(book))
	if r*2 >= uint64(book) {
		q++
	}
	return RatioOne - Ratio(q)
}
