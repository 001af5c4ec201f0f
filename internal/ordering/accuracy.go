package ordering

import (
	"context"
	"maps"
	"math"
	"slices"
	"strconv"

	"github.com/storeops/storeops/internal/feeds"
	"github.com/storeops/storeops/internal/platform/authz"
	"github.com/storeops/storeops/internal/platform/civil"
	"github.com/storeops/storeops/internal/platform/fixed"
)

// MaxAccuracyWeeks is the longest look back of the accuracy report.
const MaxAccuracyWeeks = 26

// AccuracyRow is forecast against actual sales for a department (and a week).
type AccuracyRow struct {
	WeekStart      *civil.Date `json:"week_start,omitempty"`
	DepartmentCode string      `json:"department_code"`
	Forecast       fixed.Qty   `json:"forecast"`
	Actual         fixed.Qty   `json:"actual"`
	// WAPE is Σ|forecast − actual| ÷ Σ actual over the lines, in percent; Bias is
	// Σ(forecast − actual) ÷ Σ actual (positive: the forecast ran high). Nil without sales.
	WAPE  *string `json:"wape"`
	Bias  *string `json:"bias"`
	Lines int     `json:"lines"`

	absErr int64
}

// AccuracyReport is the forecast accuracy of a store's plans whose cover has ended.
type AccuracyReport struct {
	Weeks       int           `json:"weeks"`
	From        civil.Date    `json:"from"`
	To          civil.Date    `json:"to"`
	Departments []AccuracyRow `json:"departments"`
	ByWeek      []AccuracyRow `json:"by_week"`
}

// Accuracy compares what every line of the store's plans forecast for its cover days (from
// the delivery to the next one) with what the product then sold, for plans delivered in the
// last `weeks` weeks whose cover has ended, per department and per week (Monday start).
func (s *Service) Accuracy(ctx context.Context, p *authz.Principal, storeID int64, weeks int, dept string) (AccuracyReport, error) {
	if err := p.RequireStore(storeID); err != nil {
		return AccuracyReport{}, err
	}
	loc, err := s.Stores.StoreLocation(ctx, storeID)
	if err != nil {
		return AccuracyReport{}, err
	}
	today := civil.Today(s.now(), loc)
	from := today.AddDays(-7 * weeks)
	q := s.db.WithContext(ctx).Table("order_plan_lines AS l").
		Select("l.product_id, p.department_code, p.delivery_date, p.next_delivery_date, l.forecast_qty").
		Joins("JOIN order_plans p ON p.id = l.plan_id").
		Where("p.store_id = ? AND p.status IN ? AND p.delivery_date >= ? AND p.next_delivery_date <= ?",
			storeID, []string{StatusSubmitted, StatusApproved, StatusReceived}, from, today)
	if dept != "" {
		q = q.Where("p.department_code = ?", dept)
	}
	if p.Role == authz.RoleSupervisor {
		q = q.Where("p.department_code IN ?", append([]string{""}, p.DepartmentCodes...))
	}
	var lines []struct {
		ProductID        int64
		DepartmentCode   string
		DeliveryDate     civil.Date
		NextDeliveryDate civil.Date
		ForecastQty      fixed.Qty
	}
	if err := q.Scan(&lines).Error; err != nil {
		return AccuracyReport{}, err
	}
	// What each product sold each day of the window, read once from the sales feed.
	var ids []int64
	for _, l := range lines {
		ids = append(ids, l.ProductID)
	}
	ids = slices.Compact(slices.Sorted(slices.Values(ids)))
	sold := map[int64]map[civil.Date]fixed.Qty{}
	err = s.Sales.EachProductDay(ctx, storeID, ids, from, today.AddDays(-1), func(d feeds.ProductDay) error {
		if sold[d.ProductID] == nil {
			sold[d.ProductID] = map[civil.Date]fixed.Qty{}
		}
		sold[d.ProductID][d.Date] = d.Qty
		return nil
	})
	if err != nil {
		return AccuracyReport{}, err
	}
	byDept, byWeek := map[string]*AccuracyRow{}, map[string]*AccuracyRow{}
	for _, l := range lines {
		var a fixed.Qty
		for d := l.DeliveryDate; d < l.NextDeliveryDate; d++ {
			a += sold[l.ProductID][d]
		}
		week := l.DeliveryDate.AddDays(-((int(l.DeliveryDate.Weekday()) + 6) % 7))
		add(byDept, l.DepartmentCode, nil, l.ForecastQty, a)
		add(byWeek, week.String()+l.DepartmentCode, &week, l.ForecastQty, a)
		byWeek[week.String()+l.DepartmentCode].DepartmentCode = l.DepartmentCode
	}
	out := AccuracyReport{Weeks: weeks, From: from, To: today.AddDays(-1), Departments: []AccuracyRow{}, ByWeek: []AccuracyRow{}}
	for _, k := range slices.Sorted(maps.Keys(byDept)) {
		out.Departments = append(out.Departments, finish(*byDept[k]))
	}
	for _, k := range slices.Sorted(maps.Keys(byWeek)) {
		out.ByWeek = append(out.ByWeek, finish(*byWeek[k]))
	}
	slices.SortStableFunc(out.ByWeek, func(a, b AccuracyRow) int { return int(*a.WeekStart - *b.WeekStart) })
	return out, nil
}

func add(m map[string]*AccuracyRow, key string, week *civil.Date, f, a fixed.Qty) {
	r := m[key]
	if r == nil {
		r = &AccuracyRow{DepartmentCode: key, WeekStart: week}
		m[key] = r
	}
	r.Forecast += f
	r.Actual += a
	r.absErr += int64(absQty(f - a))
	r.Lines++
}

func finish(r AccuracyRow) AccuracyRow {
	if r.Actual > 0 {
		w := pct(float64(r.absErr) / float64(r.Actual))
		b := pct(float64(r.Forecast-r.Actual) / float64(r.Actual))
		r.WAPE, r.Bias = &w, &b
	}
	return r
}

func pct(x float64) string { return strconv.FormatFloat(math.Round(x*1000)/10, 'f', 1, 64) }
