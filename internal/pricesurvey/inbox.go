package pricesurvey

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"github.com/storeops/storeops/internal/inbox"
	"github.com/storeops/storeops/internal/platform/authz"
)

// InboxRequests is the kind of the inbox entry "price-change requests wait for your decision"
// (documented in api/openapi.yaml).
const InboxRequests = "price_change.decide"

// InboxSource puts the open price-change requests of the store manager's store in their
// Today inbox, as one entry.
type InboxSource struct{ svc *Service }

// NewInboxSource returns the price-survey module's inbox source.
func NewInboxSource(svc *Service) *InboxSource { return &InboxSource{svc: svc} }

// Today answers one entry counting the open requests.
func (s *InboxSource) Today(ctx context.Context, p *authz.Principal, _ time.Time) ([]inbox.Entry, error) {
	if p == nil || p.Role != authz.RoleStoreManager || p.StoreID == nil {
		return nil, nil
	}
	var count int64
	err := s.svc.db.WithContext(ctx).Model(&requestRow{}).Where("store_id = ? AND status = ?", *p.StoreID, RequestOpen).
		Count(&count).Error
	if err != nil || count == 0 {
		return nil, err
	}
	n := strconv.FormatInt(count, 10)
	return []inbox.Entry{{Kind: InboxRequests, Priority: inbox.Normal, Link: "/price-surveys?view=requests",
		StoreID: *p.StoreID, Count: int(count), Menu: "price-surveys",
		Title:  inbox.Title{Zh: fmt.Sprintf("%s 条调价申请待您处理", n), En: fmt.Sprintf("%s price change requests wait for your decision", n)},
		Params: map[string]string{"requests": n}}}, nil
}
