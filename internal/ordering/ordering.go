// Package ordering keeps order plans (订货计划): per store, department and delivery date, a
// line per orderable product with a suggested quantity from the forecast engine and every
// term behind it, edited by the supervisor, submitted, approved or rejected by the store
// manager and received into stock as the quality gate (验收).
//
// The forecast's state per store and product is kept in forecast_states by a daily job
// (refitted every few weeks, moved on with each day's sales in between), so creating a plan
// reads one small row per product and the days since, never a year of sales lines.
package ordering

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/storeops/storeops/internal/platform/apperr"
	"github.com/storeops/storeops/internal/platform/civil"
	"github.com/storeops/storeops/internal/platform/fixed"
)

// Statuses: draft → submitted → approved → received; reject sends submitted back to draft.
const (
	StatusDraft     = "draft"
	StatusSubmitted = "submitted"
	StatusApproved  = "approved"
	StatusReceived  = "received"
)

// Statuses lists every status in workflow order.
var Statuses = []string{StatusDraft, StatusSubmitted, StatusApproved, StatusReceived}

// Exception flags of a line.
const (
	FlagStockoutRisk  = "stockout_risk"  // stock and order do not cover the forecast to the next delivery
	FlagOverstockRisk = "overstock_risk" // more than sells before expiry, or far more than the cover needs
	FlagBigChange     = "big_change"     // more than 50 % away from last week's order for the same weekday
	FlagNoSales       = "no_recent_sales"
)

// Flags lists every flag.
var Flags = []string{FlagStockoutRisk, FlagOverstockRisk, FlagBigChange, FlagNoSales}

// Limits and defaults.
const (
	// MaxDeviation is how far ordered_qty may move from the suggestion without a reason.
	MaxDeviationPct = 30
	// OverReceiptFactor: receiving more than this times the ordered quantity needs
	// confirm_over_receipt.
	OverReceiptFactor = 3
	// MaxLeadDays is how far ahead a plan may deliver.
	MaxLeadDays = 60
	// NoSalesDays is the quiet spell that flags a line.
	NoSalesDays = 14
	// DefaultServiceLevel is the per-department default (95 %).
	DefaultServiceLevel = 0.95
	// ReducedServiceLevel replaces it for products with repeated expired write-offs.
	ReducedServiceLevel = 0.80
	// ExpiredWriteOffsToReduce is how many expired write-offs in 4 weeks lower the level.
	ExpiredWriteOffsToReduce = 2
	maxReasonLen             = 200
)

// Plan is one order plan.
type Plan struct {
	ID               int64
	StoreID          int64
	DepartmentCode   string
	BusinessDate     civil.Date // the store's day when the plan was made
	DeliveryDate     civil.Date
	NextDeliveryDate civil.Date
	Status           string
	RejectReason     string
	ServiceLevel     float64
	LineCount        int
	OrderedLines     int // lines with ordered_qty above 0
	OrderValue       fixed.Money
	ExceptionCount   int
	DeliveryTemp     *fixed.Money // °C with one decimal, stored with two
	ReceiveNote      string
	CreatedBy        *int64
	SubmittedAt      *time.Time
	SubmittedBy      *int64
	ApprovedAt       *time.Time
	ApprovedBy       *int64
	ReceivedAt       *time.Time
	ReceivedBy       *int64
	Version          int
	CreatedAt        time.Time
	UpdatedAt        time.Time
}

// Line is one product of a plan.
type Line struct {
	PlanID          int64
	ProductID       int64
	SKU             string
	Name            string
	Unit            string
	SupplierID      *int64
	SupplierCode    string
	SupplierName    string
	CasePack        fixed.Qty
	MinOrderQty     fixed.Qty
	UnitCost        fixed.Money
	ForecastQty     fixed.Qty // forecast over the cover days
	SuggestedQty    fixed.Qty
	OrderedQty      fixed.Qty
	DeviationReason string
	Flags           []string
	Explanation     Explanation
	LastWeekQty     *fixed.Qty
	DaysSinceSale   int // -1: no sale known
	ReceivedQty     *fixed.Qty
	RefusedQty      fixed.Qty
	RefuseReason    string
	LotExpiry       *civil.Date
	Photos          []string
	Version         int
	UpdatedAt       time.Time
}

// FlagsOf computes a line's exception flags from its terms and its ordered quantity.
func FlagsOf(l Line) []string {
	ex := l.Explanation
	var out []string
	have := ex.OnHand + ex.OnOrder + l.OrderedQty
	if have < ex.UntilDelivery+ex.Forecast {
		out = append(out, FlagStockoutRisk)
	}
	pack := max(l.CasePack, fixed.QtyOf(1))
	if l.OrderedQty > 0 && ((ex.ShelfLifeCap != nil && l.OrderedQty > *ex.ShelfLifeCap) ||
		have > 2*(ex.UntilDelivery+ex.Forecast+ex.SafetyStock)+pack) {
		out = append(out, FlagOverstockRisk)
	}
	if l.LastWeekQty != nil {
		lw := *l.LastWeekQty
		if d := absQty(l.OrderedQty - lw); d > max(lw/2, pack-1) && d > 0 {
			out = append(out, FlagBigChange)
		}
	}
	if l.DaysSinceSale < 0 || l.DaysSinceSale >= NoSalesDays {
		out = append(out, FlagNoSales)
	}
	return out
}

// NeedsReason reports whether ordered deviates from suggested by more than MaxDeviationPct:
// |ordered − suggested| > 30 % of the suggestion (any order against a suggestion of 0).
func NeedsReason(suggested, ordered fixed.Qty) bool {
	d := absQty(ordered - suggested)
	return d*100 > suggested*MaxDeviationPct
}

// CheckEdit refuses an edit of a line: a negative or out-of-range quantity, one that is not
// a whole number of case packs, or a big deviation without a reason.
func CheckEdit(l Line, ordered fixed.Qty, reason string) error {
	fe := apperr.FieldErrors{}
	switch {
	case ordered < 0:
		fe.Add("ordered_qty", "must be 0 or more")
	case !fixed.OrderPlanLinesOrderedQty.FieldQty(fe, "ordered_qty", ordered):
	case l.CasePack > 0 && ordered%l.CasePack != 0:
		fe.Add("ordered_qty", fmt.Sprintf("must be a whole number of case packs of %s", l.CasePack))
	case ordered > 0 && ordered < l.MinOrderQty:
		fe.Add("ordered_qty", fmt.Sprintf("is below the supplier's minimum of %s (order 0 or at least that)", l.MinOrderQty))
	}
	reason = strings.TrimSpace(reason)
	if len([]rune(reason)) > maxReasonLen {
		fe.Add("deviation_reason", fmt.Sprintf("must be at most %d characters", maxReasonLen))
	}
	if err := fe.Err(); err != nil {
		return err
	}
	if NeedsReason(l.SuggestedQty, ordered) && reason == "" {
		return apperr.New(apperr.ErrRule, "deviation_reason_required", fmt.Sprintf(
			"SKU %s: %s is more than %d%% away from the suggested %s: give a deviation_reason",
			l.SKU, ordered, MaxDeviationPct, l.SuggestedQty))
	}
	return nil
}

// NextDelivery answers the first delivery day after d on the department's delivery weekdays
// (a set of time.Weekday digits, "0123456" for daily), at most a week on.
func NextDelivery(d civil.Date, weekdays string) civil.Date {
	for i := 1; i <= 7; i++ {
		n := d.AddDays(i)
		if deliversOn(weekdays, n) {
			return n
		}
	}
	return d.AddDays(1)
}

// ValidWeekdays checks a delivery-weekday set: digits 0 (Sunday) to 6, each once, at least one.
func ValidWeekdays(s string) bool {
	if s == "" || len(s) > 7 {
		return false
	}
	seen := []rune{}
	for _, r := range s {
		if r < '0' || r > '6' || slices.Contains(seen, r) {
			return false
		}
		seen = append(seen, r)
	}
	return true
}

func absQty(q fixed.Qty) fixed.Qty {
	if q < 0 {
		return -q
	}
	return q
}
