package ordering

import (
	"context"
	"encoding/json"
	"strings"
	"time"

	"gorm.io/gorm"

	"github.com/storeops/storeops/internal/platform/civil"
	"github.com/storeops/storeops/internal/platform/database"
	"github.com/storeops/storeops/internal/platform/fixed"
)

type settingsRow struct {
	DepartmentCode   string `gorm:"primaryKey"`
	DeliveryWeekdays string
	ServiceLevel     fixed.Money // percent with 2 decimals
	MaxDeliveryTemp  *fixed.Money
	Version          int
	UpdatedAt        time.Time
}

func (settingsRow) TableName() string { return "order_settings" }

type stateRow struct {
	StoreID      int64 `gorm:"primaryKey"`
	ProductID    int64 `gorm:"primaryKey"`
	State        string
	LastDay      civil.Date
	LastSaleDate *civil.Date
	FittedAt     time.Time
	UpdatedAt    time.Time
}

func (stateRow) TableName() string { return "forecast_states" }

type planRow struct {
	ID               int64 `gorm:"primaryKey"`
	StoreID          int64
	DepartmentCode   string
	BusinessDate     civil.Date
	DeliveryDate     civil.Date
	NextDeliveryDate civil.Date
	Status           string
	RejectReason     string
	ServiceLevel     fixed.Money
	LineCount        int
	OrderedLines     int
	OrderValue       fixed.Money
	ExceptionCount   int
	DeliveryTemp     *fixed.Money
	ReceiveNote      string
	CreatedBy        *int64
	SubmittedAt      *time.Time
	SubmittedBy      *int64
	ApprovedAt       *time.Time
	ApprovedBy       *int64
	ReceivedAt       *time.Time
	ReceivedBy       *int64
	Version          int
	CreatedAt        time.Time
	UpdatedAt        time.Time
}

func (planRow) TableName() string { return "order_plans" }

type lineRow struct {
	PlanID          int64 `gorm:"primaryKey"`
	ProductID       int64 `gorm:"primaryKey"`
	SKU             string
	Name            string
	Unit            string
	SupplierID      *int64
	SupplierCode    string
	SupplierName    string
	CasePack        fixed.Qty
	MinOrderQty     fixed.Qty
	UnitCost        fixed.Money
	ForecastQty     fixed.Qty
	SuggestedQty    fixed.Qty
	OrderedQty      fixed.Qty
	DeviationReason string
	Flags           string
	Exception       bool
	Explanation     string
	LastWeekQty     *fixed.Qty
	DaysSinceSale   int
	ReceivedQty     *fixed.Qty
	RefusedQty      fixed.Qty
	RefuseReason    string
	LotExpiry       *civil.Date
	Photos          string
	Version         int
	UpdatedAt       time.Time
}

func (lineRow) TableName() string { return "order_plan_lines" }

// Models lists the module's tables for the schema test.
func Models() []any { return []any{&settingsRow{}, &stateRow{}, &planRow{}, &lineRow{}} }

var lineBulk = database.Bulk{Table: "order_plan_lines", Columns: []string{"plan_id", "product_id", "sku", "name", "unit",
	"supplier_id", "supplier_code", "supplier_name", "case_pack", "min_order_qty", "unit_cost", "forecast_qty",
	"suggested_qty", "ordered_qty", "deviation_reason", "flags", "exception", "explanation", "last_week_qty",
	"days_since_sale", "refused_qty", "refuse_reason", "photos", "version", "updated_at"}}

var stateBulk = database.Bulk{Table: "forecast_states",
	Columns: []string{"store_id", "product_id", "state", "last_day", "last_sale_date", "fitted_at", "updated_at"},
	Upsert:  []string{"store_id", "product_id"}, Update: []string{"state", "last_day", "last_sale_date", "fitted_at", "updated_at"}}

func toPlan(r planRow) Plan {
	return Plan{ID: r.ID, StoreID: r.StoreID, DepartmentCode: r.DepartmentCode, BusinessDate: r.BusinessDate,
		DeliveryDate: r.DeliveryDate, NextDeliveryDate: r.NextDeliveryDate, Status: r.Status, RejectReason: r.RejectReason,
		ServiceLevel: float64(r.ServiceLevel) / 10000, LineCount: r.LineCount, OrderedLines: r.OrderedLines,
		OrderValue: r.OrderValue, ExceptionCount: r.ExceptionCount, DeliveryTemp: r.DeliveryTemp,
		ReceiveNote: r.ReceiveNote, CreatedBy: r.CreatedBy, SubmittedAt: r.SubmittedAt, SubmittedBy: r.SubmittedBy,
		ApprovedAt: r.ApprovedAt, ApprovedBy: r.ApprovedBy, ReceivedAt: r.ReceivedAt, ReceivedBy: r.ReceivedBy,
		Version: r.Version, CreatedAt: r.CreatedAt, UpdatedAt: r.UpdatedAt}
}

func toLine(r lineRow) Line {
	l := Line{PlanID: r.PlanID, ProductID: r.ProductID, SKU: r.SKU, Name: r.Name, Unit: r.Unit, SupplierID: r.SupplierID,
		SupplierCode: r.SupplierCode, SupplierName: r.SupplierName, CasePack: r.CasePack, MinOrderQty: r.MinOrderQty,
		UnitCost: r.UnitCost, ForecastQty: r.ForecastQty, SuggestedQty: r.SuggestedQty, OrderedQty: r.OrderedQty,
		DeviationReason: r.DeviationReason, Flags: splitList(r.Flags), LastWeekQty: r.LastWeekQty,
		DaysSinceSale: r.DaysSinceSale, ReceivedQty: r.ReceivedQty, RefusedQty: r.RefusedQty,
		RefuseReason: r.RefuseReason, LotExpiry: r.LotExpiry, Photos: splitList(r.Photos), Version: r.Version,
		UpdatedAt: r.UpdatedAt}
	_ = json.Unmarshal([]byte(r.Explanation), &l.Explanation)
	return l
}

func splitList(s string) []string {
	if s == "" {
		return []string{}
	}
	return strings.Split(s, ",")
}

func loadPlan(ctx context.Context, db *gorm.DB, id int64) (planRow, error) {
	var r planRow
	err := db.WithContext(ctx).Where("id = ?", id).Take(&r).Error
	return r, err
}

func loadLines(ctx context.Context, db *gorm.DB, planID int64) ([]lineRow, error) {
	var rows []lineRow
	err := db.WithContext(ctx).Where("plan_id = ?", planID).Order("supplier_code, sku").Find(&rows).Error
	return rows, err
}

func loadLine(ctx context.Context, db *gorm.DB, planID int64, sku string) (lineRow, error) {
	var r lineRow
	err := db.WithContext(ctx).Where("plan_id = ? AND sku = ?", planID, sku).Take(&r).Error
	if err == nil && r.SKU != sku { // MySQL matches regardless of letter case; SKUs are exact
		err = gorm.ErrRecordNotFound
	}
	return r, err
}

// planTotals recounts a plan's ordered lines, order value and exceptions from its lines.
func planTotals(ctx context.Context, tx *gorm.DB, planID int64) (ordered int, value fixed.Money, exceptions int, err error) {
	var rows []struct {
		OrderedQty fixed.Qty
		UnitCost   fixed.Money
		Exception  bool
	}
	if err = tx.WithContext(ctx).Model(&lineRow{}).Select("ordered_qty, unit_cost, exception").
		Where("plan_id = ?", planID).Find(&rows).Error; err != nil {
		return
	}
	for _, r := range rows {
		if r.OrderedQty > 0 {
			ordered++
			v, _ := r.UnitCost.MulQty(r.OrderedQty)
			value += v
		}
		if r.Exception {
			exceptions++
		}
	}
	return
}
