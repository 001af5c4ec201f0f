package ordering

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"gorm.io/gorm"

	"github.com/storeops/storeops/internal/catalog"
	"github.com/storeops/storeops/internal/forecast"
	"github.com/storeops/storeops/internal/inventory"
	"github.com/storeops/storeops/internal/platform/apperr"
	"github.com/storeops/storeops/internal/platform/attachments"
	"github.com/storeops/storeops/internal/platform/audit"
	"github.com/storeops/storeops/internal/platform/authz"
	"github.com/storeops/storeops/internal/platform/civil"
	"github.com/storeops/storeops/internal/platform/database"
	"github.com/storeops/storeops/internal/platform/fixed"
	"github.com/storeops/storeops/internal/supplier"
)

// Catalog finds the products a plan orders.
type Catalog interface {
	FindRefs(ctx context.Context, f catalog.Filter) ([]catalog.Ref, error)
	RefsByID(ctx context.Context, ids []int64) (map[int64]catalog.Ref, error)
}

// Stores tells a store's time zone and the departments it runs.
type Stores interface {
	StoreLocation(ctx context.Context, storeID int64) (*time.Location, error)
	StoreDepartments(ctx context.Context, p *authz.Principal, storeID int64) ([]string, error)
}

// Suppliers answers suppliers by id.
type Suppliers interface {
	ByIDs(ctx context.Context, tx *gorm.DB, ids []int64) (map[int64]supplier.Supplier, error)
}

// Approvers says who may approve for a store's manager (the delegation module).
type Approvers interface {
	ApprovesAs(ctx context.Context, db *gorm.DB, p *authz.Principal, storeID int64, at time.Time) (string, error)
}

// Deps are the modules ordering works with.
type Deps struct {
	Catalog     Catalog
	Stores      Stores
	Suppliers   Suppliers
	Inventory   *inventory.Service
	Sales       Sales
	Calendar    Calendar
	Promotions  Promotions // nil: NoPromotions
	Shrink      Shrink     // nil: NoShrink
	Approvers   Approvers
	Attachments *attachments.Service
	Audit       *audit.Log
}

// Service is the ordering use cases; every change runs one transaction with its audit entry.
type Service struct {
	db *gorm.DB
	Deps
	now func() time.Time
}

// NewService wires the ordering module.
func NewService(db *gorm.DB, d Deps, now func() time.Time) *Service {
	if d.Promotions == nil {
		d.Promotions = NoPromotions{}
	}
	if d.Shrink == nil {
		d.Shrink = NoShrink{}
	}
	return &Service{db: db, Deps: d, now: now}
}

// Create makes the draft plan of a store's department for a delivery date, with a suggested
// line for every orderable product: active, with an active supplier. One plan per store,
// department and delivery date (409 plan_exists).
func (s *Service) Create(ctx context.Context, p *authz.Principal, storeID int64, dept string, delivery civil.Date) (Plan, error) {
	if err := p.RequireStore(storeID); err != nil {
		return Plan{}, err
	}
	depts, err := s.Stores.StoreDepartments(ctx, p, storeID)
	if err != nil {
		return Plan{}, err
	}
	if !slices.Contains(depts, dept) {
		return Plan{}, apperr.Field("department_code", "the store does not run department "+dept)
	}
	if err := p.RequireDepartment(storeID, dept); err != nil {
		return Plan{}, err
	}
	loc, err := s.Stores.StoreLocation(ctx, storeID)
	if err != nil {
		return Plan{}, err
	}
	today := civil.Today(s.now(), loc)
	set, err := s.settings(ctx, dept)
	if err != nil {
		return Plan{}, err
	}
	switch {
	case delivery < today:
		return Plan{}, apperr.Field("delivery_date", "is in the past (the store's today is "+today.String()+")")
	case delivery > today.AddDays(MaxLeadDays):
		return Plan{}, apperr.Field("delivery_date", fmt.Sprintf("must be within %d days", MaxLeadDays))
	case !set.Delivers(delivery):
		return Plan{}, apperr.Field("delivery_date", fmt.Sprintf("department %s takes no deliveries on a %s",
			dept, delivery.Weekday()))
	}
	if existing, err := s.findPlan(ctx, storeID, dept, delivery); err != nil || existing != 0 {
		if err == nil {
			err = planExists(existing, dept, delivery)
		}
		return Plan{}, err
	}
	r := planRow{StoreID: storeID, DepartmentCode: dept, BusinessDate: today, DeliveryDate: delivery,
		NextDeliveryDate: NextDelivery(delivery, set.DeliveryWeekdays), Status: StatusDraft,
		ServiceLevel: set.ServiceLevel, CreatedBy: p.ActorID(), Version: 1}
	return s.insert(ctx, p, r)
}

// insert suggests the lines of plan r and saves both in one transaction with the audit entry.
// r's timestamps default to now.
func (s *Service) insert(ctx context.Context, p *authz.Principal, r planRow) (Plan, error) {
	dept, delivery := r.DepartmentCode, r.DeliveryDate
	lines, err := s.suggest(ctx, r)
	if err != nil {
		return Plan{}, err
	}
	if len(lines) == 0 {
		return Plan{}, apperr.New(apperr.ErrRule, "no_orderable_products", fmt.Sprintf(
			"department %s has no active product with an active supplier to order", dept))
	}
	now := s.now()
	if r.CreatedAt.IsZero() {
		r.CreatedAt, r.UpdatedAt = now, now
	}
	r.LineCount = len(lines)
	for _, l := range lines {
		if l.OrderedQty > 0 {
			r.OrderedLines++
			v, _ := l.UnitCost.MulQty(l.OrderedQty)
			r.OrderValue += v
		}
		if l.Exception {
			r.ExceptionCount++
		}
	}
	err = database.Tx(ctx, s.db, func(tx *gorm.DB) error {
		r.ID = 0 // a retried attempt inserts afresh
		if err := tx.Create(&r).Error; err != nil {
			if errors.Is(database.Translate(err, "plan"), apperr.ErrConflict) {
				return planExists(0, dept, delivery)
			}
			return err
		}
		err := lineBulk.Insert(ctx, tx, len(lines), func(i int, a []any) []any {
			l := lines[i]
			return append(a, r.ID, l.ProductID, l.SKU, l.Name, l.Unit, l.SupplierID, l.SupplierCode, l.SupplierName,
				l.CasePack, l.MinOrderQty, l.UnitCost, l.ForecastQty, l.SuggestedQty, l.OrderedQty, "", l.Flags,
				l.Exception, l.Explanation, l.LastWeekQty, l.DaysSinceSale, fixed.Qty(0), "", "", 1, now)
		})
		if err != nil {
			return err
		}
		return s.Audit.Write(ctx, tx, p, audit.Entry{Action: "order_plan.create", EntityType: "order_plan",
			EntityID: audit.ID(r.ID), StoreID: &r.StoreID, After: planAudit(r)})
	})
	return toPlan(r), err
}

func planExists(id int64, dept string, delivery civil.Date) error {
	msg := fmt.Sprintf("department %s already has a plan for delivery on %s", dept, delivery)
	if id != 0 {
		msg += fmt.Sprintf(" (plan %d)", id)
	}
	return apperr.New(apperr.ErrConflict, "plan_exists", msg)
}

func (s *Service) findPlan(ctx context.Context, storeID int64, dept string, delivery civil.Date) (int64, error) {
	var ids []int64
	err := s.db.WithContext(ctx).Model(&planRow{}).Where("store_id = ? AND department_code = ? AND delivery_date = ?",
		storeID, dept, delivery).Limit(1).Pluck("id", &ids).Error
	if len(ids) == 0 {
		return 0, err
	}
	return ids[0], err
}

// suggest computes the lines of a new plan.
func (s *Service) suggest(ctx context.Context, plan planRow) ([]lineRow, error) {
	active := true
	refs, err := s.Catalog.FindRefs(ctx, catalog.Filter{DepartmentCode: plan.DepartmentCode, Active: &active})
	if err != nil {
		return nil, err
	}
	var supIDs []int64
	for _, r := range refs {
		if r.SupplierID != nil {
			supIDs = append(supIDs, *r.SupplierID)
		}
	}
	sups, err := s.Suppliers.ByIDs(ctx, s.db, slices.Compact(slices.Sorted(slices.Values(supIDs))))
	if err != nil {
		return nil, err
	}
	refs = slices.DeleteFunc(refs, func(r catalog.Ref) bool { return r.SupplierID == nil || !sups[*r.SupplierID].Active })
	ids := make([]int64, len(refs))
	for i, r := range refs {
		ids[i] = r.ID
	}
	today, delivery, next := plan.BusinessDate, plan.DeliveryDate, plan.NextDeliveryDate
	cal, err := s.Calendar.ForecastCalendar(ctx)
	if err != nil {
		return nil, err
	}
	states, err := s.loadKept(ctx, s.db, plan.StoreID, ids, forecast.IndexEvents(cal), today)
	if err != nil {
		return nil, err
	}
	onHand, err := s.Inventory.OnHand(ctx, plan.StoreID, ids)
	if err != nil {
		return nil, err
	}
	onOrder, err := s.onOrder(ctx, plan.StoreID, plan.DepartmentCode, today, delivery)
	if err != nil {
		return nil, err
	}
	lastWeek, err := s.orderedOn(ctx, plan.StoreID, plan.DepartmentCode, delivery.AddDays(-7))
	if err != nil {
		return nil, err
	}
	expired, err := s.Shrink.ExpiredWriteOffs(ctx, plan.StoreID, ids, today.AddDays(-28))
	if err != nil {
		return nil, err
	}
	maxShelf := 0
	for _, r := range refs {
		if r.Perishable {
			maxShelf = max(maxShelf, r.ShelfLifeDays)
		}
	}
	lead := int(delivery - today)
	horizon := max(int(next-today), lead+maxShelf)
	promos, err := s.Promotions.PromotionDays(ctx, plan.StoreID, ids, today, today.AddDays(horizon-1))
	if err != nil {
		return nil, err
	}
	level := float64(plan.ServiceLevel) / 10000
	out := make([]lineRow, 0, len(refs))
	for _, ref := range refs {
		sup := sups[*ref.SupplierID]
		in := SuggestInput{Lead: lead, Cover: int(next - delivery), ServiceLevel: level, OnHand: onHand[ref.ID],
			OnOrder: onOrder[ref.ID], CasePack: ref.CaseContents, MinOrderQty: ref.MinOrderQty}
		if ref.Perishable {
			in.ShelfLifeDays = ref.ShelfLifeDays
		}
		reduced := expired[ref.ID] >= ExpiredWriteOffsToReduce && level > ReducedServiceLevel
		if reduced {
			in.ServiceLevel = ReducedServiceLevel
		}
		days := -1
		if k := states[ref.ID]; k != nil {
			in.Days = k.model.Forecast(forecast.Day(today), horizon, promoFlags(promos[ref.ID], today, horizon))
			in.Sigma, in.ErrCorr = k.model.Sigma, k.model.ErrCorr
			if k.lastSale != nil {
				days = int(today - *k.lastSale)
			}
		} else {
			in.Days = noHistory(today, horizon)
		}
		q, ex := Suggest(in)
		ex.ReducedServiceLevel = reduced
		js, err := json.Marshal(ex)
		if err != nil {
			return nil, err
		}
		l := Line{SKU: ref.SKU, CasePack: ref.CaseContents, SuggestedQty: q, OrderedQty: q, Explanation: ex,
			DaysSinceSale: days}
		if lw, ok := lastWeek[ref.ID]; ok {
			l.LastWeekQty = &lw
		}
		flags := FlagsOf(l)
		out = append(out, lineRow{ProductID: ref.ID, SKU: ref.SKU, Name: ref.Name, Unit: ref.Unit, SupplierID: ref.SupplierID,
			SupplierCode: sup.Code, SupplierName: sup.Name, CasePack: ref.CaseContents, MinOrderQty: ref.MinOrderQty,
			UnitCost: ref.CostPrice, ForecastQty: ex.Forecast, SuggestedQty: q, OrderedQty: q,
			Flags: strings.Join(flags, ","), Exception: len(flags) > 0, Explanation: string(js),
			LastWeekQty: l.LastWeekQty, DaysSinceSale: days})
	}
	return out, nil
}

// noHistory is the forecast of a product that has never sold in the store: nothing.
func noHistory(today civil.Date, n int) []forecast.Point {
	out := make([]forecast.Point, n)
	for i := range out {
		out[i] = forecast.Point{Day: forecast.Day(today.AddDays(i)), Weekday: 1, Yearly: 1, Event: 1, Promo: 1,
			Method: "no_history"}
	}
	return out
}

func promoFlags(days []civil.Date, today civil.Date, n int) []bool {
	if len(days) == 0 {
		return nil
	}
	out := make([]bool, n)
	for _, d := range days {
		if i := int(d - today); i >= 0 && i < n {
			out[i] = true
		}
	}
	return out
}

// onOrder sums what submitted and approved plans of the department deliver from today to the
// day (a plan whose delivery day has passed unreceived no longer counts as coming).
func (s *Service) onOrder(ctx context.Context, storeID int64, dept string, today, by civil.Date) (map[int64]fixed.Qty, error) {
	var rows []struct {
		ProductID  int64
		OrderedQty fixed.Qty
	}
	err := s.db.WithContext(ctx).Table("order_plan_lines AS l").Select("l.product_id, l.ordered_qty").
		Joins("JOIN order_plans p ON p.id = l.plan_id").
		Where("p.store_id = ? AND p.department_code = ? AND p.status IN ? AND p.delivery_date >= ? AND p.delivery_date <= ? AND l.ordered_qty > 0",
			storeID, dept, []string{StatusSubmitted, StatusApproved}, today, by).Scan(&rows).Error
	out := map[int64]fixed.Qty{}
	for _, r := range rows {
		out[r.ProductID] += r.OrderedQty
	}
	return out, err
}

// orderedOn answers what the department's plan for a delivery day ordered, by product.
func (s *Service) orderedOn(ctx context.Context, storeID int64, dept string, delivery civil.Date) (map[int64]fixed.Qty, error) {
	var rows []struct {
		ProductID  int64
		OrderedQty fixed.Qty
	}
	err := s.db.WithContext(ctx).Table("order_plan_lines AS l").Select("l.product_id, l.ordered_qty").
		Joins("JOIN order_plans p ON p.id = l.plan_id").
		Where("p.store_id = ? AND p.department_code = ? AND p.delivery_date = ?", storeID, dept, delivery).
		Scan(&rows).Error
	out := make(map[int64]fixed.Qty, len(rows))
	for _, r := range rows {
		out[r.ProductID] = r.OrderedQty
	}
	return out, err
}

func planAudit(r planRow) json.RawMessage { return auditJSON(toPlanJSON(toPlan(r), nil)) }

func auditJSON(v any) json.RawMessage {
	b, _ := json.Marshal(v)
	return b
}
