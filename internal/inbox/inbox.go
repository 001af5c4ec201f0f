// Package inbox is the Today inbox (GET /api/v1/me/today): what the signed-in user should
// do now, gathered from every module. The inbox owns no table and reads nobody's: each
// module implements Source over its own data and app.go registers it here. This file holds
// the entry type and the merge, a pure function.
package inbox

import (
	"cmp"
	"context"
	"slices"
	"time"

	"github.com/storeops/storeops/internal/platform/authz"
)

// Source is what a module implements to put entries in the inbox. Today answers the
// caller's entries at instant now, in the caller's scope only; a source with nothing for the
// caller (another role, no store) answers none and no error. A source does its own queries
// in its own module and must not load whole tables: it runs on every home-page load.
type Source interface {
	Today(ctx context.Context, p *authz.Principal, now time.Time) ([]Entry, error)
}

// SourceFunc adapts a function to Source.
type SourceFunc func(ctx context.Context, p *authz.Principal, now time.Time) ([]Entry, error)

// Today calls f.
func (f SourceFunc) Today(ctx context.Context, p *authz.Principal, now time.Time) ([]Entry, error) {
	return f(ctx, p, now)
}

// Priority orders entries: the inbox lists high before normal before low.
type Priority int

// The priorities, lowest first so that a larger value sorts earlier.
const (
	Low Priority = iota + 1
	Normal
	High
)

// String is the priority's API name.
func (p Priority) String() string {
	switch p {
	case High:
		return "high"
	case Low:
		return "low"
	}
	return "normal"
}

// Title is an entry's default wording in the product's two languages. The browser words an
// entry itself from its kind and params; the title serves clients that do not know a kind.
type Title struct{ Zh, En string }

// In answers the title in lang ("en" for English, anything else Chinese).
func (t Title) In(lang string) string {
	if lang == "en" {
		return t.En
	}
	return t.Zh
}

// Entry is one thing to do. Kind is stable (module.what, e.g. "stocktake.count") and is
// documented in api/openapi.yaml with the params it carries; clients key their wording and
// icons on it.
type Entry struct {
	Kind     string
	Title    Title
	Params   map[string]string
	Priority Priority
	DueAt    *time.Time // nil: no deadline
	// Link is the browser route that does the work, e.g. "/stocktakes?id=12&view=count".
	Link           string
	ResourceType   string // e.g. "stocktake"; empty for an entry that groups several resources
	ResourceID     *int64
	StoreID        int64
	DepartmentCode string // empty for a whole-store entry
	// Count is how many things the entry stands for (lots, SKUs to recount); at least 1.
	Count int
	// Menu is the key of the browser's navigation entry whose badge counts this entry.
	Menu string
}

// MaxItems is how many entries the inbox lists; badges and the total count them all.
const MaxItems = 100

// Merged is the inbox made from every source's entries.
type Merged struct {
	Items  []Entry        // at most the limit, most urgent first
	Total  int            // entries before the limit
	Badges map[string]int // per navigation key, the sum of the entries' counts
}

// Merge sorts entries most urgent first (priority, then the earliest deadline, entries
// without one last), keeps at most limit, and counts every entry into its menu's badge.
// Ties are broken on store, kind, department and resource so the order never flickers.
func Merge(entries []Entry, limit int) Merged {
	out := Merged{Total: len(entries), Badges: map[string]int{}}
	all := make([]Entry, len(entries))
	for i, e := range entries {
		e.Count = max(e.Count, 1)
		all[i] = e
		if e.Menu != "" {
			out.Badges[e.Menu] += e.Count
		}
	}
	slices.SortStableFunc(all, compare)
	out.Items = all[:min(len(all), max(limit, 0))]
	return out
}

func compare(a, b Entry) int {
	return cmp.Or(
		cmp.Compare(b.Priority, a.Priority),
		compareDue(a.DueAt, b.DueAt),
		cmp.Compare(a.StoreID, b.StoreID),
		cmp.Compare(a.Kind, b.Kind),
		cmp.Compare(a.DepartmentCode, b.DepartmentCode),
		cmp.Compare(idOf(a.ResourceID), idOf(b.ResourceID)),
		cmp.Compare(a.Link, b.Link),
	)
}

// compareDue puts earlier deadlines first and entries without one last.
func compareDue(a, b *time.Time) int {
	switch {
	case a == nil && b == nil:
		return 0
	case a == nil:
		return 1
	case b == nil:
		return -1
	}
	return a.Compare(*b)
}

func idOf(id *int64) int64 {
	if id == nil {
		return 0
	}
	return *id
}
