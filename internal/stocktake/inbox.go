package stocktake

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"github.com/storeops/storeops/internal/inbox"
	"github.com/storeops/storeops/internal/platform/authz"
)

// Kinds of the entries stocktakes put in the Today inbox (documented in api/openapi.yaml).
const (
	InboxStart   = "stocktake.start"   // planned, not started
	InboxCount   = "stocktake.count"   // counting
	InboxRecount = "stocktake.recount" // SKUs whose recount is assigned to the caller
	InboxApprove = "stocktake.approve" // submitted, waiting for the caller's approval
)

// Approves decides whether the caller approves the stocktakes of a store: the store manager,
// or the supervisor who is its active deputy approver ((*Service).Approves asks the
// delegation module), so that the inbox and the approval rule cannot disagree.
type Approves func(ctx context.Context, p *authz.Principal, storeID int64) (bool, error)

// InboxSource puts stocktakes to start, count, recount and approve in the Today inbox of the
// people of their store: supervisors for their departments (and whole-store counts), store
// managers for every department. Admins and HQ, who belong to no store, get none.
type InboxSource struct {
	svc      *Service
	approves Approves
}

// NewInboxSource returns the stocktakes' inbox source; approves says who approves.
func NewInboxSource(svc *Service, approves Approves) *InboxSource {
	return &InboxSource{svc: svc, approves: approves}
}

// Today answers the caller's stocktake entries.
func (s *InboxSource) Today(ctx context.Context, p *authz.Principal, _ time.Time) ([]inbox.Entry, error) {
	if p == nil || !p.Role.StoreBound() || p.StoreID == nil {
		return nil, nil
	}
	storeID := *p.StoreID
	approver, err := s.approves(ctx, p, storeID)
	if err != nil {
		return nil, err
	}
	// A supervisor who approves is the store's deputy: they act for the manager, and see
	// every department's stocktakes as the manager does.
	deputy := approver && p.Role == authz.RoleSupervisor
	var departments []string // nil: every department
	if p.Role == authz.RoleSupervisor && !deputy {
		departments = append([]string{""}, p.DepartmentCodes...)
	}
	open, err := openStocktakes(ctx, s.svc.db, storeID, departments)
	if err != nil {
		return nil, err
	}
	ownCount := map[int64]bool{} // a deputy does not approve what they counted
	if deputy {
		var submitted []int64
		for _, r := range open {
			if r.Status == StatusSubmitted {
				submitted = append(submitted, r.ID)
			}
		}
		if ownCount, err = countedBy(ctx, s.svc.db, p.UserID, submitted); err != nil {
			return nil, err
		}
	}
	var counting []int64
	for _, r := range open {
		if r.Status == StatusCounting {
			counting = append(counting, r.ID)
		}
	}
	recounts, err := assignedRecounts(ctx, s.svc.db, counting, p.UserID)
	if err != nil {
		return nil, err
	}
	var out []inbox.Entry
	for _, r := range open {
		switch {
		case r.Status == StatusPlanned:
			out = append(out, entryOf(r, InboxStart, inbox.Low, "/stocktakes", 1,
				inbox.Title{Zh: fmt.Sprintf("盘点 #%d 已计划，待开始", r.ID), En: fmt.Sprintf("Start stocktake #%d", r.ID)}))
		case r.Status == StatusCounting:
			out = append(out, entryOf(r, InboxCount, inbox.Normal, countLink(r.ID), 1,
				inbox.Title{Zh: fmt.Sprintf("盘点 #%d 清点中", r.ID), En: fmt.Sprintf("Count stocktake #%d", r.ID)}))
			if n := recounts[r.ID]; n > 0 {
				e := entryOf(r, InboxRecount, inbox.High, countLink(r.ID), n, inbox.Title{
					Zh: fmt.Sprintf("盘点 #%d：%d 个 SKU 待您复盘", r.ID, n), En: fmt.Sprintf("Recount %d SKUs of stocktake #%d", n, r.ID)})
				e.Params["skus"] = strconv.Itoa(n)
				out = append(out, e)
			}
		case r.Status == StatusSubmitted && approver && !ownCount[r.ID]:
			out = append(out, entryOf(r, InboxApprove, inbox.High, fmt.Sprintf("/stocktakes?id=%d&view=variance", r.ID), 1,
				inbox.Title{Zh: fmt.Sprintf("盘点 #%d 待审批", r.ID), En: fmt.Sprintf("Approve stocktake #%d", r.ID)}))
		}
	}
	return out, nil
}

func countLink(id int64) string { return fmt.Sprintf("/stocktakes?id=%d&view=count", id) }

// entryOf builds an entry about one stocktake.
func entryOf(r stocktakeRow, kind string, prio inbox.Priority, link string, count int, title inbox.Title) inbox.Entry {
	id := r.ID
	return inbox.Entry{Kind: kind, Title: title, Priority: prio, Link: link, ResourceType: "stocktake",
		ResourceID: &id, StoreID: r.StoreID, DepartmentCode: r.DepartmentCode, Count: count, Menu: "stocktakes",
		Params: map[string]string{"stocktake_id": strconv.FormatInt(r.ID, 10), "scope": r.Scope,
			"item_count": strconv.Itoa(r.ItemCount)}}
}
