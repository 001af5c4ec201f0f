package supplier

import (
	"context"
	"fmt"
	"time"

	"gorm.io/gorm"

	"github.com/storeops/storeops/internal/platform/apperr"
	"github.com/storeops/storeops/internal/platform/audit"
	"github.com/storeops/storeops/internal/platform/authz"
	"github.com/storeops/storeops/internal/platform/database"
	"github.com/storeops/storeops/internal/platform/paging"
	"github.com/storeops/storeops/internal/platform/patch"
)

// Service holds the suppliers' use cases.
type Service struct {
	db    *gorm.DB
	audit *audit.Log
	now   func() time.Time
}

// NewService returns the supplier service.
func NewService(db *gorm.DB, log *audit.Log, now func() time.Time) *Service {
	return &Service{db: db, audit: log, now: now}
}

// Patch is a change to a supplier; nil fields stay. Version is the one the caller read.
type Patch struct {
	Code         *string
	Name         *string
	LeadTimeDays *int
	OrderCutoff  *string
	Contact      *string
	Active       *bool
	Version      int
}

// mayEdit reports whether p edits suppliers: admins only.
func mayEdit(p *authz.Principal) error {
	if p == nil {
		return apperr.ErrUnauthenticated
	}
	if !p.HasRole(authz.RoleAdmin) {
		return apperr.ErrForbidden
	}
	return nil
}

// List answers the suppliers every signed-in user may read.
func (s *Service) List(ctx context.Context, p *authz.Principal, f Filter, pg paging.Page) ([]Supplier, int64, error) {
	if p == nil {
		return nil, 0, apperr.ErrUnauthenticated
	}
	return list(ctx, s.db, f, pg)
}

// Get answers one supplier.
func (s *Service) Get(ctx context.Context, p *authz.Principal, id int64) (Supplier, error) {
	if p == nil {
		return Supplier{}, apperr.ErrUnauthenticated
	}
	return load(ctx, s.db, id)
}

// ByCodes answers the suppliers named by codes, keyed by code, in one query on tx (the
// caller's transaction, or the service's database when nil). Codes that name no supplier are
// absent from the answer. This is how another module (the catalogue) turns codes into ids.
func (s *Service) ByCodes(ctx context.Context, tx *gorm.DB, codes []string) (map[string]Supplier, error) {
	if tx == nil {
		tx = s.db
	}
	return byCodes(ctx, tx, codes)
}

// ByIDs answers the suppliers with the given ids, keyed by id, in one query on tx (or the
// service's database when nil).
func (s *Service) ByIDs(ctx context.Context, tx *gorm.DB, ids []int64) (map[int64]Supplier, error) {
	if tx == nil {
		tx = s.db
	}
	return byIDs(ctx, tx, ids)
}

// Create adds a supplier; audited.
func (s *Service) Create(ctx context.Context, p *authz.Principal, sup Supplier) (Supplier, error) {
	if err := mayEdit(p); err != nil {
		return Supplier{}, err
	}
	if err := Validate(sup); err != nil {
		return Supplier{}, err
	}
	now := s.now()
	sup.CreatedAt, sup.UpdatedAt = now, now
	var out Supplier
	err := database.Tx(ctx, s.db, func(tx *gorm.DB) error {
		var err error
		if out, err = insert(ctx, tx, sup); err != nil {
			return err
		}
		return s.audit.Write(ctx, tx, p, audit.Entry{Action: "supplier.create", EntityType: "supplier",
			EntityID: audit.ID(out.ID), After: ToJSON(out)})
	})
	return out, err
}

// Update changes a supplier read at patch.Version; a stale version is 409. Deactivating is a
// change like any other: products keep the supplier, plans skip it. Audited.
func (s *Service) Update(ctx context.Context, p *authz.Principal, id int64, change Patch) (Supplier, error) {
	if err := mayEdit(p); err != nil {
		return Supplier{}, err
	}
	now := s.now()
	var after Supplier
	err := database.Tx(ctx, s.db, func(tx *gorm.DB) error {
		before, err := load(ctx, tx, id)
		if err != nil {
			return err
		}
		next := before
		patch.Apply(&next.Code, change.Code)
		patch.Apply(&next.Name, change.Name)
		patch.Apply(&next.LeadTimeDays, change.LeadTimeDays)
		patch.Apply(&next.OrderCutoff, change.OrderCutoff)
		patch.Apply(&next.Contact, change.Contact)
		patch.Apply(&next.Active, change.Active)
		next.Version = change.Version
		if err := Validate(next); err != nil {
			return err
		}
		changes := map[string]any{"code": next.Code, "name": next.Name, "lead_time_days": next.LeadTimeDays,
			"order_cutoff": next.OrderCutoff, "contact": next.Contact, "active": next.Active}
		if err := database.UpdateVersioned(ctx, tx, &supplierRow{}, id, next.Version, changes, fmt.Sprintf("supplier %s", next.Code), now); err != nil {
			return err
		}
		if after, err = load(ctx, tx, id); err != nil {
			return err
		}
		return s.audit.Write(ctx, tx, p, audit.Entry{Action: "supplier.update", EntityType: "supplier",
			EntityID: audit.ID(id), Before: ToJSON(before), After: ToJSON(after)})
	})
	return after, err
}

// Seed adds the suppliers whose codes are not there yet, for the demo; it writes nothing when
// all exist.
func (s *Service) Seed(ctx context.Context, suppliers []Supplier) (int, error) {
	now := s.now()
	added := 0
	err := database.Tx(ctx, s.db, func(tx *gorm.DB) error {
		codes := make([]string, len(suppliers))
		for i, sup := range suppliers {
			codes[i] = sup.Code
		}
		have, err := byCodes(ctx, tx, codes)
		if err != nil {
			return err
		}
		var rows []supplierRow
		for _, sup := range suppliers {
			if _, ok := have[sup.Code]; ok {
				continue
			}
			if err := Validate(sup); err != nil {
				return fmt.Errorf("seed supplier %s: %w", sup.Code, err)
			}
			r := supplierRow(sup)
			r.ID, r.Version, r.CreatedAt, r.UpdatedAt = 0, 1, now, now
			rows = append(rows, r)
		}
		added = len(rows)
		if added == 0 {
			return nil
		}
		return tx.WithContext(ctx).Create(&rows).Error
	})
	return added, err
}

// SupplierIDs answers the ids of the suppliers named by codes, in one query on db (the
// catalogue's transaction); codes that name no supplier are absent.
func (s *Service) SupplierIDs(ctx context.Context, db *gorm.DB, codes []string) (map[string]int64, error) {
	sups, err := s.ByCodes(ctx, db, codes)
	out := make(map[string]int64, len(sups))
	for code, sup := range sups {
		out[code] = sup.ID
	}
	return out, err
}

// SupplierCodes answers the codes of the suppliers with the given ids, in one query on db.
func (s *Service) SupplierCodes(ctx context.Context, db *gorm.DB, ids []int64) (map[int64]string, error) {
	sups, err := s.ByIDs(ctx, db, ids)
	out := make(map[int64]string, len(sups))
	for id, sup := range sups {
		out[id] = sup.Code
	}
	return out, err
}
