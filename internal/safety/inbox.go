package safety

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"github.com/storeops/storeops/internal/inbox"
	"github.com/storeops/storeops/internal/platform/authz"
	"github.com/storeops/storeops/internal/platform/civil"
)

// Kinds of the module's Today entries (documented in api/openapi.yaml).
const (
	// InboxInspectionDue: a scheduled checklist of one of the caller's departments is due
	// today or overdue.
	InboxInspectionDue = "safety.inspection_due"
	// InboxActionsAssigned: open corrective actions owned by the caller.
	InboxActionsAssigned = "safety.actions_assigned"
	// InboxActionsOverdue: open corrective actions of the store past their due date (managers).
	InboxActionsOverdue = "safety.actions_overdue"
	// InboxActionsVerify: corrective actions marked done wait for the manager's verification.
	InboxActionsVerify = "safety.actions_verify"
)

// InboxSource puts due inspections and corrective actions in the Today inbox of a store's
// supervisors and manager.
type InboxSource struct{ svc *Service }

// NewInboxSource returns the safety module's inbox source.
func NewInboxSource(svc *Service) *InboxSource { return &InboxSource{svc: svc} }

// Today answers the caller's entries for their store.
func (s *InboxSource) Today(ctx context.Context, p *authz.Principal, now time.Time) ([]inbox.Entry, error) {
	if p == nil || !p.Role.StoreBound() || p.StoreID == nil {
		return nil, nil
	}
	storeID := *p.StoreID
	loc, err := s.svc.Stores.StoreLocation(ctx, storeID)
	if err != nil {
		return nil, err
	}
	today := civil.Today(now, loc)
	out, err := s.due(ctx, p, storeID, today)
	if err != nil {
		return nil, err
	}
	more, err := s.actions(ctx, p, storeID, today)
	return append(out, more...), err
}

func (s *InboxSource) due(ctx context.Context, p *authz.Principal, storeID int64, today civil.Date) ([]inbox.Entry, error) {
	list, err := s.svc.schedules(ctx, storeID, scopeDepartments(p), "", today)
	if err != nil {
		return nil, err
	}
	var out []inbox.Entry
	for _, sc := range list {
		if sc.State != DueToday && sc.State != DueOverdue {
			continue
		}
		priority, zh := inbox.Normal, "今日待检"
		if sc.State == DueOverdue {
			priority, zh = inbox.High, "检查已逾期"
		}
		id, scheduleID := sc.TemplateID, sc.ID
		out = append(out, inbox.Entry{Kind: InboxInspectionDue, Priority: priority, StoreID: storeID,
			DepartmentCode: sc.DepartmentCode, ResourceType: "inspection_schedule", ResourceID: &scheduleID, Count: 1, Menu: "safety",
			Link: fmt.Sprintf("/safety/inspections/new?template_id=%d&department_code=%s", id, sc.DepartmentCode),
			Title: inbox.Title{Zh: fmt.Sprintf("%s：%s（%s）", zh, sc.TemplateTitle, sc.DepartmentCode),
				En: fmt.Sprintf("Inspection %s: %s (%s)", sc.State, sc.TemplateTitle, sc.DepartmentCode)},
			Params: map[string]string{"template_id": strconv.FormatInt(id, 10), "template_title": sc.TemplateTitle,
				"department_code": sc.DepartmentCode, "state": sc.State, "due_date": sc.DueDate.String()}})
	}
	return out, nil
}

func (s *InboxSource) actions(ctx context.Context, p *authz.Principal, storeID int64, today civil.Date) ([]inbox.Entry, error) {
	count := func(where string, args ...any) (int64, error) {
		var n int64
		err := s.svc.db.WithContext(ctx).Model(&actionRow{}).Where("store_id = ?", storeID).Where(where, args...).Count(&n).Error
		return n, err
	}
	var out []inbox.Entry
	mine, err := count("owner_id = ? AND status = ?", p.UserID, ActionOpen)
	if err != nil {
		return nil, err
	}
	if mine > 0 {
		late, err := count("owner_id = ? AND status = ? AND due_date < ?", p.UserID, ActionOpen, today)
		if err != nil {
			return nil, err
		}
		priority := inbox.Normal
		if late > 0 {
			priority = inbox.High
		}
		out = append(out, inbox.Entry{Kind: InboxActionsAssigned, Priority: priority, StoreID: storeID, Count: int(mine),
			Menu: "safety", Link: "/safety/actions?mine=true",
			Title:  inbox.Title{Zh: fmt.Sprintf("%d 项整改待完成", mine), En: fmt.Sprintf("%d corrective actions to do", mine)},
			Params: map[string]string{"actions": strconv.FormatInt(mine, 10), "overdue": strconv.FormatInt(late, 10)}})
	}
	if !manages(p, storeID) {
		return out, nil
	}
	late, err := count("status = ? AND due_date < ?", ActionOpen, today)
	if err != nil {
		return nil, err
	}
	if late > 0 {
		out = append(out, inbox.Entry{Kind: InboxActionsOverdue, Priority: inbox.High, StoreID: storeID, Count: int(late),
			Menu: "safety", Link: "/safety/actions?overdue=true",
			Title:  inbox.Title{Zh: fmt.Sprintf("%d 项整改已逾期", late), En: fmt.Sprintf("%d corrective actions are overdue", late)},
			Params: map[string]string{"actions": strconv.FormatInt(late, 10)}})
	}
	verify, err := count("status = ? AND (done_by IS NULL OR done_by <> ?)", ActionDone, p.UserID)
	if err != nil {
		return nil, err
	}
	if verify > 0 {
		out = append(out, inbox.Entry{Kind: InboxActionsVerify, Priority: inbox.Normal, StoreID: storeID, Count: int(verify),
			Menu: "safety", Link: "/safety/actions?status=done",
			Title:  inbox.Title{Zh: fmt.Sprintf("%d 项整改待验证", verify), En: fmt.Sprintf("%d corrective actions wait for verification", verify)},
			Params: map[string]string{"actions": strconv.FormatInt(verify, 10)}})
	}
	return out, nil
}
