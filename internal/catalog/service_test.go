package catalog_test

import (
	"errors"
	"testing"

	"github.com/storeops/storeops/internal/platform/paging"
	"github.com/storeops/storeops/internal/platform/patch"

	"github.com/storeops/storeops/internal/catalog"
	"github.com/storeops/storeops/internal/platform/apperr"
	"github.com/storeops/storeops/internal/testutil"
)

func TestCreateGetUpdateConflicts(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, dialect string) {
		f := newFixture(t, dialect)
		audits := f.productAudits()
		p := product("T-1")
		p.Barcode = ptr("6900000000017")
		created := f.create(p)
		if created.ID == 0 || created.Version != 1 || created.CreatedAt.IsZero() {
			t.Fatalf("created %+v", created)
		}
		got, err := f.svc.Get(f.ctx, "T-1")
		if err != nil || got.CasePack != p.CasePack || got.CostPrice != 320 || got.RetailPrice != 449 || *got.Barcode != "6900000000017" {
			t.Fatalf("get: %+v %v", got, err)
		}
		if _, err := f.svc.Get(f.ctx, "t-1"); !errors.Is(err, apperr.ErrNotFound) {
			t.Errorf("SKUs are exact: get t-1 gave %v", err)
		}

		for name, dup := range map[string]catalog.Product{"same sku": product("T-1"), "other case": product("t-1")} {
			if _, err := f.svc.Create(f.ctx, f.by, dup); !errors.Is(err, apperr.ErrConflict) || code(err) != "duplicate" {
				t.Errorf("%s: want 409 duplicate, got %v", name, err)
			}
		}
		other := product("T-2")
		other.Barcode = ptr("6900000000017")
		if _, err := f.svc.Create(f.ctx, f.by, other); code(err) != "duplicate" {
			t.Errorf("barcode in use: got %v", err)
		}
		bad := product("T-3")
		bad.DepartmentCode, bad.RetailPrice = "toys", 0
		fe := fields(t, func() error { _, err := f.svc.Create(f.ctx, f.by, bad); return err }())
		if fe["department_code"] == "" || fe["retail_price"] == "" {
			t.Errorf("want department and price named, got %v", fe)
		}

		updated, err := f.svc.Update(f.ctx, f.by, "T-1", catalog.Patch{RetailPrice: ptr(created.RetailPrice + 50),
			Location: ptr("A02-07"), Barcode: patch.Field[string]{Set: true}, Version: 1})
		if err != nil {
			t.Fatalf("update: %v", err)
		}
		if updated.Version != 2 || updated.RetailPrice != 499 || updated.Location != "A02-07" || updated.Barcode != nil || updated.Name != p.Name {
			t.Errorf("updated %+v", updated)
		}
		if _, err := f.svc.Update(f.ctx, f.by, "T-1", catalog.Patch{Name: ptr("stale"), Version: 1}); code(err) != "stale_version" {
			t.Errorf("stale version: got %v", err)
		}
		if _, err := f.svc.Update(f.ctx, f.by, "NOPE", catalog.Patch{Name: ptr("x"), Version: 1}); !errors.Is(err, apperr.ErrNotFound) {
			t.Errorf("missing product: got %v", err)
		}
		_, err = f.svc.Update(f.ctx, f.by, "T-1", catalog.Patch{Perishable: ptr(true), ShelfLifeDays: ptr(0), Version: 2})
		if fields(t, err)["shelf_life_days"] == "" {
			t.Errorf("perishable without shelf life: %v", err)
		}
		if n := f.productAudits() - audits; n != 2 {
			t.Errorf("%d audit entries, want create + update", n)
		}
	})
}

func TestListFiltersPagesAndSorts(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, dialect string) {
		f := newFixture(t, dialect)
		specs := []struct {
			sku, name, dept string
			perishable      bool
			barcode         string
		}{
			{"T-100", "测试 apple", "produce", true, ""},
			{"T-101", "测试 beef", "meat", true, "6900000001007"},
			{"T-200", "测试 rice 50%", "dry", false, "6900000002004"},
			{"U-300", "测试 bread", "bakery", true, ""},
		}
		for _, s := range specs {
			p := product(s.sku)
			p.Name, p.DepartmentCode, p.Perishable = s.name, s.dept, s.perishable
			if s.barcode != "" {
				p.Barcode = ptr(s.barcode)
			}
			f.create(p)
		}
		if _, err := f.svc.Update(f.ctx, f.by, "U-300", catalog.Patch{Active: ptr(false), Version: 1}); err != nil {
			t.Fatal(err)
		}
		page := paging.Page{Page: 1, PageSize: 50, Sort: "sku"}
		tests := []struct {
			name   string
			filter catalog.Filter
			page   paging.Page
			want   []string
			total  int64
		}{
			{"all of the category", catalog.Filter{}, page, []string{"T-100", "T-101", "T-200", "U-300"}, 4},
			{"sku prefix", catalog.Filter{Q: "T-1"}, page, []string{"T-100", "T-101"}, 2},
			{"sku prefix only, not inside", catalog.Filter{Q: "-10"}, page, nil, 0},
			{"name contains", catalog.Filter{Q: "bee"}, page, []string{"T-101"}, 1},
			{"percent is literal", catalog.Filter{Q: "50%"}, page, []string{"T-200"}, 1},
			{"underscore is literal", catalog.Filter{Q: "T_1"}, page, nil, 0},
			{"barcode exact", catalog.Filter{Q: "6900000002004"}, page, []string{"T-200"}, 1},
			{"department", catalog.Filter{DepartmentCode: "meat"}, page, []string{"T-101"}, 1},
			{"not perishable", catalog.Filter{Perishable: ptr(false)}, page, []string{"T-200"}, 1},
			{"inactive", catalog.Filter{Active: ptr(false)}, page, []string{"U-300"}, 1},
			{"sku descending", catalog.Filter{}, paging.Page{Page: 1, PageSize: 50, Sort: "sku", Desc: true},
				[]string{"U-300", "T-200", "T-101", "T-100"}, 4},
			{"by department", catalog.Filter{}, paging.Page{Page: 1, PageSize: 50, Sort: "department_code"},
				[]string{"U-300", "T-200", "T-101", "T-100"}, 4},
			{"second page", catalog.Filter{}, paging.Page{Page: 2, PageSize: 3, Sort: "sku"}, []string{"U-300"}, 4},
		}
		for _, tc := range tests {
			t.Run(tc.name, func(t *testing.T) {
				tc.filter.Category = testCategory
				got, total, err := f.svc.List(f.ctx, tc.filter, tc.page)
				if err != nil {
					t.Fatal(err)
				}
				var skus []string
				for _, p := range got {
					skus = append(skus, p.SKU)
				}
				if total != tc.total || len(skus) != len(tc.want) {
					t.Fatalf("got %v (total %d), want %v (total %d)", skus, total, tc.want, tc.total)
				}
				for i := range skus {
					if skus[i] != tc.want[i] {
						t.Fatalf("got %v, want %v", skus, tc.want)
					}
				}
			})
		}
	})
}

func TestRefsForOtherModules(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, dialect string) {
		f := newFixture(t, dialect)
		a, b := f.create(product("T-A")), f.create(product("T-B"))
		refs, err := f.svc.RefsBySKU(f.ctx, []string{"T-A", "T-B", "T-A", "t-b", "missing"})
		if err != nil || len(refs) != 2 || refs["T-A"].ID != a.ID || refs["T-B"].CaseContents != b.CasePack {
			t.Fatalf("by sku: %+v %v", refs, err)
		}
		byID, err := f.svc.RefsByID(f.ctx, []int64{b.ID, 999999})
		if err != nil || len(byID) != 1 || byID[b.ID].SKU != "T-B" || byID[b.ID].CostPrice != 320 {
			t.Fatalf("by id: %+v %v", byID, err)
		}
		all, err := f.svc.AllRefs(f.ctx)
		if err != nil || all["T-A"].Name != a.Name || !all["T-A"].Perishable || all["T-A"].Location != "A01-01" {
			t.Fatalf("all: %d %v", len(all), err)
		}
		found, err := f.svc.FindRefs(f.ctx, catalog.Filter{Category: testCategory})
		if err != nil || len(found) != 2 || found[0].SKU != "T-A" || found[1].SKU != "T-B" {
			t.Fatalf("find: %+v %v", found, err)
		}
		if empty, err := f.svc.RefsBySKU(f.ctx, nil); err != nil || len(empty) != 0 {
			t.Errorf("no SKUs: %v %v", empty, err)
		}
	})
}

func TestRefsChunkLongSKULists(t *testing.T) {
	f := newFixture(t, "sqlite")
	lines := make([]catalog.ImportLine, 1200)
	skus := make([]string, len(lines))
	for i := range lines {
		skus[i] = testutil.Name("T-", 10000+i)
		lines[i] = catalog.ImportLine{Product: product(skus[i])}
	}
	if _, err := f.svc.ImportLines(f.ctx, f.by, lines, false); err != nil {
		t.Fatal(err)
	}
	refs, err := f.svc.RefsBySKU(f.ctx, skus)
	if err != nil || len(refs) != len(skus) {
		t.Fatalf("%d refs, %v", len(refs), err)
	}
}

func TestEnsureDemoProductsIsIdempotent(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, dialect string) {
		f := newFixture(t, dialect)
		demo := catalog.DemoProducts()
		if _, err := f.svc.EnsureProducts(f.ctx, f.by, demo); err != nil {
			t.Fatal(err)
		}
		audits := f.productAudits()
		again, err := f.svc.EnsureProducts(f.ctx, f.by, demo)
		if err != nil || again != 0 || f.productAudits() != audits {
			t.Fatalf("second run created %d (%v)", again, err)
		}
		first, err := f.svc.Get(f.ctx, catalog.FirstDemoSKU)
		if err != nil || first.Version != 1 || first.Name != demo[0].Name {
			t.Fatalf("%s: %+v %v", catalog.FirstDemoSKU, first, err)
		}
		refs, _ := f.svc.RefsBySKU(f.ctx, []string{demo[len(demo)-1].SKU})
		if len(refs) != 1 {
			t.Errorf("last demo product missing")
		}
	})
}

// TestDepartmentCountsFollowEveryWrite keeps the per-department counts (which answer the
// totals of whole-department lists) exact through creation, a department move and imports.
func TestDepartmentCountsFollowEveryWrite(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, dialect string) {
		f := newFixture(t, dialect)
		created := f.create(product("C-1"))
		if _, err := f.svc.Update(f.ctx, f.by, "C-1", catalog.Patch{DepartmentCode: ptr("meat"), Version: created.Version}); err != nil {
			t.Fatal(err)
		}
		if _, err := f.importCSV(header+row("C-2", "测试二")+row("C-3", "测试三"), false); err != nil {
			t.Fatal(err)
		}
		problems, err := f.svc.CheckCounts(f.ctx)
		if err != nil || len(problems) != 0 {
			t.Fatalf("counts drifted: %v %v", problems, err)
		}
		for _, filter := range []catalog.Filter{{DepartmentCode: "meat"}, {DepartmentCodes: []string{"produce", "meat"}}, {}} {
			kept, err := f.svc.CountRefs(f.ctx, filter)
			var counted int64
			q := f.env.DB.Table("products")
			switch {
			case filter.DepartmentCode != "":
				q = q.Where("department_code = ?", filter.DepartmentCode)
			case filter.DepartmentCodes != nil:
				q = q.Where("department_code IN ?", filter.DepartmentCodes)
			}
			q.Count(&counted)
			if err != nil || kept != counted || kept == 0 {
				t.Errorf("filter %+v: kept count %d (%v), counted %d", filter, kept, err, counted)
			}
		}
	})
}
