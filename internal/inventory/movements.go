package inventory

import (
	"context"
	"time"

	"github.com/storeops/storeops/internal/catalog"
	"github.com/storeops/storeops/internal/platform/authz"
	"github.com/storeops/storeops/internal/platform/civil"
	"github.com/storeops/storeops/internal/platform/fixed"
	"github.com/storeops/storeops/internal/platform/paging"
)

// MovementFilter narrows the ledger.
type MovementFilter struct {
	SKU      string
	Kind     string
	From, To *civil.Date
	RefType  string
	RefID    string
}

// Movement is one ledger entry with its product.
type Movement struct {
	ID        int64
	Seq       int64
	Product   catalog.Ref
	Date      civil.Date
	Kind      string
	Qty       fixed.Qty
	RefType   string
	RefID     string
	ActorID   *int64
	CreatedAt time.Time
}

// Movements lists a store's ledger in the caller's scope, newest first (by the store's
// sequence). A supervisor sees the movements of their departments' products.
func (s *Service) Movements(ctx context.Context, p *authz.Principal, storeID int64, f MovementFilter, pg paging.Page) ([]Movement, int64, error) {
	if err := p.RequireStore(storeID); err != nil {
		return nil, 0, err
	}
	q := s.db.WithContext(ctx).Model(&movementRow{}).Where("store_id = ?", storeID)
	if f.SKU != "" {
		refs, err := s.products.RefsBySKU(ctx, []string{f.SKU})
		if err != nil {
			return nil, 0, err
		}
		ref, ok := refs[f.SKU]
		if !ok || !p.CanSeeDepartment(storeID, ref.DepartmentCode) {
			return nil, 0, nil
		}
		q = q.Where("product_id = ?", ref.ID)
	} else if p.Role == authz.RoleSupervisor {
		scope := s.products.Subquery(s.db, catalog.Filter{DepartmentCodes: append([]string{}, p.DepartmentCodes...)})
		q = q.Where("product_id IN (?)", s.db.Table("(?) AS p", scope).Select("p.id"))
	}
	if f.Kind != "" {
		q = q.Where("kind = ?", f.Kind)
	}
	if f.From != nil {
		q = q.Where("business_date >= ?", *f.From)
	}
	if f.To != nil {
		q = q.Where("business_date <= ?", *f.To)
	}
	if f.RefType != "" {
		q = q.Where("ref_type = ?", f.RefType)
	}
	if f.RefID != "" {
		q = q.Where("ref_id = ?", f.RefID)
	}
	var total int64
	if err := q.Count(&total).Error; err != nil {
		return nil, 0, err
	}
	var rows []movementRow
	if err := q.Order("seq DESC").Offset(pg.Offset()).Limit(pg.PageSize).Find(&rows).Error; err != nil {
		return nil, 0, err
	}
	ids := make([]int64, len(rows))
	for i, r := range rows {
		ids[i] = r.ProductID
	}
	refs, err := s.products.RefsByID(ctx, ids)
	if err != nil {
		return nil, 0, err
	}
	out := make([]Movement, len(rows))
	for i, r := range rows {
		out[i] = Movement{ID: r.ID, Seq: r.Seq, Product: refs[r.ProductID], Date: r.BusinessDate, Kind: r.Kind,
			Qty: r.Qty, RefType: r.RefType, RefID: r.RefID, ActorID: r.ActorID, CreatedAt: r.CreatedAt}
	}
	return out, total, nil
}
