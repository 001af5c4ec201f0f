package catalog

import (
	"context"
	"errors"
	"time"

	"github.com/storeops/storeops/internal/platform/authz"
	"github.com/storeops/storeops/internal/platform/idempotency"
	"github.com/storeops/storeops/internal/platform/paging"
	"github.com/storeops/storeops/internal/platform/patch"

	"gorm.io/gorm"

	"github.com/storeops/storeops/internal/platform/apperr"
	"github.com/storeops/storeops/internal/platform/audit"
	"github.com/storeops/storeops/internal/platform/database"
	"github.com/storeops/storeops/internal/platform/fixed"
)

// Departments tells which department codes exist; the organisation module implements it.
type Departments interface {
	DepartmentCodes(ctx context.Context) ([]string, error)
}

// Service is the catalogue's use cases. Every method that changes data runs one transaction
// with its audit entries.
type Service struct {
	db    *gorm.DB
	audit *audit.Log
	deps  Departments
	sups  Suppliers
	keys  *idempotency.Store
	now   func() time.Time
}

// NewService wires the catalogue module.
func NewService(db *gorm.DB, log *audit.Log, deps Departments, sups Suppliers, keys *idempotency.Store, now func() time.Time) *Service {
	return &Service{db: db, audit: log, deps: deps, sups: sups, keys: keys, now: now}
}

// List answers one page of the products matching f.
func (s *Service) List(ctx context.Context, f Filter, pg paging.Page) ([]Product, int64, error) {
	ps, total, err := findProducts(ctx, s.db, f, pg)
	if err != nil {
		return nil, 0, err
	}
	return ps, total, s.withSupplierCodes(ctx, s.db, ps)
}

// Get returns the product with exactly this SKU.
func (s *Service) Get(ctx context.Context, sku string) (Product, error) {
	return s.load(ctx, s.db, sku)
}

// load reads a product with its supplier code.
func (s *Service) load(ctx context.Context, db *gorm.DB, sku string) (Product, error) {
	r, err := loadBySKU(ctx, db, sku)
	if err != nil {
		return Product{}, err
	}
	ps := []Product{toProduct(r)}
	err = s.withSupplierCodes(ctx, db, ps)
	return ps[0], err
}

// Create adds a product (admin). It starts at version 1; a SKU or barcode already in use is
// a conflict.
func (s *Service) Create(ctx context.Context, p *authz.Principal, prod Product) (Product, error) {
	if err := s.validate(ctx, &prod); err != nil {
		return Product{}, err
	}
	now := s.now()
	prod.ID, prod.Version, prod.CreatedAt, prod.UpdatedAt = 0, 1, now, now
	var r productRow
	err := database.Tx(ctx, s.db, func(tx *gorm.DB) error {
		r = toRow(prod) // afresh on every attempt: Create fills in the id
		if err := conflicts(ctx, tx, prod); err != nil {
			return err
		}
		if err := tx.Create(&r).Error; err != nil {
			return database.Translate(err, "product "+prod.SKU)
		}
		if err := adjustCounts(ctx, tx, map[string]int64{r.DepartmentCode: 1}); err != nil {
			return err
		}
		created := toProduct(r)
		created.SupplierCode = prod.SupplierCode
		return s.audit.Write(ctx, tx, p, createEntry(created))
	})
	out := toProduct(r)
	out.SupplierCode = prod.SupplierCode
	return out, err
}

// Patch holds the fields of a product update; nil fields stay as they are. Barcode is set
// when the client sent it, to a value or (nil) to remove the barcode.
type Patch struct {
	Name           *string
	DepartmentCode *string
	Category       *string
	Unit           *string
	CasePack       *fixed.Qty
	ShelfLifeDays  *int
	CostPrice      *fixed.Money
	RetailPrice    *fixed.Money
	Perishable     *bool
	Barcode        patch.Field[string]
	Location       *string
	Active         *bool
	SupplierCode   patch.Field[string]
	MinOrderQty    *fixed.Qty
	Version        int
}

// Update changes a product if version is still current (admin). The SKU never changes.
func (s *Service) Update(ctx context.Context, p *authz.Principal, sku string, change Patch) (Product, error) {
	var after Product
	err := database.Tx(ctx, s.db, func(tx *gorm.DB) error {
		before, err := s.load(ctx, tx, sku)
		if err != nil {
			return err
		}
		next := change.apply(before)
		if err := s.validate(ctx, &next); err != nil {
			return err
		}
		if err := conflicts(ctx, tx, next); err != nil {
			return err
		}
		if err := updateVersioned(ctx, tx, next, change.Version, s.now()); err != nil {
			return err
		}
		if err := adjustCounts(ctx, tx, map[string]int64{before.DepartmentCode: -1, next.DepartmentCode: 1}); err != nil {
			return err
		}
		if after, err = s.load(ctx, tx, sku); err != nil {
			return err
		}
		return s.audit.Write(ctx, tx, p, updateEntry(before, after))
	})
	return after, err
}

func (change Patch) apply(p Product) Product {
	patch.Apply(&p.Name, change.Name)
	patch.Apply(&p.DepartmentCode, change.DepartmentCode)
	patch.Apply(&p.Category, change.Category)
	patch.Apply(&p.Unit, change.Unit)
	patch.Apply(&p.CasePack, change.CasePack)
	patch.Apply(&p.ShelfLifeDays, change.ShelfLifeDays)
	patch.Apply(&p.CostPrice, change.CostPrice)
	patch.Apply(&p.RetailPrice, change.RetailPrice)
	patch.Apply(&p.Perishable, change.Perishable)
	patch.Apply(&p.Location, change.Location)
	patch.Apply(&p.Active, change.Active)
	patch.Apply(&p.MinOrderQty, change.MinOrderQty)
	if change.SupplierCode.Set {
		p.SupplierCode = change.SupplierCode.Value
		if p.SupplierCode != nil && *p.SupplierCode == "" {
			p.SupplierCode = nil
		}
	}
	if change.Barcode.Set {
		p.Barcode = change.Barcode.Value
		if p.Barcode != nil && *p.Barcode == "" {
			p.Barcode = nil
		}
	}
	return p
}

// validate checks the product's fields, that its department exists and that its supplier
// code names a supplier, whose id it sets.
func (s *Service) validate(ctx context.Context, p *Product) error {
	codes, err := s.deps.DepartmentCodes(ctx)
	if err != nil {
		return err
	}
	ids, err := s.supplierIDs(ctx, s.db, []Product{*p})
	if err != nil {
		return err
	}
	fe := fieldErrors(Validate(*p))
	checkDepartment(fe, "department_code", p.DepartmentCode, codes)
	setSupplier(fe, p, ids)
	return fe.Err()
}

// fieldErrors returns the problems Validate found as a map to add to (empty when none).
func fieldErrors(err error) apperr.FieldErrors {
	var fe apperr.FieldErrors
	if errors.As(err, &fe) {
		return fe
	}
	return apperr.FieldErrors{}
}

func createEntry(p Product) audit.Entry {
	return audit.Entry{Action: "product.create", EntityType: "product", EntityID: p.SKU, After: p}
}

func updateEntry(before, after Product) audit.Entry {
	return audit.Entry{Action: "product.update", EntityType: "product", EntityID: after.SKU,
		Before: before, After: after}
}
