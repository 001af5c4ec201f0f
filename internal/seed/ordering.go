package seed

import (
	"context"
	"fmt"

	"github.com/storeops/storeops/internal/ordering"
	"github.com/storeops/storeops/internal/org"
	"github.com/storeops/storeops/internal/platform/authz"
	"github.com/storeops/storeops/internal/platform/civil"
	"github.com/storeops/storeops/internal/platform/fixed"
)

// OrderingServices are the modules the demo's ordering rules and forecasts are set through.
type OrderingServices struct {
	Org      *org.Service
	Ordering *ordering.Service
}

// OrderingResult counts what a run did.
type OrderingResult struct {
	Settings, Fitted, Replayed int
}

// replayStore and replayDays: the first demo store gets four weeks of past plans of its
// fresh departments, made as the product would have made them, so the forecast accuracy
// report has weeks to show.
const (
	replayStore = "sh-pudong"
	replayDays  = 28
)

var chilled = fixed.Money(400) // 4.00 °C

// orderingSettings are the demo chain's rules: chilled meat and seafood are checked at 4 °C on
// arrival; dry goods come on Monday, Wednesday and Friday; everything else daily at 95 %.
var orderingSettings = []ordering.Settings{
	{DepartmentCode: "meat", DeliveryWeekdays: ordering.DefaultWeekdays, ServiceLevel: fixed.Money(9500), MaxDeliveryTemp: &chilled},
	{DepartmentCode: "seafood", DeliveryWeekdays: ordering.DefaultWeekdays, ServiceLevel: fixed.Money(9500), MaxDeliveryTemp: &chilled},
	{DepartmentCode: "dry", DeliveryWeekdays: "135", ServiceLevel: fixed.Money(9750)},
}

// Ordering stores the demo ordering rules (departments that have rules already keep them)
// and fits every demo store's forecasts on the history loaded before, so the first plan of
// the day reads them.
func Ordering(ctx context.Context, s OrderingServices, today civil.Date) (OrderingResult, error) {
	var res OrderingResult
	admin := authz.System("seed")
	have, err := s.Ordering.ListSettings(ctx, allDepartments)
	if err != nil {
		return res, err
	}
	stored := map[string]bool{}
	for _, h := range have {
		stored[h.DepartmentCode] = h.Version > 0
	}
	for _, st := range orderingSettings {
		if stored[st.DepartmentCode] {
			continue
		}
		if _, err := s.Ordering.PutSettings(ctx, admin, st); err != nil {
			return res, fmt.Errorf("ordering rules of %s: %w", st.DepartmentCode, err)
		}
		res.Settings++
	}
	ids, err := s.Org.ActiveStoreIDs(ctx)
	if err != nil {
		return res, err
	}
	for _, id := range ids {
		fitted, _, err := s.Ordering.UpdateForecasts(ctx, id, today)
		if err != nil {
			return res, fmt.Errorf("forecasts of store %d: %w", id, err)
		}
		res.Fitted += fitted
	}
	stores, err := s.Org.StoreIDsByCode(ctx, []string{replayStore})
	if err != nil || stores[replayStore] == 0 {
		return res, err
	}
	res.Replayed, err = s.Ordering.Replay(ctx, admin, stores[replayStore], freshDepartments, today, replayDays)
	return res, err
}
