package promo

import (
	"fmt"
	"slices"
	"time"

	"github.com/storeops/storeops/internal/platform/apperr"
	"github.com/storeops/storeops/internal/platform/civil"
	"github.com/storeops/storeops/internal/platform/fixed"
)

// Revision is one change of a published campaign: the version it made, who made it and when,
// and what changed.
type Revision struct {
	ID         int64
	CampaignID int64
	Version    int
	ChangedBy  *int64
	// ChangedByName is the display name of who changed it (empty for a system change).
	ChangedByName string
	ChangedAt     time.Time
	Summary       Summary
}

// Summary is what one revision changed. It is kept as JSON in the revision's row and
// answered as it is, so its tags are its stored and its API form.
type Summary struct {
	Fields        []FieldChange `json:"fields"`
	ItemsAdded    []ItemChange  `json:"items_added"`
	ItemsRemoved  []ItemChange  `json:"items_removed"`
	ItemsRepriced []ItemChange  `json:"items_repriced"`
	TasksAdded    []string      `json:"tasks_added"`
}

// FieldChange is one field of the campaign before and after.
type FieldChange struct {
	Field  string `json:"field"`
	Before string `json:"before"`
	After  string `json:"after"`
}

// ItemChange is an item added (no Before), removed (no After) or repriced (both).
type ItemChange struct {
	SKU    string       `json:"sku"`
	Name   string       `json:"name"`
	Before *fixed.Money `json:"before"`
	After  *fixed.Money `json:"after"`
}

// Empty reports whether nothing changed.
func (s Summary) Empty() bool {
	return len(s.Fields)+len(s.ItemsAdded)+len(s.ItemsRemoved)+len(s.ItemsRepriced)+len(s.TasksAdded) == 0
}

// normalized answers the summary with empty lists instead of nil ones.
func (s Summary) normalized() Summary {
	for _, l := range []*[]ItemChange{&s.ItemsAdded, &s.ItemsRemoved, &s.ItemsRepriced} {
		if *l == nil {
			*l = []ItemChange{}
		}
	}
	if s.Fields == nil {
		s.Fields = []FieldChange{}
	}
	if s.TasksAdded == nil {
		s.TasksAdded = []string{}
	}
	return s
}

// fixedOnceMsg is the message for a field that a published campaign keeps.
const fixedOnceMsg = "is fixed once the campaign is published"

// Revise checks a change of a published campaign (old) into next and answers what changed.
// A published campaign changes its name, note, end day (not before today), items (added,
// removed, repriced) and gains tasks after its own; its mechanic, start, targets and
// priority stay, and so do its tasks. next's items are already resolved and checked.
func Revise(old, next Campaign, today civil.Date) (Summary, error) {
	fe := apperr.FieldErrors{}
	var sum Summary
	if old.Mechanic != next.Mechanic {
		fe.Add("mechanic", fixedOnceMsg)
	}
	if old.StartsOn != next.StartsOn {
		fe.Add("starts_on", fixedOnceMsg)
	}
	if old.Priority != next.Priority {
		fe.Add("priority", fixedOnceMsg)
	}
	if old.TargetKind != next.TargetKind {
		fe.Add("target_kind", fixedOnceMsg)
	} else if old.TargetKind == TargetRegion && old.TargetRegion != next.TargetRegion {
		fe.Add("target_region", fixedOnceMsg)
	} else if old.TargetKind == TargetStores && !sameStores(old.TargetStoreIDs, next.TargetStoreIDs) {
		fe.Add("target_store_ids", fixedOnceMsg)
	}
	if old.EndsOn != next.EndsOn {
		if next.EndsOn < today {
			fe.Add("ends_on", "must not be before today")
		}
		sum.Fields = append(sum.Fields, FieldChange{"ends_on", old.EndsOn.String(), next.EndsOn.String()})
	}
	if old.Name != next.Name {
		sum.Fields = append(sum.Fields, FieldChange{"name", old.Name, next.Name})
	}
	if old.Note != next.Note {
		sum.Fields = append(sum.Fields, FieldChange{"note", old.Note, next.Note})
	}
	for i, t := range old.Tasks {
		if i >= len(next.Tasks) || !sameTask(t, next.Tasks[i]) {
			fe.Add(fmt.Sprintf("tasks[%d]", i), "a published campaign keeps its tasks: add new ones after them")
			break
		}
	}
	for _, t := range next.Tasks[min(len(old.Tasks), len(next.Tasks)):] {
		sum.TasksAdded = append(sum.TasksAdded, t.Title)
	}
	sum.ItemsAdded, sum.ItemsRemoved, sum.ItemsRepriced = diffItems(old.Items, next.Items)
	return sum, fe.Err()
}

func sameStores(a, b []int64) bool {
	a, b = slices.Clone(a), slices.Clone(b)
	slices.Sort(a)
	slices.Sort(b)
	return slices.Equal(slices.Compact(a), slices.Compact(b))
}

func sameTask(a, b Task) bool {
	return a.Kind == b.Kind && a.Title == b.Title && a.Instructions == b.Instructions && a.DueHours == b.DueHours &&
		a.PhotoRequired == b.PhotoRequired
}

func diffItems(old, next []Item) (added, removed, repriced []ItemChange) {
	before := make(map[int64]Item, len(old))
	for _, it := range old {
		before[it.ProductID] = it
	}
	after := make(map[int64]bool, len(next))
	for _, it := range next {
		after[it.ProductID] = true
		o, had := before[it.ProductID]
		price := it.PromoPrice
		switch {
		case !had:
			added = append(added, ItemChange{SKU: it.SKU, Name: it.Name, After: &price})
		case o.PromoPrice != it.PromoPrice:
			was := o.PromoPrice
			repriced = append(repriced, ItemChange{SKU: it.SKU, Name: it.Name, Before: &was, After: &price})
		}
	}
	for _, it := range old {
		if !after[it.ProductID] {
			was := it.PromoPrice
			removed = append(removed, ItemChange{SKU: it.SKU, Name: it.Name, Before: &was})
		}
	}
	return added, removed, repriced
}

// ChangedItems are the items of next that a revision adds or reprices: those the conflict
// rule checks again (all of them when the campaign runs longer than before).
func ChangedItems(old, next Campaign) []Item {
	if next.EndsOn > old.EndsOn {
		return next.Items
	}
	was := make(map[int64]fixed.Money, len(old.Items))
	for _, it := range old.Items {
		was[it.ProductID] = it.PromoPrice
	}
	var out []Item
	for _, it := range next.Items {
		if p, ok := was[it.ProductID]; !ok || p != it.PromoPrice {
			out = append(out, it)
		}
	}
	return out
}
