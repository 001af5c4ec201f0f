package training

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"github.com/storeops/storeops/internal/inbox"
	"github.com/storeops/storeops/internal/platform/authz"
)

// Kinds of the module's Today entries (documented in api/openapi.yaml).
const (
	// InboxCertificateExpiring: food handlers of the store whose health certificate is
	// missing, expired or expires within 30 days (store managers).
	InboxCertificateExpiring = "training.certificate_expiring"
	// InboxOverdue: employees whose required training has lapsed or never happened (store
	// managers).
	InboxOverdue = "training.overdue"
)

// InboxSource puts lapsing health certificates and overdue trainings in the Today inbox of
// a store's manager.
type InboxSource struct{ svc *Service }

// NewInboxSource returns the training module's inbox source.
func NewInboxSource(svc *Service) *InboxSource { return &InboxSource{svc: svc} }

// Today answers the store manager's entries for their store.
func (s *InboxSource) Today(ctx context.Context, p *authz.Principal, _ time.Time) ([]inbox.Entry, error) {
	if p == nil || p.Role != authz.RoleStoreManager || p.StoreID == nil {
		return nil, nil
	}
	storeID := *p.StoreID
	var out []inbox.Entry
	certs, err := s.svc.standing(ctx, storeID, ExpiringWindow)
	if err != nil {
		return nil, err
	}
	if len(certs) > 0 {
		lapsed := 0
		for _, c := range certs {
			if c.State == CertExpired || c.State == CertMissing {
				lapsed++
			}
		}
		priority := inbox.Normal
		if lapsed > 0 {
			priority = inbox.High
		}
		out = append(out, inbox.Entry{Kind: InboxCertificateExpiring, Priority: priority, StoreID: storeID, Count: len(certs),
			Menu: "training", Link: "/training?tab=certificates",
			Title: inbox.Title{Zh: fmt.Sprintf("%d 名员工健康证即将到期或已失效", len(certs)),
				En: fmt.Sprintf("%d food handlers' health certificates expire soon or have lapsed", len(certs))},
			Params: map[string]string{"employees": strconv.Itoa(len(certs)), "lapsed": strconv.Itoa(lapsed)}})
	}
	late, err := s.svc.overdue(ctx, storeID)
	if err != nil {
		return nil, err
	}
	if len(late) > 0 {
		out = append(out, inbox.Entry{Kind: InboxOverdue, Priority: inbox.Normal, StoreID: storeID, Count: len(late),
			Menu: "training", Link: "/training?tab=overdue",
			Title: inbox.Title{Zh: fmt.Sprintf("%d 项必修培训已逾期", len(late)),
				En: fmt.Sprintf("%d required trainings are overdue", len(late))},
			Params: map[string]string{"trainings": strconv.Itoa(len(late))}})
	}
	return out, nil
}
