package catalog_test

import (
	"context"
	"errors"
	"testing"

	"github.com/storeops/storeops/internal/catalog"
	"github.com/storeops/storeops/internal/platform/apperr"
	"github.com/storeops/storeops/internal/platform/authz"
	"github.com/storeops/storeops/internal/platform/fixed"
	"github.com/storeops/storeops/internal/platform/idempotency"
	"github.com/storeops/storeops/internal/testutil"
)

// testCategory marks the products tests make, apart from any demo products the seed adds.
const testCategory = "测试"

// fixture is a catalogue service on a seeded database of one dialect.
type fixture struct {
	t   *testing.T
	env *testutil.Env
	svc *catalog.Service
	ctx context.Context
	// by is the caller of every use case: the catalogue is the admin's.
	by *authz.Principal
}

func newFixture(t *testing.T, dialect string) *fixture {
	t.Helper()
	env := testutil.NewEnv(t, dialect)
	svc := catalog.NewService(env.DB, env.App.Audit, env.App.Org, env.App.Supplier, idempotency.New(env.Clock.Now), env.Clock.Now)
	return &fixture{t: t, env: env, svc: svc, ctx: context.Background(), by: authz.System("test")}
}

// product is a valid test product with the given SKU.
func product(sku string) catalog.Product {
	return catalog.Product{SKU: sku, Name: "测试青菜 " + sku, DepartmentCode: "produce", Category: testCategory,
		Unit: catalog.UnitKg, CasePack: fixed.QtyOf(5), ShelfLifeDays: 2, CostPrice: 320, RetailPrice: 449,
		Perishable: true, Location: "A01-01", Active: true}
}

func (f *fixture) create(p catalog.Product) catalog.Product {
	f.t.Helper()
	got, err := f.svc.Create(f.ctx, f.by, p)
	if err != nil {
		f.t.Fatalf("create %s: %v", p.SKU, err)
	}
	return got
}

// productAudits counts the audit entries about products.
func (f *fixture) productAudits() int64 {
	f.t.Helper()
	var n int64
	if err := f.env.DB.Table("audit_log").Where("entity_type = ?", "product").Count(&n).Error; err != nil {
		f.t.Fatal(err)
	}
	return n
}

// testProducts counts the products in the test category.
func (f *fixture) testProducts() int64 {
	f.t.Helper()
	var n int64
	if err := f.env.DB.Table("products").Where("category = ?", testCategory).Count(&n).Error; err != nil {
		f.t.Fatal(err)
	}
	return n
}

// fields returns the field errors of err, failing the test when it has none.
func fields(t *testing.T, err error) apperr.FieldErrors {
	t.Helper()
	var fe apperr.FieldErrors
	if !errors.As(err, &fe) {
		t.Fatalf("want field errors, got %v", err)
	}
	return fe
}

// code returns the apperr code of err ("" when it has none).
func code(err error) string {
	var ae *apperr.Error
	if errors.As(err, &ae) {
		return ae.Code
	}
	return ""
}

func ptr[T any](v T) *T { return &v }
