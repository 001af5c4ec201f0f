package org_test

import (
	"fmt"
	"testing"

	"github.com/storeops/storeops/internal/testutil"
)

type storeJSON struct {
	ID      int64  `json:"id"`
	Code    string `json:"code"`
	Name    string `json:"name"`
	Version int    `json:"version"`
}

type userJSON struct {
	ID              int64    `json:"id"`
	Username        string   `json:"username"`
	Role            string   `json:"role"`
	StoreID         *int64   `json:"store_id"`
	DepartmentCodes []string `json:"department_codes"`
	Disabled        bool     `json:"disabled"`
	Version         int      `json:"version"`
}

type list[T any] struct {
	Items    []T   `json:"items"`
	Total    int64 `json:"total"`
	Page     int   `json:"page"`
	PageSize int   `json:"page_size"`
}

func TestStoresCreateUpdateConflict(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, dialect string) {
		env := testutil.NewEnv(t, dialect)
		admin := env.Login("admin")
		body := map[string]any{"code": "hz-xihu", "name": "杭州西湖店", "region": "华东", "timezone": "Asia/Shanghai"}
		res := admin.Do("POST", "/api/v1/stores", body)
		if res.Status != 201 {
			t.Fatalf("create: %d %s", res.Status, res.Body)
		}
		var st storeJSON
		res.JSON(t, &st)
		if res := admin.Do("POST", "/api/v1/stores", body); res.Status != 409 {
			t.Errorf("duplicate code: %d %s", res.Status, res.Body)
		}
		bad := map[string]any{"code": "Bad Code", "name": "x", "region": "华东", "timezone": "Nowhere/Town"}
		if res := admin.Do("POST", "/api/v1/stores", bad); res.Status != 400 || res.Fields()["code"] == "" || res.Fields()["timezone"] == "" {
			t.Errorf("bad store: %d %s", res.Status, res.Body)
		}
		path := fmt.Sprintf("/api/v1/stores/%d", st.ID)
		res = admin.Do("PATCH", path, map[string]any{"name": "杭州西湖旗舰店", "version": st.Version})
		if res.Status != 200 {
			t.Fatalf("update: %d %s", res.Status, res.Body)
		}
		var updated storeJSON
		res.JSON(t, &updated)
		if updated.Name != "杭州西湖旗舰店" || updated.Version != st.Version+1 {
			t.Errorf("updated %+v", updated)
		}
		if res := admin.Do("PATCH", path, map[string]any{"name": "stale", "version": st.Version}); res.Status != 409 || res.ErrorCode() != "stale_version" {
			t.Errorf("stale version: %d %s", res.Status, res.Body)
		}
		if res := admin.Do("PATCH", "/api/v1/stores/99999", map[string]any{"name": "x", "version": 1}); res.Status != 404 {
			t.Errorf("missing store: %d", res.Status)
		}
		var audits int64
		env.DB.Table("audit_log").Where("entity_type = ? AND entity_id = ?", "store", fmt.Sprint(st.ID)).Count(&audits)
		if audits != 2 {
			t.Errorf("audit entries for the store: %d, want create + update", audits)
		}
	})
}

func TestStoreListsAreScoped(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, dialect string) {
		env := testutil.NewEnv(t, dialect)
		for user, want := range map[string]int64{"admin": 3, "hq1": 3, "manager1": 1, "super1": 1} {
			var l list[storeJSON]
			env.Login(user).Do("GET", "/api/v1/stores", nil).JSON(t, &l)
			if l.Total != want || int64(len(l.Items)) != want {
				t.Errorf("%s sees %d stores, want %d", user, l.Total, want)
			}
		}
		var l list[storeJSON]
		env.Login("admin").Do("GET", "/api/v1/stores?region=%E5%8D%8E%E4%B8%9C&sort=-code&page_size=1", nil).JSON(t, &l)
		if l.Total != 2 || len(l.Items) != 1 || l.Items[0].Code != "sh-xuhui" {
			t.Errorf("region filter, sort and paging: %+v", l)
		}
		for q, want := range map[string]int64{"q=sh-": 2, "q=%E5%B9%BF%E5%B7%9E": 1, "q=100%25": 0, "q=_": 0} {
			var found list[storeJSON]
			env.Login("admin").Do("GET", "/api/v1/stores?"+q, nil).JSON(t, &found)
			if found.Total != want {
				t.Errorf("search ?%s found %d stores, want %d", q, found.Total, want)
			}
		}
		var users list[userJSON]
		env.Login("admin").Do("GET", "/api/v1/users?q=super", nil).JSON(t, &users)
		if users.Total != 6 {
			t.Errorf("user search found %d, want super1, super1b, super2, super2b, super3a and super3b", users.Total)
		}
		for _, q := range []string{"page=0", "page_size=501", "sort=secret", "active=maybe"} {
			if res := env.Login("admin").Do("GET", "/api/v1/stores?"+q, nil); res.Status != 400 {
				t.Errorf("?%s: %d, want 400", q, res.Status)
			}
		}
	})
}

func TestUsersAdministration(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, dialect string) {
		env := testutil.NewEnv(t, dialect)
		admin := env.Login("admin")
		var stores list[storeJSON]
		admin.Do("GET", "/api/v1/stores?sort=code", nil).JSON(t, &stores)
		pudong := stores.Items[1].ID // gz-tianhe, sh-pudong, sh-xuhui

		res := admin.Do("POST", "/api/v1/users", map[string]any{"username": "zhang.san", "display_name": "张三",
			"role": "supervisor", "department_codes": []string{"bakery"}, "password": "short"})
		if res.Status != 400 || res.Fields()["store_id"] == "" || res.Fields()["password"] == "" {
			t.Fatalf("invalid user: %d %s", res.Status, res.Body)
		}
		res = admin.Do("POST", "/api/v1/users", map[string]any{"username": "zhang.san", "display_name": "张三",
			"role": "supervisor", "store_id": pudong, "department_codes": []string{"bakery", "deli"}, "password": "a-good-one-1"})
		if res.Status != 201 {
			t.Fatalf("create: %d %s", res.Status, res.Body)
		}
		var u userJSON
		res.JSON(t, &u)
		zhang := env.LoginWith("zhang.san", "a-good-one-1")
		if res := zhang.Do("GET", "/api/v1/me", nil); res.Status != 200 {
			t.Fatalf("new user signs in: %d", res.Status)
		}

		path := fmt.Sprintf("/api/v1/users/%d", u.ID)
		res = admin.Do("PATCH", path, map[string]any{"disabled": true, "version": u.Version})
		if res.Status != 200 {
			t.Fatalf("disable: %d %s", res.Status, res.Body)
		}
		if res := zhang.Do("GET", "/api/v1/me", nil); res.Status != 401 {
			t.Errorf("disabled user's session still works: %d", res.Status)
		}
		res = env.Anonymous().Do("POST", "/api/v1/auth/login", map[string]string{"username": "zhang.san", "password": "a-good-one-1"})
		if res.Status != 403 || res.ErrorCode() != "account_disabled" {
			t.Errorf("disabled login: %d %s", res.Status, res.Body)
		}
		res = admin.Do("PATCH", path, map[string]any{"disabled": false, "role": "store_manager", "department_codes": []string{}, "version": u.Version + 1})
		if res.Status != 200 {
			t.Fatalf("promote: %d %s", res.Status, res.Body)
		}
		res.JSON(t, &u)
		if u.Role != "store_manager" || len(u.DepartmentCodes) != 0 || u.Disabled {
			t.Errorf("after promote %+v", u)
		}
		if res := admin.Do("PATCH", path, map[string]any{"store_id": nil, "version": u.Version}); res.Status != 400 || res.Fields()["store_id"] == "" {
			t.Errorf("manager without store: %d %s", res.Status, res.Body)
		}
		if res := admin.Do("POST", path+"/reset-password", map[string]string{"new_password": "another-one-2"}); res.Status != 204 {
			t.Fatalf("reset: %d %s", res.Status, res.Body)
		}
		env.LoginWith("zhang.san", "another-one-2")

		var me struct{ ID int64 }
		admin.Do("GET", "/api/v1/me", nil).JSON(t, &me)
		var self userJSON
		admin.Do("GET", fmt.Sprintf("/api/v1/users/%d", me.ID), nil).JSON(t, &self)
		res = admin.Do("PATCH", fmt.Sprintf("/api/v1/users/%d", me.ID), map[string]any{"disabled": true, "version": self.Version})
		if res.Status != 422 || res.ErrorCode() != "self_lockout" {
			t.Errorf("self lockout: %d %s", res.Status, res.Body)
		}
		if res := admin.Do("POST", "/api/v1/users", map[string]any{"username": "zhang.san", "display_name": "又一个",
			"role": "admin", "password": "a-good-one-1"}); res.Status != 409 {
			t.Errorf("duplicate username: %d", res.Status)
		}
	})
}

func TestManagersSeeOnlyTheirStoresUsersAndAudit(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, dialect string) {
		env := testutil.NewEnv(t, dialect)
		mgr := env.Login("manager1")
		var users list[userJSON]
		mgr.Do("GET", "/api/v1/users?page_size=100", nil).JSON(t, &users)
		var me struct {
			StoreID int64 `json:"store_id"`
		}
		mgr.Do("GET", "/api/v1/me", nil).JSON(t, &me)
		if users.Total != 3 {
			t.Errorf("manager1 sees %d users, want manager1, super1 and super1b", users.Total)
		}
		for _, u := range users.Items {
			if u.StoreID == nil || *u.StoreID != me.StoreID {
				t.Errorf("manager sees user %s of store %v", u.Username, u.StoreID)
			}
		}
		var audit list[struct {
			StoreID *int64 `json:"store_id"`
			Action  string `json:"action"`
		}]
		mgr.Do("GET", "/api/v1/audit?page_size=500", nil).JSON(t, &audit)
		if audit.Total == 0 {
			t.Fatal("manager sees no audit entries of their store")
		}
		for _, a := range audit.Items {
			if a.StoreID == nil || *a.StoreID != me.StoreID {
				t.Errorf("manager sees audit %s of store %v", a.Action, a.StoreID)
			}
		}
		var all list[struct{ Action string }]
		env.Login("admin").Do("GET", "/api/v1/audit?entity_type=user&action=user.create", nil).JSON(t, &all)
		if all.Total != 12 {
			t.Errorf("admin sees %d user.create entries, want the 12 demo users", all.Total)
		}
		if res := env.Login("admin").Do("GET", "/api/v1/audit?from=yesterday", nil); res.Status != 400 || res.Fields()["from"] == "" {
			t.Errorf("bad from: %d %s", res.Status, res.Body)
		}
	})
}

func TestStoreDepartments(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, dialect string) {
		env := testutil.NewEnv(t, dialect)
		admin := env.Login("admin")
		var stores list[storeJSON]
		admin.Do("GET", "/api/v1/stores?sort=code", nil).JSON(t, &stores)
		path := fmt.Sprintf("/api/v1/stores/%d/departments", stores.Items[1].ID)
		res := admin.Do("PUT", path, map[string]any{"department_codes": []string{"produce", "dry"}})
		if res.Status != 422 || res.ErrorCode() != "department_in_use" {
			t.Errorf("dropping a department super1 runs: %d %s", res.Status, res.Body)
		}
		res = admin.Do("PUT", path, map[string]any{"department_codes": []string{"produce", "meat", "seafood", "nope"}})
		if res.Status != 400 || res.Fields()["department_codes"] == "" {
			t.Errorf("unknown department: %d %s", res.Status, res.Body)
		}
		// Dropping dry only: super1b runs the other fresh departments.
		res = admin.Do("PUT", path, map[string]any{"department_codes": []string{"seafood", "produce", "meat", "meat", "deli", "bakery"}})
		var got struct {
			DepartmentCodes []string `json:"department_codes"`
		}
		res.JSON(t, &got)
		if res.Status != 200 || fmt.Sprint(got.DepartmentCodes) != "[bakery deli meat produce seafood]" {
			t.Errorf("set: %d %v", res.Status, got.DepartmentCodes)
		}
		env.Login("super1").Do("GET", path, nil).JSON(t, &got)
		if len(got.DepartmentCodes) != 5 {
			t.Errorf("supervisor reads own store's departments: %v", got.DepartmentCodes)
		}
	})
}
