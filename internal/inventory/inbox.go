package inventory

import (
	"context"
	"fmt"
	"maps"
	"net/url"
	"slices"
	"strconv"
	"time"

	"github.com/storeops/storeops/internal/catalog"
	"github.com/storeops/storeops/internal/inbox"
	"github.com/storeops/storeops/internal/platform/authz"
	"github.com/storeops/storeops/internal/platform/civil"
)

// InboxLotsExpiring is the kind of the inbox entry "lots of a department expire today or
// tomorrow" (documented in api/openapi.yaml).
const InboxLotsExpiring = "inventory.lots_expiring"

// InboxCatalog tells the department of the products whose lots expire.
type InboxCatalog interface {
	RefsByID(ctx context.Context, ids []int64) (map[int64]catalog.Ref, error)
}

// InboxStores tells the time zone a store keeps its business dates in.
type InboxStores interface {
	StoreLocation(ctx context.Context, storeID int64) (*time.Location, error)
}

// InboxSource puts lots that expire today or tomorrow in the Today inbox, one entry per
// department with the number of lots, so a supervisor marks them down or writes them off
// in time. Supervisors get their departments, store managers every department of their
// store; admins and HQ, who belong to no store, get none.
type InboxSource struct {
	svc     *Service
	catalog InboxCatalog
	stores  InboxStores
}

// NewInboxSource returns the stock ledger's inbox source.
func NewInboxSource(svc *Service, cat InboxCatalog, stores InboxStores) *InboxSource {
	return &InboxSource{svc: svc, catalog: cat, stores: stores}
}

// expiringDepartment sums one department's expiring lots.
type expiringDepartment struct{ lots, today, products int }

// Today answers the caller's expiring-lot entries, with the store's today at now.
func (s *InboxSource) Today(ctx context.Context, p *authz.Principal, now time.Time) ([]inbox.Entry, error) {
	if p == nil || !p.Role.StoreBound() || p.StoreID == nil {
		return nil, nil
	}
	storeID := *p.StoreID
	loc, err := s.stores.StoreLocation(ctx, storeID)
	if err != nil {
		return nil, err
	}
	today := civil.Today(now, loc)
	rows, err := expiringLots(ctx, s.svc.db, storeID, today, today.AddDays(1))
	if err != nil || len(rows) == 0 {
		return nil, err
	}
	ids := make([]int64, len(rows))
	for i, r := range rows {
		ids[i] = r.ProductID
	}
	refs, err := s.catalog.RefsByID(ctx, ids)
	if err != nil {
		return nil, err
	}
	byDept := map[string]*expiringDepartment{}
	for _, r := range rows {
		ref, ok := refs[r.ProductID]
		if !ok || !p.CanSeeDepartment(storeID, ref.DepartmentCode) {
			continue
		}
		d := byDept[ref.DepartmentCode]
		if d == nil {
			d = &expiringDepartment{}
			byDept[ref.DepartmentCode] = d
		}
		d.lots += r.Lots
		d.today += r.FirstDay
		d.products++
	}
	var out []inbox.Entry
	for _, dept := range slices.Sorted(maps.Keys(byDept)) {
		out = append(out, expiringEntry(storeID, dept, *byDept[dept], today, loc))
	}
	return out, nil
}

// expiringEntry is a department's entry: urgent when lots expire today, due when the first
// of them expires (the end of its expiry day in the store's time zone).
func expiringEntry(storeID int64, dept string, d expiringDepartment, today civil.Date, loc *time.Location) inbox.Entry {
	prio, lastDay := inbox.Normal, today.AddDays(1)
	if d.today > 0 {
		prio, lastDay = inbox.High, today
	}
	t := lastDay.AddDays(1).Time()
	due := time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, loc)
	title := inbox.Title{Zh: fmt.Sprintf("%d 个批次明天前到期", d.lots), En: fmt.Sprintf("%d lots expire by tomorrow", d.lots)}
	if d.today > 0 {
		title.Zh += fmt.Sprintf("（今天 %d 个）", d.today)
		title.En += fmt.Sprintf(" (%d today)", d.today)
	}
	link := "/inventory?" + url.Values{"department_code": {dept}, "only_expiring": {"true"},
		"expiring_within_days": {"1"}}.Encode()
	return inbox.Entry{Kind: InboxLotsExpiring, Title: title, Priority: prio, DueAt: &due, Link: link,
		StoreID: storeID, DepartmentCode: dept, Count: d.lots, Menu: "inventory",
		Params: map[string]string{"lots": strconv.Itoa(d.lots), "expiring_today": strconv.Itoa(d.today),
			"products": strconv.Itoa(d.products), "department_code": dept}}
}
