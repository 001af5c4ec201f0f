package pricesurvey

import (
	"cmp"
	"slices"

	"github.com/storeops/storeops/internal/platform/civil"
	"github.com/storeops/storeops/internal/platform/fixed"
)

// Surveyed is one surveyed line with its survey's store, competitor and day.
type Surveyed struct {
	StoreID    int64
	Competitor string
	SurveyDate civil.Date
	SurveyID   int64
	Line
}

// Gap is the latest price of one competitor for one SKU in one store, against ours.
type Gap struct {
	Surveyed
	Gap    fixed.Money
	GapPct fixed.Money
}

// Gaps keeps, per store, SKU and competitor, the latest surveyed line (by survey day, then
// the later survey), and sorts them by the largest gap first (then SKU, store, competitor).
func Gaps(lines []Surveyed) []Gap {
	type key struct {
		store     int64
		sku, comp string
	}
	latest := map[key]Surveyed{}
	for _, l := range lines {
		k := key{l.StoreID, l.SKU, l.Competitor}
		if have, ok := latest[k]; !ok || l.SurveyDate > have.SurveyDate ||
			(l.SurveyDate == have.SurveyDate && l.SurveyID > have.SurveyID) {
			latest[k] = l
		}
	}
	out := make([]Gap, 0, len(latest))
	for _, l := range latest {
		out = append(out, Gap{Surveyed: l, Gap: l.Gap(), GapPct: GapPct(l.OurPrice, l.TheirPrice)})
	}
	slices.SortFunc(out, func(a, b Gap) int {
		return cmp.Or(cmp.Compare(b.Gap, a.Gap), cmp.Compare(a.SKU, b.SKU), cmp.Compare(a.StoreID, b.StoreID),
			cmp.Compare(a.Competitor, b.Competitor))
	})
	return out
}
