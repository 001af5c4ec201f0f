package stocktake

import (
	"context"

	"github.com/storeops/storeops/internal/platform/civil"
	"github.com/storeops/storeops/internal/shrinkfeed"
)

// The stocktake module is a shrink source: its losses reach the KPI cockpit through
// shrinkfeed, wired in app.go.
var _ shrinkfeed.Source = (*Service)(nil)

// DailyShrink sums the stocktake losses of ShrinkByDay per store, day and department, as
// shrink of reason "stocktake".
func (s *Service) DailyShrink(ctx context.Context, storeIDs []int64, from, to civil.Date) ([]shrinkfeed.Daily, error) {
	lines, err := s.ShrinkByDay(ctx, storeIDs, from, to)
	if err != nil {
		return nil, err
	}
	type key struct {
		store int64
		date  civil.Date
		dept  string
	}
	index := map[key]int{}
	var out []shrinkfeed.Daily
	for _, l := range lines {
		k := key{l.StoreID, l.Date, l.DepartmentCode}
		i, ok := index[k]
		if !ok {
			i = len(out)
			index[k] = i
			out = append(out, shrinkfeed.Daily{StoreID: l.StoreID, Date: l.Date, DepartmentCode: l.DepartmentCode,
				Reason: shrinkfeed.ReasonStocktake})
		}
		out[i].Amount += l.Value
	}
	return out, nil
}
