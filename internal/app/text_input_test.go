package app_test

import (
	"testing"

	"github.com/storeops/storeops/internal/testutil"
)

// Names of only white space, and text with NUL bytes, other control characters or invalid
// UTF-8, are refused with the field named, and nothing is written.
func TestTextFieldsMustBeText(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, dialect string) {
		env := testutil.NewEnv(t, dialect)
		admin := env.Login("admin")
		var stores, users, products int64
		counts := func() (int64, int64, int64) {
			var s, u, p int64
			env.DB.Table("stores").Count(&s)
			env.DB.Table("users").Count(&u)
			env.DB.Table("products").Count(&p)
			return s, u, p
		}
		stores, users, products = counts()
		store := func(name string) map[string]any {
			return map[string]any{"code": "x-new", "name": name, "region": "华东", "timezone": "Asia/Shanghai"}
		}
		cases := []struct {
			name, path, field string
			body              any
		}{
			{"a store name of spaces", "/api/v1/stores", "name", store("   ")},
			{"a store name of an ideographic space", "/api/v1/stores", "name", store("\u3000")},
			{"a NUL in a store name", "/api/v1/stores", "name", store("a\x00b")},
			{"an escape sequence in a region", "/api/v1/stores", "region",
				map[string]any{"code": "x-new", "name": "新店", "region": "\x1b[31m华东", "timezone": "Asia/Shanghai"}},
			{"invalid UTF-8", "/api/v1/stores", "body", []byte("{\"code\":\"x-new\",\"name\":\"a\xff\xfeb\",\"region\":\"华东\",\"timezone\":\"Asia/Shanghai\"}")},
			{"a display name of spaces", "/api/v1/users", "display_name",
				map[string]any{"username": "newbie", "display_name": "  ", "role": "admin", "password": "long-enough-1"}},
			{"a product name of tabs", "/api/v1/products", "name",
				map[string]any{"sku": "NEW-1", "name": "\t\t", "department_code": "dry", "category": "粮油", "unit": "袋",
					"case_pack": "1", "cost_price": "1.00", "retail_price": "2.00", "perishable": false}},
		}
		for _, tc := range cases {
			res := admin.Do("POST", tc.path, tc.body)
			if res.Status != 400 || res.Fields()[tc.field] == "" {
				t.Errorf("%s: %d %s, want 400 naming %s", tc.name, res.Status, res.Body, tc.field)
			}
		}
		if s, u, p := counts(); s != stores || u != users || p != products {
			t.Errorf("rows written: stores %d→%d, users %d→%d, products %d→%d", stores, s, users, u, products, p)
		}
	})
}
