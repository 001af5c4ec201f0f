package kpi

import (
	"context"

	"github.com/storeops/storeops/internal/platform/civil"
	"github.com/storeops/storeops/internal/stocktake"
)

// StocktakeShrink feeds the negative variances of approved stocktakes into shrink. Write-offs
// and markdown losses join here when those modules land.
type StocktakeShrink struct {
	Stocktakes *stocktake.Service
}

// DailyShrink sums stocktake losses per store, day and department.
func (s StocktakeShrink) DailyShrink(ctx context.Context, storeIDs []int64, from, to civil.Date) ([]DailyShrink, error) {
	lines, err := s.Stocktakes.ShrinkByDay(ctx, storeIDs, from, to)
	if err != nil {
		return nil, err
	}
	type key struct {
		store int64
		date  civil.Date
		dept  string
	}
	index := map[key]int{}
	var out []DailyShrink
	for _, l := range lines {
		k := key{l.StoreID, l.Date, l.DepartmentCode}
		i, ok := index[k]
		if !ok {
			i = len(out)
			index[k] = i
			out = append(out, DailyShrink{StoreID: l.StoreID, Date: l.Date, DepartmentCode: l.DepartmentCode})
		}
		out[i].Amount += l.Value
	}
	return out, nil
}
