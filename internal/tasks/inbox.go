package tasks

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"github.com/storeops/storeops/internal/inbox"
	"github.com/storeops/storeops/internal/platform/authz"
	"github.com/storeops/storeops/internal/platform/civil"
)

// Inbox kinds (documented in api/openapi.yaml).
const (
	InboxDue     = "task.due"
	InboxOverdue = "task.overdue"
)

// inboxDays is how many days back open tasks still show as overdue in the inbox.
const inboxDays = 7

// maxInbox bounds the tasks one caller's inbox reads.
const maxInbox = 200

// InboxSource puts the caller's open tasks of today (their departments' and those assigned
// to them) and their overdue tasks of the last week in the Today inbox.
type InboxSource struct{ svc *Service }

// NewInboxSource returns the tasks module's inbox source.
func NewInboxSource(svc *Service) *InboxSource { return &InboxSource{svc: svc} }

// Today answers one entry per open task of the caller's: task.due for today's, task.overdue
// (high priority) for those past their due time.
func (s *InboxSource) Today(ctx context.Context, p *authz.Principal, now time.Time) ([]inbox.Entry, error) {
	if p == nil || p.StoreID == nil || !p.HasRole(authz.RoleSupervisor, authz.RoleStoreManager) {
		return nil, nil
	}
	loc, err := s.svc.Org.StoreLocation(ctx, *p.StoreID)
	if err != nil {
		return nil, err
	}
	today := civil.Today(now, loc)
	scope := Scope{UserID: p.UserID}
	if p.Role == authz.RoleSupervisor {
		scope.Departments = p.DepartmentCodes
	}
	var rows []taskRow
	err = scope.where(s.svc.db.WithContext(ctx).Model(&taskRow{}).
		Select("id, store_id, department_code, title_zh, title_en, business_date, due_at").
		Where("store_id = ? AND status = ? AND business_date >= ? AND business_date <= ?", *p.StoreID, StatusOpen,
			today.AddDays(-inboxDays), today)).
		Order("due_at, id").Limit(maxInbox).Find(&rows).Error
	if err != nil {
		return nil, err
	}
	out := make([]inbox.Entry, 0, len(rows))
	for _, r := range rows {
		id, due := r.ID, r.DueAt
		kind, priority := InboxDue, inbox.Normal
		zh, en := "今日任务："+r.TitleZh, "Task due today: "+or(r.TitleEn, r.TitleZh)
		if now.After(due) {
			kind, priority = InboxOverdue, inbox.High
			zh, en = "任务已逾期："+r.TitleZh, "Task overdue: "+or(r.TitleEn, r.TitleZh)
		}
		out = append(out, inbox.Entry{Kind: kind, Priority: priority, DueAt: &due,
			Link: fmt.Sprintf("/tasks?id=%d", id), ResourceType: "task", ResourceID: &id, StoreID: r.StoreID,
			DepartmentCode: r.DepartmentCode, Count: 1, Menu: "tasks", Title: inbox.Title{Zh: zh, En: en},
			Params: map[string]string{"task_id": strconv.FormatInt(id, 10), "title": r.TitleZh,
				"title_en": or(r.TitleEn, r.TitleZh), "business_date": r.BusinessDate.String()}})
	}
	return out, nil
}

func or(a, b string) string {
	if a != "" {
		return a
	}
	return b
}
