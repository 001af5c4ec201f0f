package promo

import (
	"strings"
	"testing"
	"time"

	"github.com/storeops/storeops/internal/platform/civil"
	"github.com/storeops/storeops/internal/platform/fixed"
)

func TestCheckItemsAgainstPriceAndCost(t *testing.T) {
	items := []Item{
		{ProductID: 1, SKU: "A", RegularPrice: 500, CostPrice: 300, PromoPrice: 399},                  // fine
		{ProductID: 2, SKU: "B", RegularPrice: 500, CostPrice: 300, PromoPrice: 500},                  // not below regular
		{ProductID: 3, SKU: "C", RegularPrice: 500, CostPrice: 300, PromoPrice: 299},                  // below cost, not meant
		{ProductID: 4, SKU: "D", RegularPrice: 500, CostPrice: 300, PromoPrice: 299, BelowCost: true}, // meant
		{ProductID: 1, SKU: "A", RegularPrice: 500, CostPrice: 300, PromoPrice: 399},                  // twice
		{ProductID: 5, SKU: "E", RegularPrice: 500, CostPrice: 300, PromoPrice: 0},
	}
	err := CheckItems(items)
	if err == nil {
		t.Fatal("want errors")
	}
	for _, field := range []string{"items[1].promo_price", "items[2].promo_price", "items[4].sku", "items[5].promo_price"} {
		if !strings.Contains(err.Error(), field) {
			t.Errorf("%v does not name %s", err, field)
		}
	}
	for _, field := range []string{"items[0]", "items[3]"} {
		if strings.Contains(err.Error(), field+".") {
			t.Errorf("%v names %s", err, field)
		}
	}
}

func TestValidateNamesFields(t *testing.T) {
	c := Campaign{Name: " ", Mechanic: "bogof", StartsOn: 20, EndsOn: 10, TargetKind: TargetRegion,
		Tasks: []Task{{Kind: "display", Title: "x", DueHours: 2000}}}
	err := c.Validate()
	for _, field := range []string{"name", "mechanic", "ends_on", "target_region", "tasks[0].due_hours"} {
		if err == nil || !strings.Contains(err.Error(), field) {
			t.Errorf("%v does not name %s", err, field)
		}
	}
}

func TestDueAtStateAndCompliance(t *testing.T) {
	shanghai := time.FixedZone("CST", 8*3600)
	start, _ := civil.Parse("2026-12-10")
	due := DueAt(start, 8, shanghai)
	if want := time.Date(2026, 12, 10, 0, 0, 0, 0, time.UTC); !due.Equal(want) {
		t.Fatalf("due %s, want %s (08:00 in Shanghai)", due, want)
	}
	early, late := due.Add(-time.Hour), due.Add(time.Hour)
	cases := []struct {
		run  Run
		now  time.Time
		want string
	}{
		{Run{DueAt: due, Status: RunDone, DoneAt: &early}, late, StateOnTime},
		{Run{DueAt: due, Status: RunDone, DoneAt: &late}, late, StateLate},
		{Run{DueAt: due, Status: RunOpen}, late, StateOverdue},
		{Run{DueAt: due, Status: RunOpen}, early, StatePending},
		{Run{DueAt: due, Status: RunProblem}, early, StateProblem},
	}
	var c Compliance
	for _, x := range cases {
		got := x.run.State(x.now)
		if got != x.want {
			t.Errorf("state %s, want %s", got, x.want)
		}
		c.Add(got)
	}
	// (on time + late) ÷ (on time + late + overdue + problem) = 2 ÷ 4; pending does not count.
	if pct, ok := c.Pct(); !ok || pct != fixed.Money(5000) {
		t.Errorf("compliance %s %v, want 50.00", pct, ok)
	}
	if _, ok := (Compliance{Pending: 3}).Pct(); ok {
		t.Error("nothing due yet: no percentage")
	}
	if !Overlaps(1, 5, 5, 9) || Overlaps(1, 4, 5, 9) {
		t.Error("overlap of periods")
	}
}
