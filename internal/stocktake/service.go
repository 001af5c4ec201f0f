package stocktake

import (
	"context"
	"fmt"
	"slices"
	"time"

	"gorm.io/gorm"

	"github.com/storeops/storeops/internal/catalog"
	"github.com/storeops/storeops/internal/inventory"
	"github.com/storeops/storeops/internal/platform/apperr"
	"github.com/storeops/storeops/internal/platform/audit"
	"github.com/storeops/storeops/internal/platform/authz"
	"github.com/storeops/storeops/internal/platform/database"
	"github.com/storeops/storeops/internal/platform/idempotency"
)

// Catalog finds the products a stocktake covers.
type Catalog interface {
	FindRefs(ctx context.Context, f catalog.Filter) ([]catalog.Ref, error)
	RefsBySKU(ctx context.Context, skus []string) (map[string]catalog.Ref, error)
}

// Stores tells a store's time zone and the departments it runs.
type Stores interface {
	StoreLocation(ctx context.Context, storeID int64) (*time.Location, error)
	StoreDepartments(ctx context.Context, p *authz.Principal, storeID int64) ([]string, error)
}

// Service is the stocktake use cases; every change runs one transaction with its audit entry.
type Service struct {
	db        *gorm.DB
	catalog   Catalog
	stores    Stores
	inventory *inventory.Service
	approvers Approvers
	audit     *audit.Log
	keys      *idempotency.Store
	notify    Notifier
	now       func() time.Time
}

// NewService wires the stocktake module.
func NewService(db *gorm.DB, cat Catalog, stores Stores, inv *inventory.Service, approvers Approvers, log *audit.Log,
	keys *idempotency.Store, notify Notifier, now func() time.Time) *Service {
	return &Service{db: db, catalog: cat, stores: stores, inventory: inv, approvers: approvers, audit: log, keys: keys,
		notify: notify, now: now}
}

// Create plans a stocktake: the scope is resolved to products now, and none of them may be
// in another open stocktake of the store (409 overlap).
func (s *Service) Create(ctx context.Context, p *authz.Principal, st Stocktake, pctSet, valueSet bool) (Stocktake, error) {
	if err := p.RequireStore(st.StoreID); err != nil {
		return Stocktake{}, err
	}
	depts, err := s.stores.StoreDepartments(ctx, p, st.StoreID)
	if err != nil {
		return Stocktake{}, err
	}
	if st.DepartmentCode == "" {
		if p.Role == authz.RoleSupervisor {
			return Stocktake{}, apperr.New(apperr.ErrForbidden, "forbidden", "a whole-store stocktake is planned by the store manager")
		}
	} else if !slices.Contains(depts, st.DepartmentCode) {
		return Stocktake{}, apperr.Field("department_code", "the store does not run department "+st.DepartmentCode)
	} else if err := p.RequireDepartment(st.StoreID, st.DepartmentCode); err != nil {
		return Stocktake{}, err
	}
	tol, err := s.tolerance(ctx, st.DepartmentCode)
	if err != nil {
		return Stocktake{}, err
	}
	if !pctSet {
		st.TolerancePct = tol.Pct
	}
	if !valueSet {
		st.ToleranceValue = tol.Value
	}
	if err := Validate(st); err != nil {
		return Stocktake{}, err
	}
	refs, err := s.resolveScope(ctx, st, depts)
	if err != nil {
		return Stocktake{}, err
	}
	if len(refs) == 0 {
		return Stocktake{}, apperr.New(apperr.ErrRule, "empty_scope", "no product is in this stocktake's scope")
	}
	now := s.now()
	r := stocktakeRow{StoreID: st.StoreID, DepartmentCode: st.DepartmentCode, Scope: st.Scope,
		CategoriesJSON: mustJSON(st.Categories), ZonesJSON: mustJSON(st.Zones), Blind: st.Blind,
		TolerancePct: st.TolerancePct, ToleranceValue: st.ToleranceValue, Note: st.Note, Status: StatusPlanned,
		ItemCount: len(refs), CreatedBy: p.ActorID(), Version: 1, CreatedAt: now, UpdatedAt: now}
	err = database.Tx(ctx, s.db, func(tx *gorm.DB) error {
		r.ID = 0 // a retried attempt inserts afresh
		// The store lock serialises plans of one store, so the overlap check cannot race.
		if _, err := s.inventory.Lock(ctx, tx, st.StoreID); err != nil {
			return err
		}
		if err := checkOverlap(ctx, tx, st.StoreID, refs); err != nil {
			return err
		}
		if err := tx.Create(&r).Error; err != nil {
			return err
		}
		err := itemBulk.Insert(ctx, tx, len(refs), func(i int, a []any) []any {
			f := refs[i]
			return append(a, r.ID, f.ID, st.StoreID, f.SKU, f.Name, f.DepartmentCode, f.Location, f.CostPrice,
				f.Perishable, f.ShelfLifeDays, 0)
		})
		if err != nil {
			return err
		}
		return s.audit.Write(ctx, tx, p, audit.Entry{Action: "stocktake.create", EntityType: "stocktake",
			EntityID: audit.ID(r.ID), StoreID: &r.StoreID, After: auditJSON(toStocktake(r))})
	})
	return toStocktake(r), err
}

// resolveScope lists the products a plan covers, sorted by SKU and without duplicates.
func (s *Service) resolveScope(ctx context.Context, st Stocktake, depts []string) ([]catalog.Ref, error) {
	var out []catalog.Ref
	switch {
	case len(st.SKUs) > 0:
		found, err := s.catalog.RefsBySKU(ctx, st.SKUs)
		if err != nil {
			return nil, err
		}
		fe := apperr.FieldErrors{}
		for i, sku := range st.SKUs {
			f, ok := found[sku]
			switch {
			case !ok:
				fe.Add(fmt.Sprintf("skus[%d]", i), "unknown SKU "+sku)
			case f.DepartmentCode != st.DepartmentCode:
				fe.Add(fmt.Sprintf("skus[%d]", i), "SKU "+sku+" is not in department "+st.DepartmentCode)
			default:
				out = append(out, f)
			}
		}
		if err := fe.Err(); err != nil {
			return nil, err
		}
	case len(st.Categories) > 0:
		for _, c := range st.Categories {
			refs, err := s.catalog.FindRefs(ctx, catalog.Filter{DepartmentCode: st.DepartmentCode, Category: c})
			if err != nil {
				return nil, err
			}
			out = append(out, refs...)
		}
	default:
		if st.DepartmentCode != "" {
			depts = []string{st.DepartmentCode}
		}
		for _, d := range depts {
			refs, err := s.catalog.FindRefs(ctx, catalog.Filter{DepartmentCode: d})
			if err != nil {
				return nil, err
			}
			out = append(out, refs...)
		}
	}
	slices.SortFunc(out, func(a, b catalog.Ref) int { return int(a.ID - b.ID) })
	return slices.CompactFunc(out, func(a, b catalog.Ref) bool { return a.ID == b.ID }), nil
}

func checkOverlap(ctx context.Context, tx *gorm.DB, storeID int64, refs []catalog.Ref) error {
	ids := make([]int64, len(refs))
	for i, f := range refs {
		ids[i] = f.ID
	}
	for start := 0; start < len(ids); start += 1000 {
		var hit []struct {
			StocktakeID int64
			SKU         string `gorm:"column:sku"`
		}
		err := tx.WithContext(ctx).Table("stocktake_items AS i").Select("i.stocktake_id, i.sku").
			Joins("JOIN stocktakes s ON s.id = i.stocktake_id").
			Where("i.store_id = ? AND s.status IN ? AND i.product_id IN ?", storeID, OpenStatuses, ids[start:min(start+1000, len(ids))]).
			Limit(1).Scan(&hit).Error
		if err != nil {
			return err
		}
		if len(hit) > 0 {
			return apperr.New(apperr.ErrConflict, "overlap", fmt.Sprintf(
				"SKU %s is already in open stocktake %d: two open stocktakes may not count the same SKU", hit[0].SKU, hit[0].StocktakeID))
		}
	}
	return nil
}

func (s *Service) tolerance(ctx context.Context, dept string) (Tolerance, error) {
	t := Tolerance{Pct: DefaultTolerancePct, Value: DefaultToleranceValue}
	if dept == "" {
		return t, nil
	}
	var rows []toleranceRow
	if err := s.db.WithContext(ctx).Where("department_code = ?", dept).Find(&rows).Error; err != nil {
		return t, err
	}
	if len(rows) == 1 {
		t = Tolerance{Pct: rows[0].TolerancePct, Value: rows[0].ToleranceValue}
	}
	return t, nil
}

// load answers a stocktake in the caller's scope (404 otherwise).
func (s *Service) load(ctx context.Context, db *gorm.DB, p *authz.Principal, id int64, lock bool) (stocktakeRow, error) {
	var r stocktakeRow
	var err error
	if lock {
		r, err = lockStocktake(ctx, db, id)
	} else {
		r, err = loadStocktake(ctx, db, id)
	}
	if err != nil {
		return r, err
	}
	ok, err := s.reaches(ctx, db, p, r)
	if err != nil {
		return stocktakeRow{}, err
	}
	if !ok {
		return stocktakeRow{}, fmt.Errorf("stocktake %d: %w", id, apperr.ErrNotFound)
	}
	return r, nil
}

// Visible answers ErrNotFound unless the stocktake exists in the caller's scope.
func (s *Service) Visible(ctx context.Context, p *authz.Principal, id int64) error {
	_, err := s.load(ctx, s.db, p, id, false)
	return err
}

// visible: a supervisor sees the stocktakes of their departments and whole-store ones.
func visible(p *authz.Principal, r stocktakeRow) bool {
	if r.DepartmentCode == "" {
		return p.CanSeeStore(r.StoreID)
	}
	return p.CanSeeDepartment(r.StoreID, r.DepartmentCode)
}

// Start freezes the book: under the store's stock lock it records the store's movement
// sequence number and each item's on-hand, so variance is measured against that instant
// while selling goes on. A note goes to the audit log.
func (s *Service) Start(ctx context.Context, p *authz.Principal, id int64, note string) (Stocktake, error) {
	return s.changeAudited(ctx, p, id, true, "stocktake.start", func(tx *gorm.DB, r stocktakeRow) error {
		if r.Status != StatusPlanned {
			return wrongState(StatusPlanned, r.Status)
		}
		last, err := s.inventory.Lock(ctx, tx, r.StoreID)
		if err != nil {
			return err
		}
		items, err := loadItems(ctx, tx, r.ID)
		if err != nil {
			return err
		}
		ids := make([]int64, len(items))
		for i, it := range items {
			ids[i] = it.ProductID
		}
		book, err := s.inventory.BalancesTx(ctx, tx, r.StoreID, ids)
		if err != nil {
			return err
		}
		err = itemBulk.Insert(ctx, tx, len(items), func(i int, a []any) []any {
			f := items[i]
			return append(a, f.StocktakeID, f.ProductID, f.StoreID, f.SKU, f.Name, f.DepartmentCode, f.Location,
				f.UnitCost, f.Perishable, f.ShelfLifeDays, book[f.ProductID])
		})
		if err != nil {
			return err
		}
		return transition(ctx, tx, r.ID, StatusPlanned, StatusCounting,
			map[string]any{"frozen_seq": last, "started_at": s.now()}, s.now())
	}, noted(note))
}

// change runs one state change of a stocktake in a transaction: the store's stock lock when
// stock is read or booked, the stocktake's lock, fn, and the audit entry with before/after.
func (s *Service) change(ctx context.Context, p *authz.Principal, id int64, stockLock bool, action string,
	fn func(tx *gorm.DB, r stocktakeRow) error) (Stocktake, error) {
	return s.changeAudited(ctx, p, id, stockLock, action, fn, nil)
}

// changeAudited is change whose audit entry's after is audited(the stocktake) instead of the
// stocktake alone (nil: the stocktake alone).
func (s *Service) changeAudited(ctx context.Context, p *authz.Principal, id int64, stockLock bool, action string,
	fn func(tx *gorm.DB, r stocktakeRow) error, audited func(stocktakeJSON) any) (Stocktake, error) {
	var after stocktakeRow
	// A stocktake never changes store, so its store is read before the transaction: on MySQL
	// the first plain read inside it fixes the snapshot, which must come after the stock lock.
	peek, err := s.load(ctx, s.db, p, id, false)
	if err != nil {
		return Stocktake{}, err
	}
	err = database.Tx(ctx, s.db, func(tx *gorm.DB) error {
		if stockLock {
			if _, err := s.inventory.Lock(ctx, tx, peek.StoreID); err != nil {
				return err
			}
		}
		before, err := s.load(ctx, tx, p, id, true)
		if err != nil {
			return err
		}
		if err := fn(tx, before); err != nil {
			return err
		}
		if after, err = loadStocktake(ctx, tx, id); err != nil {
			return err
		}
		var afterJSON any = auditJSON(toStocktake(after))
		if audited != nil {
			afterJSON = audited(auditJSON(toStocktake(after)))
		}
		return s.audit.Write(ctx, tx, p, audit.Entry{Action: action, EntityType: "stocktake", EntityID: audit.ID(id),
			StoreID: &after.StoreID, Before: auditJSON(toStocktake(before)), After: afterJSON})
	})
	return toStocktake(after), err
}
