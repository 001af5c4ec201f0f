// Package shrink is where stock is lost on purpose and on record (损耗): write-offs (报损) take
// goods out of stock at cost, with the store manager's approval above the store's threshold;
// markdowns (降价) re-price units near their end on the department's ladder, their loss
// counting as shrink; suggestions name the lots to mark down now; the report sums every kind
// of shrink against sales and the budget. Stock leaves through the inventory module's Move;
// the KPI cockpit reads write-offs and markdown loss through shrinkfeed.Source.
//
// This file holds the types and the rules as plain functions: no SQL, no HTTP.
package shrink

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/storeops/storeops/internal/platform/apperr"
	"github.com/storeops/storeops/internal/platform/civil"
	"github.com/storeops/storeops/internal/platform/fixed"
)

// Statuses of a write-off.
const (
	WriteOffPending  = "pending"  // waits for approval; no stock has moved
	WriteOffPosted   = "posted"   // the stock left
	WriteOffRejected = "rejected" // refused; no stock moves
)

// WriteOffStatuses lists them.
var WriteOffStatuses = []string{WriteOffPending, WriteOffPosted, WriteOffRejected}

// Statuses of a markdown.
const (
	MarkdownPending  = "pending"
	MarkdownApplied  = "applied"
	MarkdownRejected = "rejected"
)

// MarkdownStatuses lists them.
var MarkdownStatuses = []string{MarkdownPending, MarkdownApplied, MarkdownRejected}

// WriteOffReasons are why goods were written off (DESIGN.md §5.5).
var WriteOffReasons = []string{"spoiled", "damaged", "expired", "theft", "recall", "quality"}

// MarkdownReasons are why units were marked down.
var MarkdownReasons = []string{"near_expiry", "damaged_packaging", "quality", "overstock", "price_match", "other"}

// Actions a caller may take, as allowed_actions names them.
const (
	ActionApprove    = "approve"
	ActionReject     = "reject"
	ActionPrintLabel = "print_label"
)

// DefaultThreshold is the write-off value above which a supervisor's write-off waits for
// approval, where the store set none.
var DefaultThreshold = fixed.MoneyOf(500)

// Pct is a percentage with two decimals (30 % is Pct(3000)), stored as DECIMAL(5,2).
type Pct = fixed.Money

// PctOf is n percent.
func PctOf(n int64) Pct { return fixed.MoneyOf(n) }

// Step is one entry of a department's markdown schedule: at HoursLeft hours or fewer before a
// lot's end, mark it down by Discount.
type Step struct {
	HoursLeft int
	Discount  Pct
}

// Rules are a department's markdown rules in a store.
type Rules struct {
	DepartmentCode string
	Ladder         []Pct // ascending
	MaxDiscount    Pct
	WindowDays     int
	Schedule       []Step // descending by HoursLeft
	Version        int    // 0: the defaults
}

// DefaultRules are a department's rules where the store set none: 20/30/50 %, at most 50 %,
// lots expiring within 2 days, 30 % on the last day and 50 % in its last 4 hours.
func DefaultRules(dept string) Rules {
	return Rules{DepartmentCode: dept, Ladder: []Pct{PctOf(20), PctOf(30), PctOf(50)}, MaxDiscount: PctOf(50),
		WindowDays: 2, Schedule: []Step{{HoursLeft: 24, Discount: PctOf(30)}, {HoursLeft: 4, Discount: PctOf(50)}}}
}

// MaxAllowedDiscount is the deepest maximum a department may set.
var MaxAllowedDiscount = PctOf(90)

// Validate checks rules a store manager sends, naming the fields; it sorts the ladder and the
// schedule.
func (r *Rules) Validate() error {
	fe := apperr.FieldErrors{}
	switch {
	case r.MaxDiscount <= 0 || r.MaxDiscount > MaxAllowedDiscount:
		fe.Add("max_discount_pct", "must be above 0 and at most 90")
	}
	if len(r.Ladder) == 0 || len(r.Ladder) > 8 {
		fe.Add("ladder", "must have 1 to 8 steps")
	}
	slices.Sort(r.Ladder)
	for i, p := range r.Ladder {
		field := fmt.Sprintf("ladder[%d]", i)
		switch {
		case p <= 0:
			fe.Add(field, "must be above 0")
		case p > r.MaxDiscount && r.MaxDiscount > 0:
			fe.Add(field, "must not be above the maximum discount")
		case i > 0 && r.Ladder[i-1] == p:
			fe.Add(field, "steps must be distinct")
		}
	}
	if r.WindowDays < 1 || r.WindowDays > 14 {
		fe.Add("window_days", "must be from 1 to 14")
	}
	if len(r.Schedule) > 8 {
		fe.Add("schedule", "must have at most 8 steps")
	}
	slices.SortFunc(r.Schedule, func(a, b Step) int { return b.HoursLeft - a.HoursLeft })
	for i, s := range r.Schedule {
		field := fmt.Sprintf("schedule[%d]", i)
		switch {
		case s.HoursLeft < 1 || s.HoursLeft > 168:
			fe.Add(field+".hours_left", "must be from 1 to 168")
		case i > 0 && r.Schedule[i-1].HoursLeft == s.HoursLeft:
			fe.Add(field+".hours_left", "must be distinct")
		case !slices.Contains(r.Ladder, s.Discount):
			fe.Add(field+".discount_pct", "must be a step of the ladder")
		case i > 0 && r.Schedule[i-1].Discount >= s.Discount:
			fe.Add(field+".discount_pct", "must be deeper than the step before it (fewer hours left, deeper discount)")
		}
	}
	return fe.Err()
}

// OnLadder reports whether discount is one of the ladder's steps.
func (r Rules) OnLadder(discount Pct) bool { return slices.Contains(r.Ladder, discount) }

// Price is regular less discount percent, rounded to the fen (half away from zero).
func Price(regular fixed.Money, discount Pct) fixed.Money {
	num := int64(regular) * (10000 - int64(discount))
	return fixed.Money((num + 5000) / 10000)
}

// DiscountOf is how far below regular price is, in percent with two decimals, rounded.
func DiscountOf(regular, price fixed.Money) Pct {
	if regular <= 0 {
		return 0
	}
	num := (int64(regular) - int64(price)) * 10000
	return Pct((num + int64(regular)/2) / int64(regular))
}

// LadderStep answers the ladder step whose rounded price is price, if any: a markdown priced
// from a step (by the browser or a scale) is on the ladder even when the percentage of the
// rounded price is not exactly the step.
func (r Rules) LadderStep(regular, price fixed.Money) (Pct, bool) {
	for _, p := range r.Ladder {
		if Price(regular, p) == price {
			return p, true
		}
	}
	return 0, false
}

// Decision is what a markdown's discount means under the department's rules.
type Decision int

// Decisions.
const (
	ApplyNow      Decision = iota // on the ladder: applies at once
	NeedsApproval                 // off the ladder, within the maximum
	Refused                       // beyond the maximum
)

// Classify decides a markdown of regular → price.
func (r Rules) Classify(regular, price fixed.Money) (Decision, Pct, bool) {
	if step, ok := r.LadderStep(regular, price); ok {
		return ApplyNow, step, true
	}
	d := DiscountOf(regular, price)
	if d > r.MaxDiscount {
		return Refused, d, false
	}
	return NeedsApproval, d, false
}

// HoursLeft is the whole hours from now to the end of the expiry date in loc (its next
// midnight); 0 or below once the date has ended.
func HoursLeft(expiry civil.Date, now time.Time, loc *time.Location) int {
	t := expiry.AddDays(1).Time()
	d := time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, loc).Sub(now)
	if d <= 0 {
		return int(d / time.Hour)
	}
	return int((d + time.Hour - 1) / time.Hour) // a lot with 3 h 10 min left is "4 hours left"
}

// StepFor is the discount the rules suggest for a lot with hoursLeft hours left: the schedule
// entry with the fewest hours at or above hoursLeft, else the ladder's first step.
func (r Rules) StepFor(hoursLeft int) Pct {
	best := Pct(0)
	bestHours := -1
	for _, s := range r.Schedule {
		if hoursLeft <= s.HoursLeft && (bestHours < 0 || s.HoursLeft < bestHours) {
			best, bestHours = s.Discount, s.HoursLeft
		}
	}
	if bestHours >= 0 {
		return best
	}
	if len(r.Ladder) > 0 {
		return r.Ladder[0]
	}
	return 0
}

// InWindow reports whether a lot expiring on expiry is suggested on today.
func (r Rules) InWindow(expiry, today civil.Date) bool {
	return expiry < today.AddDays(r.WindowDays)
}

// FormatLadder and FormatSchedule are the stored forms ('20.00,30.00', '24:30.00,4:50.00').
func FormatLadder(l []Pct) string {
	parts := make([]string, len(l))
	for i, p := range l {
		parts[i] = p.String()
	}
	return strings.Join(parts, ",")
}

// FormatSchedule stores a schedule.
func FormatSchedule(s []Step) string {
	parts := make([]string, len(s))
	for i, st := range s {
		parts[i] = strconv.Itoa(st.HoursLeft) + ":" + st.Discount.String()
	}
	return strings.Join(parts, ",")
}

// ParseLadder reads a stored ladder.
func ParseLadder(s string) ([]Pct, error) {
	var out []Pct
	for part := range strings.SplitSeq(s, ",") {
		if part == "" {
			continue
		}
		p, err := fixed.ParseMoney(part)
		if err != nil {
			return nil, fmt.Errorf("shrink: ladder %q: %w", s, err)
		}
		out = append(out, p)
	}
	return out, nil
}

// ParseSchedule reads a stored schedule.
func ParseSchedule(s string) ([]Step, error) {
	var out []Step
	for part := range strings.SplitSeq(s, ",") {
		if part == "" {
			continue
		}
		h, p, ok := strings.Cut(part, ":")
		hours, err := strconv.Atoi(h)
		if !ok || err != nil {
			return nil, fmt.Errorf("shrink: schedule %q", s)
		}
		pct, err := fixed.ParseMoney(p)
		if err != nil {
			return nil, fmt.Errorf("shrink: schedule %q: %w", s, err)
		}
		out = append(out, Step{HoursLeft: hours, Discount: pct})
	}
	return out, nil
}

// NeedsWriteOffApproval: a write-off above the threshold waits for an approver unless its maker
// is one.
func NeedsWriteOffApproval(value, threshold fixed.Money, makerApproves bool) bool {
	return value > threshold && !makerApproves
}

// Loss of a markdown: (regular − price) × qty, rounded to the fen.
func Loss(regular, price fixed.Money, qty fixed.Qty) (fixed.Money, bool) {
	return (regular - price).MulQty(qty)
}
