package seed

import (
	"context"
	"slices"
	"strings"
	"time"

	"github.com/storeops/storeops/internal/catalog"
	"github.com/storeops/storeops/internal/org"
	"github.com/storeops/storeops/internal/platform/authz"
	"github.com/storeops/storeops/internal/platform/civil"
	"github.com/storeops/storeops/internal/platform/fixed"
	"github.com/storeops/storeops/internal/platform/paging"
	"github.com/storeops/storeops/internal/pricesurvey"
)

// demoSurvey is a visit to a competitor, days before today; factor[i] is their price of the
// i-th surveyed product in percent of our retail price.
type demoSurvey struct {
	competitor string
	daysAgo    int
	note       string
	factor     []int64
}

// demoSurveyVisits are the surveys of each store that has some: sh-pudong's, whose latest
// becomes a promotion and a price-change request, and gz-tianhe's, so that HQ's chain-wide
// gap report compares two stores.
var demoSurveyVisits = map[string][]demoSurvey{
	"sh-pudong": {
		{"永辉超市（张江店）", 14, "周末堆头促销较多", []int64{92, 105, 88, 100, 95, 110}},
		{"盒马鲜生（金桥店）", 7, "会员价为主，线上同价", []int64{97, 90, 99, 85, 102, 93}},
		{"永辉超市（张江店）", 2, "叶菜普遍比我们便宜", []int64{86, 104, 90, 98, 94, 108}},
	},
	"gz-tianhe": {
		{"沃尔玛（天河北店）", 9, "肉类会员日折扣", []int64{101, 89, 96, 107, 91, 99}},
		{"钱大妈（体育西店）", 3, "晚间打折清货", []int64{94, 98, 84, 103, 97, 90}},
	},
}

// demoSurveys records a store's surveys (demoSurveyVisits) as its supervisor; in sh-pudong it
// also turns the largest gap of the latest one into a draft in-store promotion as the manager,
// and asks for a price change on the next one.
func demoSurveys(ctx context.Context, s DailyServices, manager, super *authz.Principal, st org.Store, now time.Time) (int, int, error) {
	visits := demoSurveyVisits[st.Code]
	if len(visits) == 0 {
		return 0, 0, nil
	}
	_, total, err := s.PriceSurveys.List(ctx, super, st.ID, paging.Page{Page: 1, PageSize: 1})
	if err != nil || total > 0 {
		return 0, 0, err
	}
	products, err := surveyedProducts(ctx, s.Catalog)
	if err != nil {
		return 0, 0, err
	}
	today := civil.Today(now, st.Location())
	var last pricesurvey.Survey
	for _, d := range visits {
		n := pricesurvey.NewSurvey{Competitor: d.competitor, SurveyDate: today.AddDays(-d.daysAgo), Note: d.note}
		for i, ref := range products {
			their := ref.RetailPrice * fixed.Money(d.factor[i%len(d.factor)]) / 100
			their = max(their/10*10, ref.CostPrice+10) // to the 角, never under cost
			n.Lines = append(n.Lines, pricesurvey.NewLine{SKU: ref.SKU, TheirPrice: their})
		}
		if last, err = s.PriceSurveys.Create(ctx, super, st.ID, n); err != nil {
			return 0, 0, err
		}
	}
	if st.Code != "sh-pudong" {
		return len(visits), 0, nil
	}
	lines := slices.Clone(last.Lines)
	slices.SortFunc(lines, func(a, b pricesurvey.Line) int { return int(b.Gap() - a.Gap()) })
	if len(lines) < 2 || lines[1].Gap() <= 0 {
		return len(visits), 0, nil
	}
	if _, err := s.PriceSurveys.Promote(ctx, manager, st.ID, last.ID, lines[0].LineNo, false); err != nil {
		return len(visits), 0, err
	}
	if _, err := s.PriceSurveys.RequestPriceChange(ctx, super, st.ID, last.ID, lines[1].LineNo, nil,
		"对面长期比我们便宜，建议调价"); err != nil {
		return len(visits), 1, err
	}
	return len(visits), 1, nil
}

// surveyedProducts are six fresh products a supervisor checks at competitors: the first
// active produce, meat and seafood SKUs whose retail price is well above cost.
func surveyedProducts(ctx context.Context, cat *catalog.Service) ([]catalog.Ref, error) {
	refs, err := cat.AllRefs(ctx)
	if err != nil {
		return nil, err
	}
	var out []catalog.Ref
	for _, r := range refs {
		if r.Active && slices.Contains([]string{"produce", "meat", "seafood"}, r.DepartmentCode) &&
			r.RetailPrice > r.CostPrice*5/4 {
			out = append(out, r)
		}
	}
	slices.SortFunc(out, func(a, b catalog.Ref) int { return strings.Compare(a.SKU, b.SKU) })
	return out[:min(len(out), 6)], nil
}
