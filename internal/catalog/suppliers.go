package catalog

import (
	"context"
	"slices"

	"gorm.io/gorm"

	"github.com/storeops/storeops/internal/platform/apperr"
)

// Suppliers turns supplier codes into ids and back, one query per call, on the caller's
// connection (db: a transaction or the database); the supplier module implements it.
type Suppliers interface {
	SupplierIDs(ctx context.Context, db *gorm.DB, codes []string) (map[string]int64, error)
	SupplierCodes(ctx context.Context, db *gorm.DB, ids []int64) (map[int64]string, error)
}

// withSupplierCodes fills in the supplier codes of ps from their supplier ids, in one query.
func (s *Service) withSupplierCodes(ctx context.Context, db *gorm.DB, ps []Product) error {
	var ids []int64
	for _, p := range ps {
		if p.SupplierID != nil {
			ids = append(ids, *p.SupplierID)
		}
	}
	if len(ids) == 0 {
		return nil
	}
	codes, err := s.sups.SupplierCodes(ctx, db, slices.Compact(slices.Sorted(slices.Values(ids))))
	if err != nil {
		return err
	}
	for i, p := range ps {
		if p.SupplierID != nil {
			code := codes[*p.SupplierID]
			ps[i].SupplierCode = &code
		}
	}
	return nil
}

// supplierIDs answers the ids of the supplier codes that ps name, in one query.
func (s *Service) supplierIDs(ctx context.Context, db *gorm.DB, ps []Product) (map[string]int64, error) {
	var codes []string
	for _, p := range ps {
		if p.SupplierCode != nil {
			codes = append(codes, *p.SupplierCode)
		}
	}
	if len(codes) == 0 {
		return map[string]int64{}, nil
	}
	return s.sups.SupplierIDs(ctx, db, slices.Compact(slices.Sorted(slices.Values(codes))))
}

// setSupplier points p at the supplier its code names (none when the code is nil), or adds
// a supplier_code problem to fe when no supplier has that code.
func setSupplier(fe apperr.FieldErrors, p *Product, ids map[string]int64) {
	if p.SupplierCode == nil {
		p.SupplierID = nil
		return
	}
	id, ok := ids[*p.SupplierCode]
	if !ok {
		fe.Add("supplier_code", "no supplier has the code "+*p.SupplierCode)
		return
	}
	p.SupplierID = &id
}

// allProducts reads the whole catalogue with its supplier codes (two queries), for imports.
func (s *Service) allProducts(ctx context.Context, db *gorm.DB) ([]Product, error) {
	rows, err := allRows(ctx, db)
	if err != nil {
		return nil, err
	}
	ps := make([]Product, len(rows))
	for i, r := range rows {
		ps[i] = toProduct(r)
	}
	return ps, s.withSupplierCodes(ctx, db, ps)
}
