package seed

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/storeops/storeops/internal/coldchain"
	"github.com/storeops/storeops/internal/org"
	"github.com/storeops/storeops/internal/platform/authz"
	"github.com/storeops/storeops/internal/platform/fixed"
	"github.com/storeops/storeops/internal/platform/idempotency"
	"github.com/storeops/storeops/internal/platform/paging"
)

// ColdchainServices are the modules the demo's equipment and readings go through.
type ColdchainServices struct {
	Org       *org.Service
	Coldchain *coldchain.Service
}

// ColdchainResult counts what a run did.
type ColdchainResult struct {
	Equipment, Readings, Alerts, SkippedStores int
}

// coldchainDays of sensor readings each demo store gets, every half hour.
const coldchainDays = 3

// demoEquipment is each store's kit: the cold room and a scale belong to the department its
// supervisor inspects (so the cold-room inspection can name it), a display chiller to every
// fresh department the store runs.
func demoEquipment(main string, depts []string) []coldchain.Equipment {
	out := []coldchain.Equipment{
		{Kind: coldchain.KindColdRoom, Name: "1 号冷藏库", DepartmentCode: main, Location: "后仓", MaintenanceIntervalDays: 90},
		{Kind: coldchain.KindFreezer, Name: "1 号冷冻库", DepartmentCode: main, Location: "后仓", MaintenanceIntervalDays: 90},
		{Kind: coldchain.KindScale, Name: "称重台秤", DepartmentCode: main, Location: "卖场", MaintenanceIntervalDays: 180},
	}
	for _, d := range []string{"produce", "meat", "seafood", "deli"} {
		if slices.Contains(depts, d) {
			out = append(out, coldchain.Equipment{Kind: coldchain.KindDisplayChiller, Name: "风幕柜 " + d, DepartmentCode: d,
				Location: "卖场", MaintenanceIntervalDays: 30})
		}
	}
	if slices.Contains(depts, "bakery") {
		lo := fixed.MoneyOf(150)
		out = append(out, coldchain.Equipment{Kind: coldchain.KindOven, Name: "烤箱", DepartmentCode: "bakery", Location: "面包房",
			MinCelsius: &lo, MaintenanceIntervalDays: 60})
	}
	return out
}

// Coldchain registers each demo store's equipment and gives its cold equipment three days of
// sensor readings. The cold room was too warm for an hour two days ago (a closed alert with
// its corrective action); the first display chiller is too warm now (an open alert). A store
// with any equipment is left alone.
func Coldchain(ctx context.Context, s ColdchainServices, now time.Time) (res ColdchainResult, err error) {
	codes := make([]string, len(demoSafety))
	for i, d := range demoSafety {
		codes[i] = d.store
	}
	ids, err := s.Org.StoreIDsByCode(ctx, codes)
	if err != nil {
		return res, err
	}
	sys := authz.System("seed")
	end := now.UTC().Truncate(30 * time.Minute)
	for _, d := range demoSafety {
		storeID := ids[d.store]
		_, total, err := s.Coldchain.ListEquipment(ctx, sys, storeID, coldchain.EquipmentFilter{}, paging.First())
		if err != nil {
			return res, err
		}
		if total > 0 {
			res.SkippedStores++
			continue
		}
		depts, err := s.Org.StoreDepartments(ctx, sys, storeID)
		if err != nil {
			return res, err
		}
		var readings []coldchain.NewReading
		chillers := 0
		for _, e := range demoEquipment(d.department, depts) {
			made, err := s.Coldchain.CreateEquipment(ctx, sys, storeID, e)
			if err != nil {
				return res, fmt.Errorf("demo equipment %s of %s: %w", e.Name, d.store, err)
			}
			res.Equipment++
			if e.Kind == coldchain.KindDisplayChiller {
				chillers++
			}
			readings = append(readings, demoReadings(made, end, chillers == 1)...)
		}
		out, err := s.Coldchain.LogReadings(ctx, sys, storeID, coldchain.SourceSensor, readings, idempotency.Key{})
		if err != nil {
			return res, fmt.Errorf("demo readings of %s: %w", d.store, err)
		}
		res.Readings += out.Saved
		res.Alerts += len(out.AlertsOpened)
	}
	return res, nil
}

// demoReadings are half-hourly readings of a piece of cold equipment up to end, a little
// above the middle of its range; the cold room has a warm hour two days back and the chosen
// display chiller is warm for its last hour.
func demoReadings(e coldchain.Equipment, end time.Time, warmNow bool) []coldchain.NewReading {
	var base fixed.Money
	switch e.Kind {
	case coldchain.KindColdRoom:
		base = fixed.MoneyOf(2)
	case coldchain.KindDisplayChiller:
		base = fixed.MoneyOf(3)
	case coldchain.KindFreezer:
		base = fixed.MoneyOf(-21)
	default:
		return nil
	}
	n := coldchainDays * 48
	out := make([]coldchain.NewReading, 0, n)
	for i := n; i >= 1; i-- {
		at := end.Add(-time.Duration(i-1) * 30 * time.Minute)
		c := base + fixed.Money((i*37)%90) // 0.00 to 0.89 above the base
		if e.Kind == coldchain.KindColdRoom && i >= 96 && i <= 98 {
			c = fixed.MoneyOf(6) + fixed.Money(i%3*40)
		}
		if warmNow && i <= 2 {
			c = fixed.MoneyOf(7) + fixed.Money(i*30)
		}
		out = append(out, coldchain.NewReading{EquipmentID: e.ID, RecordedAt: at, Celsius: c})
	}
	return out
}
