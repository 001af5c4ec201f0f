package ordering

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"time"

	"github.com/storeops/storeops/internal/inbox"
	"github.com/storeops/storeops/internal/platform/authz"
	"github.com/storeops/storeops/internal/platform/civil"
	"github.com/storeops/storeops/internal/supplier"
)

// Kinds of the entries ordering puts in the Today inbox (documented in api/openapi.yaml).
const (
	InboxCreate  = "order_plan.create"  // tomorrow is a delivery day and the department has no plan
	InboxSubmit  = "order_plan.submit"  // a draft plan whose suppliers' cut-off is coming
	InboxApprove = "order_plan.approve" // submitted, waiting for the caller's approval
)

// CutoffSoon is how long before an order cut-off a plan's entry turns high priority.
const CutoffSoon = 3 * time.Hour

// SupplierIDs tells which suppliers each department's products come from (the catalogue).
type SupplierIDs interface {
	SupplierIDs(ctx context.Context, departments []string) (map[string][]int64, error)
}

// InboxSource puts plans to make, submit and approve in the Today inbox of the people of
// their store: supervisors for their departments, store managers (and an active deputy)
// for every department. A plan's deadline is the earliest order cut-off of its suppliers
// for its delivery day: cut-off time (store time) lead-time days before the delivery.
type InboxSource struct {
	svc       *Service
	suppliers SupplierIDs
}

// NewInboxSource returns ordering's inbox source.
func NewInboxSource(svc *Service, suppliers SupplierIDs) *InboxSource {
	return &InboxSource{svc: svc, suppliers: suppliers}
}

// Today answers the caller's ordering entries.
func (s *InboxSource) Today(ctx context.Context, p *authz.Principal, now time.Time) ([]inbox.Entry, error) {
	if p == nil || !p.Role.StoreBound() || p.StoreID == nil {
		return nil, nil
	}
	storeID := *p.StoreID
	approver, err := s.svc.Approves(ctx, p, storeID)
	if err != nil {
		return nil, err
	}
	depts, err := s.svc.Stores.StoreDepartments(ctx, p, storeID)
	if err != nil {
		return nil, err
	}
	if p.Role == authz.RoleSupervisor && !approver {
		depts = slices.DeleteFunc(depts, func(d string) bool { return !slices.Contains(p.DepartmentCodes, d) })
	}
	if len(depts) == 0 {
		return nil, nil
	}
	loc, err := s.svc.Stores.StoreLocation(ctx, storeID)
	if err != nil {
		return nil, err
	}
	today := civil.Today(now, loc)
	var open []planRow
	if err := s.svc.db.WithContext(ctx).Where("store_id = ? AND department_code IN ? AND (status IN ? OR delivery_date = ?)",
		storeID, depts, []string{StatusDraft, StatusSubmitted}, today.AddDays(1)).Find(&open).Error; err != nil {
		return nil, err
	}
	bySupplier, err := s.suppliers.SupplierIDs(ctx, depts)
	if err != nil {
		return nil, err
	}
	var ids []int64
	for _, v := range bySupplier {
		ids = append(ids, v...)
	}
	sups, err := s.svc.Suppliers.ByIDs(ctx, s.svc.db, slices.Compact(slices.Sorted(slices.Values(ids))))
	if err != nil {
		return nil, err
	}
	deadline := func(dept string, delivery civil.Date) *time.Time {
		var first *time.Time
		for _, id := range bySupplier[dept] {
			if t, ok := cutoffOf(sups[id], delivery, loc); ok && (first == nil || t.Before(*first)) {
				first = &t
			}
		}
		return first
	}
	var out []inbox.Entry
	planned := map[string]bool{}
	for _, r := range open {
		if r.DeliveryDate == today.AddDays(1) {
			planned[r.DepartmentCode] = true
		}
		switch {
		case r.Status == StatusDraft && (p.Role != authz.RoleSupervisor || slices.Contains(p.DepartmentCodes, r.DepartmentCode)):
			due := deadline(r.DepartmentCode, r.DeliveryDate)
			out = append(out, planEntry(r, InboxSubmit, urgency(due, now), due, inbox.Title{
				Zh: fmt.Sprintf("%s %s 到货的订货计划待提交", r.DepartmentCode, r.DeliveryDate),
				En: fmt.Sprintf("Submit the %s order for %s", r.DepartmentCode, r.DeliveryDate)}))
		case r.Status == StatusSubmitted && approver && !own(p, r):
			due := deadline(r.DepartmentCode, r.DeliveryDate)
			out = append(out, planEntry(r, InboxApprove, inbox.High, due, inbox.Title{
				Zh: fmt.Sprintf("%s %s 到货的订货计划待审批", r.DepartmentCode, r.DeliveryDate),
				En: fmt.Sprintf("Approve the %s order for %s", r.DepartmentCode, r.DeliveryDate)}))
		}
	}
	tomorrow := today.AddDays(1)
	for _, dept := range depts {
		if planned[dept] || len(bySupplier[dept]) == 0 || (p.Role == authz.RoleSupervisor && !slices.Contains(p.DepartmentCodes, dept)) {
			continue
		}
		set, err := s.svc.settings(ctx, dept)
		if err != nil {
			return nil, err
		}
		if !set.Delivers(tomorrow) {
			continue
		}
		due := deadline(dept, tomorrow)
		if due != nil && due.Before(now) {
			continue // too late for tomorrow
		}
		out = append(out, inbox.Entry{Kind: InboxCreate, Priority: urgency(due, now), DueAt: due,
			Link: "/ordering?department=" + dept, StoreID: storeID, DepartmentCode: dept, Count: 1, Menu: "ordering",
			Params: map[string]string{"department_code": dept, "delivery_date": tomorrow.String()},
			Title: inbox.Title{Zh: fmt.Sprintf("制定 %s 明日（%s）订货计划", dept, tomorrow),
				En: fmt.Sprintf("Make the %s order for tomorrow (%s)", dept, tomorrow)}})
	}
	return out, nil
}

// cutoffOf is the moment a supplier stops taking orders for a delivery day: its cut-off
// time, lead-time days before, in the store's time zone.
func cutoffOf(sup supplier.Supplier, delivery civil.Date, loc *time.Location) (time.Time, bool) {
	mins, err := supplier.ParseCutoff(sup.OrderCutoff)
	if err != nil || sup.ID == 0 || !sup.Active {
		return time.Time{}, false
	}
	d := delivery.AddDays(-sup.LeadTimeDays).Time()
	return time.Date(d.Year(), d.Month(), d.Day(), mins/60, mins%60, 0, 0, loc), true
}

func urgency(due *time.Time, now time.Time) inbox.Priority {
	if due != nil && due.Sub(now) <= CutoffSoon {
		return inbox.High
	}
	return inbox.Normal
}

func planEntry(r planRow, kind string, prio inbox.Priority, due *time.Time, title inbox.Title) inbox.Entry {
	id := r.ID
	e := inbox.Entry{Kind: kind, Title: title, Priority: prio, DueAt: due, Link: fmt.Sprintf("/ordering/%d", r.ID),
		ResourceType: "order_plan", ResourceID: &id, StoreID: r.StoreID, DepartmentCode: r.DepartmentCode, Count: 1,
		Menu: "ordering", Params: map[string]string{"plan_id": strconv.FormatInt(r.ID, 10),
			"department_code": r.DepartmentCode, "delivery_date": r.DeliveryDate.String()}}
	if due != nil {
		e.Params["cutoff"] = due.Format(time.RFC3339)
	}
	return e
}
