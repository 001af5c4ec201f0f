// Package seed builds the demo chain of DESIGN.md §6 through the modules' own services, so
// demo data obeys the same rules and lands in the audit log like any other change. Every
// step creates only what is missing: a second run changes nothing.
package seed

import (
	"context"
	"fmt"

	"github.com/storeops/storeops/internal/calendar"
	"github.com/storeops/storeops/internal/catalog"
	"github.com/storeops/storeops/internal/org"
	"github.com/storeops/storeops/internal/platform/authz"
	"github.com/storeops/storeops/internal/platform/civil"
	"github.com/storeops/storeops/internal/supplier"
)

// DefaultDemoPassword is the documented password of the demo users. Production mode
// refuses it at sign-in until an administrator sets a real one.
const DefaultDemoPassword = "demo1234"

// Departments are the chain's departments.
var Departments = []org.Department{
	{Code: "produce", Name: "果蔬", NameEn: "Produce", Kind: org.KindFresh},
	{Code: "meat", Name: "肉类", NameEn: "Meat", Kind: org.KindFresh},
	{Code: "seafood", Name: "水产", NameEn: "Seafood", Kind: org.KindFresh},
	{Code: "deli", Name: "熟食", NameEn: "Deli", Kind: org.KindFresh},
	{Code: "bakery", Name: "面包", NameEn: "Bakery", Kind: org.KindFresh},
	{Code: "dry", Name: "干货", NameEn: "Dry goods", Kind: org.KindDry},
}

var allDepartments = []string{"produce", "meat", "seafood", "deli", "bakery", "dry"}

// Stores are the demo chain: 3 stores in 2 regions.
var Stores = []org.Store{
	{Code: "sh-pudong", Name: "上海浦东店", Region: "华东", Timezone: "Asia/Shanghai"},
	{Code: "sh-xuhui", Name: "上海徐汇店", Region: "华东", Timezone: "Asia/Shanghai"},
	{Code: "gz-tianhe", Name: "广州天河店", Region: "华南", Timezone: "Asia/Shanghai"},
}

type demoUser struct {
	username, name string
	role           authz.Role
	store          string // store code, "" for none
	departments    []string
}

var users = []demoUser{
	{"admin", "系统管理员", authz.RoleAdmin, "", nil},
	{"manager1", "王店长", authz.RoleStoreManager, "sh-pudong", nil},
	{"super1", "李主管（生鲜）", authz.RoleSupervisor, "sh-pudong", []string{"produce", "meat", "seafood"}},
	{"hq1", "陈经理（总部促销）", authz.RoleHQPromotions, "", nil},
	{"qa1", "林经理（总部品控）", authz.RoleHQQuality, "", nil},
	{"manager2", "赵店长", authz.RoleStoreManager, "gz-tianhe", nil},
	{"super2", "周主管（熟食面包）", authz.RoleSupervisor, "gz-tianhe", []string{"deli", "bakery"}},
	// Every store has two supervisors: beside managerN and superN, superNb runs all fresh
	// counters, so a fresh department's stocktake has two counters and a recount by a
	// different one needs no manager. 徐汇, the third store to get people, gets manager3,
	// super3a and super3b.
	{"super1b", "吴主管（生鲜）", authz.RoleSupervisor, "sh-pudong", freshDepartments},
	{"super2b", "钱主管（生鲜）", authz.RoleSupervisor, "gz-tianhe", freshDepartments},
	{"manager3", "孙店长", authz.RoleStoreManager, "sh-xuhui", nil},
	{"super3a", "郑主管（生鲜）", authz.RoleSupervisor, "sh-xuhui", []string{"produce", "meat", "seafood"}},
	{"super3b", "冯主管（生鲜）", authz.RoleSupervisor, "sh-xuhui", freshDepartments},
}

var freshDepartments = []string{"produce", "meat", "seafood", "deli", "bakery"}

// Result counts what a run created.
type Result struct {
	Departments, Stores, Users, Suppliers, Products, CalendarEvents int
}

// Services are the modules the seed writes through.
type Services struct {
	Org     *org.Service
	Catalog *catalog.Service
	// Calendar gets the built-in holidays and events of 2015–2030 (nil: left out).
	Calendar *calendar.Service
	// Supplier gets the demo suppliers (nil: left out).
	Supplier *supplier.Service
}

// The years of the built-in calendar the demo starts with.
const calendarFrom, calendarTo = civil.Date(16436), civil.Date(22279) // 2015-01-01, 2030-12-31

// Demo seeds the demo organisation and catalogue. password is the demo users' password; it
// is flagged as a default one when it equals DefaultDemoPassword.
func Demo(ctx context.Context, s Services, password string) (Result, error) {
	svc := s.Org
	sys := authz.System("seed")
	if password == "" {
		password = DefaultDemoPassword
	}
	var res Result
	for _, d := range Departments {
		created, err := svc.EnsureDepartment(ctx, sys, d)
		if err != nil {
			return res, fmt.Errorf("seed department %s: %w", d.Code, err)
		}
		res.Departments += count(created)
	}
	storeIDs := map[string]int64{}
	for _, s := range Stores {
		st, created, err := svc.EnsureStore(ctx, sys, s, allDepartments)
		if err != nil {
			return res, fmt.Errorf("seed store %s: %w", s.Code, err)
		}
		storeIDs[s.Code] = st.ID
		res.Stores += count(created)
	}
	for _, u := range users {
		nu := org.NewUser{Password: password, IsDefaultPassword: password == DefaultDemoPassword,
			User: org.User{Username: u.username, DisplayName: u.name, Role: u.role, DepartmentCodes: u.departments}}
		if u.store != "" {
			id := storeIDs[u.store]
			nu.StoreID = &id
		}
		created, err := svc.EnsureUser(ctx, sys, nu)
		if err != nil {
			return res, fmt.Errorf("seed user %s: %w", u.username, err)
		}
		res.Users += count(created)
	}
	if s.Supplier != nil {
		n, err := s.Supplier.Seed(ctx, Suppliers)
		if err != nil {
			return res, fmt.Errorf("seed suppliers: %w", err)
		}
		res.Suppliers = n
	}
	products := catalog.DemoProducts()
	if s.Supplier != nil {
		products = withSuppliers(products)
	}
	n, err := s.Catalog.EnsureProducts(ctx, sys, products)
	if err != nil {
		return res, fmt.Errorf("seed products: %w", err)
	}
	res.Products = n
	if s.Calendar != nil {
		if res.CalendarEvents, err = s.Calendar.Seed(ctx, calendar.Defaults(calendarFrom, calendarTo)); err != nil {
			return res, fmt.Errorf("seed calendar: %w", err)
		}
	}
	return res, nil
}

// Admin creates the user "admin" with password on a database that has no user yet, so a
// production install starts without any default password.
func Admin(ctx context.Context, svc *org.Service, password string) (bool, error) {
	n, err := svc.CountUsers(ctx)
	if err != nil || n > 0 {
		return false, err
	}
	_, err = svc.CreateUser(ctx, authz.System("bootstrap"), org.NewUser{Password: password,
		User: org.User{Username: "admin", DisplayName: "Administrator", Role: authz.RoleAdmin}})
	return err == nil, err
}

func count(b bool) int {
	if b {
		return 1
	}
	return 0
}
