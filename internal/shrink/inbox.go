package shrink

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"github.com/storeops/storeops/internal/inbox"
	"github.com/storeops/storeops/internal/platform/authz"
)

// InboxApprove is the kind of the inbox entry "write-offs and markdowns wait for your
// approval" (documented in api/openapi.yaml).
const InboxApprove = "shrink.approve"

// InboxSource puts the store's pending write-offs and markdowns in the Today inbox of whoever
// approves them now (the store manager, or the active deputy for those they did not make).
type InboxSource struct{ svc *Service }

// NewInboxSource returns the shrink module's inbox source.
func NewInboxSource(svc *Service) *InboxSource { return &InboxSource{svc: svc} }

// Today answers one entry when something waits for the caller's approval.
func (s *InboxSource) Today(ctx context.Context, p *authz.Principal, _ time.Time) ([]inbox.Entry, error) {
	if p == nil || !p.Role.StoreBound() || p.StoreID == nil {
		return nil, nil
	}
	storeID := *p.StoreID
	ok, err := s.svc.Approves(ctx, p, storeID)
	if err != nil || !ok {
		return nil, err
	}
	count := func(model any) (int64, error) {
		q := s.svc.db.WithContext(ctx).Model(model).Where("store_id = ? AND status = ?", storeID, WriteOffPending)
		if id := p.ActorID(); p.Role == authz.RoleSupervisor && id != nil {
			q = q.Where("created_by IS NULL OR created_by <> ?", *id)
		}
		var n int64
		err := q.Count(&n).Error
		return n, err
	}
	writeOffs, err := count(&writeOffRow{})
	if err != nil {
		return nil, err
	}
	markdowns, err := count(&markdownRow{})
	if err != nil || writeOffs+markdowns == 0 {
		return nil, err
	}
	n := int(writeOffs + markdowns)
	return []inbox.Entry{{Kind: InboxApprove, Priority: inbox.High, Link: "/shrink?tab=approvals", StoreID: storeID,
		Count: n, Menu: "shrink", Title: inbox.Title{Zh: fmt.Sprintf("%d 笔报损或降价待审批", n),
			En: fmt.Sprintf("%d write-offs or markdowns wait for approval", n)},
		Params: map[string]string{"write_offs": strconv.FormatInt(writeOffs, 10),
			"markdowns": strconv.FormatInt(markdowns, 10)}}}, nil
}
