package complaints

import (
	"cmp"
	"slices"
	"time"

	"github.com/storeops/storeops/internal/platform/fixed"
)

// Group is one row of the complaints report: the complaints of one category or department.
type Group struct {
	Key          string
	Count        int
	Open         int
	Resolved     int
	Compensation fixed.Money
	// MeanHoursToResolve is the mean time to resolve of the resolved ones, in hours to two
	// decimals (nil when none is resolved).
	MeanHoursToResolve *fixed.Money
}

// StoreGroup is the complaints of one store (Group.Key is ""), named by the chain report.
type StoreGroup struct {
	StoreID   int64
	StoreName string
	Group
}

// Report is the complaints of a period grouped by category, by department and by store (the
// chain report's; a store's report has no ByStore).
type Report struct {
	Total        Group
	ByCategory   []Group
	ByDepartment []Group
	ByStore      []StoreGroup
}

// Summarise groups complaints by category, department (an empty department is "") and store.
// Groups are sorted by count, largest first, then by key (stores by id).
func Summarise(list []Complaint) Report {
	total := &acc{}
	cats, depts, stores := map[string]*acc{}, map[string]*acc{}, map[int64]*acc{}
	for _, c := range list {
		total.add(c)
		get(cats, c.Category).add(c)
		get(depts, c.DepartmentCode).add(c)
		get(stores, c.StoreID).add(c)
	}
	byStore := make([]StoreGroup, 0, len(stores))
	for id, a := range stores {
		byStore = append(byStore, StoreGroup{StoreID: id, Group: a.group("")})
	}
	slices.SortFunc(byStore, func(a, b StoreGroup) int {
		return cmp.Or(cmp.Compare(b.Count, a.Count), cmp.Compare(a.StoreID, b.StoreID))
	})
	return Report{Total: total.group(""), ByCategory: groups(cats), ByDepartment: groups(depts), ByStore: byStore}
}

type acc struct {
	count, open, resolved int
	compensation          fixed.Money
	resolveTime           time.Duration
}

func (a *acc) add(c Complaint) {
	a.count++
	a.compensation += c.Compensation
	if d := c.TimeToResolve(); d != nil {
		a.resolved++
		a.resolveTime += *d
	} else {
		a.open++
	}
}

func (a *acc) group(key string) Group {
	g := Group{Key: key, Count: a.count, Open: a.open, Resolved: a.resolved, Compensation: a.compensation}
	if a.resolved > 0 {
		// Hours to 2 decimals, rounded half up, as a Money-scaled value (cents of an hour).
		centiHours := (a.resolveTime/time.Duration(a.resolved) + 18*time.Second) / (36 * time.Second)
		m := fixed.Money(centiHours)
		g.MeanHoursToResolve = &m
	}
	return g
}

func get[K comparable](m map[K]*acc, key K) *acc {
	if m[key] == nil {
		m[key] = &acc{}
	}
	return m[key]
}

func groups(m map[string]*acc) []Group {
	out := make([]Group, 0, len(m))
	for k, a := range m {
		out = append(out, a.group(k))
	}
	slices.SortFunc(out, func(a, b Group) int {
		if a.Count != b.Count {
			return b.Count - a.Count
		}
		if a.Key < b.Key {
			return -1
		}
		if a.Key > b.Key {
			return 1
		}
		return 0
	})
	return out
}
