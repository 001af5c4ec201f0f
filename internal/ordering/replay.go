package ordering

import (
	"context"
	"time"

	"github.com/storeops/storeops/internal/platform/authz"
	"github.com/storeops/storeops/internal/platform/civil"
)

// Replay makes the plans a store would have made over its last `days` days, for the
// departments named, as the product makes them: the forecasts fitted once on the sales up to
// the first day and moved on day by day, each plan made the day before its delivery from the
// sales known then (the daily job run for each day), and books them received. It is the demo's history of plans, whose
// deliveries the receipts feed already carries, so it moves no stock, and the stock it
// suggests against is today's (the ledger keeps no past balances). The accuracy report reads
// only their forecasts. Days that already have a plan are left alone; at the end the store's
// forecasts are fitted afresh up to yesterday. It answers how many plans it made.
func (s *Service) Replay(ctx context.Context, p *authz.Principal, storeID int64, depts []string, today civil.Date, days int) (int, error) {
	first := today.AddDays(-days)
	if _, err := s.refit(ctx, storeID, nil, first.AddDays(-1)); err != nil {
		return 0, err
	}
	loc, err := s.Stores.StoreLocation(ctx, storeID)
	if err != nil {
		return 0, err
	}
	made := 0
	for d := first; d < today; d++ {
		// The daily job of the day the plans are made: yesterday's sales move the forecasts on.
		if d > first {
			if _, _, err := s.UpdateForecasts(ctx, storeID, d.AddDays(-1)); err != nil {
				return made, err
			}
		}
		for _, dept := range depts {
			set, err := s.settings(ctx, dept)
			if err != nil {
				return made, err
			}
			if !set.Delivers(d) {
				continue
			}
			if id, err := s.findPlan(ctx, storeID, dept, d); err != nil || id != 0 {
				if err != nil {
					return made, err
				}
				continue
			}
			made_, received := atHour(d.AddDays(-1), 15, loc), atHour(d, 8, loc)
			r := planRow{StoreID: storeID, DepartmentCode: dept, BusinessDate: d.AddDays(-1), DeliveryDate: d,
				NextDeliveryDate: NextDelivery(d, set.DeliveryWeekdays), Status: StatusReceived,
				ServiceLevel: set.ServiceLevel, Version: 1, CreatedAt: made_, UpdatedAt: received,
				SubmittedAt: &made_, ApprovedAt: &made_, ReceivedAt: &received}
			if _, err := s.insert(ctx, p, r); err != nil {
				return made, err
			}
			made++
		}
	}
	_, err = s.refit(ctx, storeID, nil, today)
	return made, err
}

func atHour(d civil.Date, hour int, loc *time.Location) time.Time {
	t := d.Time()
	return time.Date(t.Year(), t.Month(), t.Day(), hour, 0, 0, 0, loc)
}
