package promo

import (
	"fmt"
	"strings"
	"testing"

	"github.com/storeops/storeops/internal/platform/authz"
	"github.com/storeops/storeops/internal/platform/civil"
)

func publishedCampaign() Campaign {
	return Campaign{Name: "双十二", Mechanic: "price_cut", StartsOn: 100, EndsOn: 110, Status: StatusPublished,
		TargetKind: TargetStores, TargetStoreIDs: []int64{1, 2}, Priority: 3, Note: "n",
		Items: []Item{{ProductID: 1, SKU: "A", PromoPrice: 399}, {ProductID: 2, SKU: "B", PromoPrice: 199}},
		Tasks: []Task{{ID: 7, Kind: "display", Title: "堆头", DueHours: 8}}}
}

func TestReviseRefusesFixedFieldsAndDroppedTasks(t *testing.T) {
	today := civil.Date(105)
	cases := []struct {
		name  string
		edit  func(*Campaign)
		field string
	}{
		{"mechanic", func(c *Campaign) { c.Mechanic = "gift" }, "mechanic"},
		{"start", func(c *Campaign) { c.StartsOn = 101 }, "starts_on"},
		{"priority", func(c *Campaign) { c.Priority = 9 }, "priority"},
		{"target kind", func(c *Campaign) { c.TargetKind = TargetAll }, "target_kind"},
		{"target stores", func(c *Campaign) { c.TargetStoreIDs = []int64{1, 3} }, "target_store_ids"},
		{"end before today", func(c *Campaign) { c.EndsOn = 104 }, "ends_on"},
		{"task dropped", func(c *Campaign) { c.Tasks = nil }, "tasks[0]"},
		{"task changed", func(c *Campaign) { c.Tasks = []Task{{Kind: "display", Title: "堆头", DueHours: 9}} }, "tasks[0]"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			next := publishedCampaign()
			tc.edit(&next)
			_, err := Revise(publishedCampaign(), next, today)
			if err == nil || !strings.Contains(err.Error(), tc.field) {
				t.Errorf("got %v, want an error naming %s", err, tc.field)
			}
		})
	}
	// The same stores in another order, with a duplicate, are the same target.
	next := publishedCampaign()
	next.TargetStoreIDs = []int64{2, 1, 2}
	if sum, err := Revise(publishedCampaign(), next, today); err != nil || !sum.Empty() {
		t.Errorf("reordered stores: %+v %v", sum, err)
	}
}

func TestReviseSummarisesWhatChanged(t *testing.T) {
	next := publishedCampaign()
	next.Name, next.EndsOn = "双十二加码", 120
	next.Items = []Item{{ProductID: 1, SKU: "A", PromoPrice: 349}, {ProductID: 3, SKU: "C", PromoPrice: 99}}
	next.Tasks = append(next.Tasks, Task{Kind: "signage", Title: "海报", DueHours: 24})
	sum, err := Revise(publishedCampaign(), next, 105)
	if err != nil {
		t.Fatal(err)
	}
	got := fmt.Sprintf("%v|%s %v>%v|%s>%v|%s<%v|%v", sum.Fields, sum.ItemsRepriced[0].SKU, *sum.ItemsRepriced[0].Before,
		*sum.ItemsRepriced[0].After, sum.ItemsAdded[0].SKU, *sum.ItemsAdded[0].After, sum.ItemsRemoved[0].SKU,
		*sum.ItemsRemoved[0].Before, sum.TasksAdded)
	want := "[{ends_on 1970-04-21 1970-05-01} {name 双十二 双十二加码}]|A 3.99>3.49|C>0.99|B<1.99|[海报]"
	if got != want {
		t.Errorf("summary\n got %s\nwant %s", got, want)
	}
	if len(sum.ItemsAdded) != 1 || len(sum.ItemsRemoved) != 1 || len(sum.ItemsRepriced) != 1 {
		t.Errorf("summary %+v", sum)
	}
}

func TestChangedItemsMeetTheConflictRuleAgain(t *testing.T) {
	old := publishedCampaign()
	next := publishedCampaign()
	next.Items = []Item{{ProductID: 1, SKU: "A", PromoPrice: 399}, {ProductID: 2, SKU: "B", PromoPrice: 149},
		{ProductID: 3, SKU: "C", PromoPrice: 99}}
	skus := func(items []Item) string {
		var out []string
		for _, it := range items {
			out = append(out, it.SKU)
		}
		return strings.Join(out, ",")
	}
	if got := skus(ChangedItems(old, next)); got != "B,C" {
		t.Errorf("changed items %s, want B,C (A kept at its price)", got)
	}
	next.EndsOn = old.EndsOn + 3
	if got := skus(ChangedItems(old, next)); got != "A,B,C" {
		t.Errorf("a longer campaign checks %s, want every item", got)
	}
}

func TestInStoreScopeAndManagers(t *testing.T) {
	store, other := int64(4), int64(5)
	manager := &authz.Principal{UserID: 1, Role: authz.RoleStoreManager, StoreID: &store}
	c := Campaign{TargetKind: TargetRegion, TargetRegion: "华东"}
	ScopeInStore(manager, &c)
	if c.OwnerStoreID == nil || *c.OwnerStoreID != store || c.TargetKind != TargetStores || c.TargetRegion != "" ||
		fmt.Sprint(c.TargetStoreIDs) != "[4]" {
		t.Errorf("a store manager's campaign %+v", c)
	}
	hq := &authz.Principal{UserID: 2, Role: authz.RoleHQPromotions}
	h := Campaign{TargetKind: TargetAll}
	ScopeInStore(hq, &h)
	if h.OwnerStoreID != nil || h.TargetKind != TargetAll {
		t.Errorf("HQ's campaign was scoped: %+v", h)
	}
	super := &authz.Principal{UserID: 3, Role: authz.RoleSupervisor, StoreID: &store}
	for _, tc := range []struct {
		p     *authz.Principal
		owner *int64
		want  bool
	}{
		{hq, nil, true}, {hq, &store, true}, {manager, &store, true}, {manager, nil, false},
		{manager, &other, false}, {super, &store, false}, {nil, &store, false},
	} {
		if got := Manages(tc.p, tc.owner); got != tc.want {
			t.Errorf("Manages(%v, %v) = %v, want %v", tc.p, tc.owner, got, tc.want)
		}
	}
}
