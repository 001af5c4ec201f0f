package ordering

import (
	"math"
	"strconv"
	"time"

	"github.com/storeops/storeops/internal/platform/civil"
	"github.com/storeops/storeops/internal/platform/fixed"
)

// planJSON is a plan in API answers and audit entries.
type planJSON struct {
	ID               int64        `json:"id"`
	StoreID          int64        `json:"store_id"`
	DepartmentCode   string       `json:"department_code"`
	BusinessDate     civil.Date   `json:"business_date"`
	DeliveryDate     civil.Date   `json:"delivery_date"`
	NextDeliveryDate civil.Date   `json:"next_delivery_date"`
	Status           string       `json:"status"`
	RejectReason     string       `json:"reject_reason"`
	ServiceLevel     fixed.Money  `json:"service_level"`
	LineCount        int          `json:"line_count"`
	OrderedLines     int          `json:"ordered_lines"`
	OrderValue       fixed.Money  `json:"order_value"`
	ExceptionCount   int          `json:"exception_count"`
	DeliveryTemp     *fixed.Money `json:"delivery_temp"`
	ReceiveNote      string       `json:"receive_note"`
	CreatedBy        *int64       `json:"created_by"`
	SubmittedAt      *time.Time   `json:"submitted_at"`
	SubmittedBy      *int64       `json:"submitted_by"`
	ApprovedAt       *time.Time   `json:"approved_at"`
	ApprovedBy       *int64       `json:"approved_by"`
	ReceivedAt       *time.Time   `json:"received_at"`
	ReceivedBy       *int64       `json:"received_by"`
	Version          int          `json:"version"`
	CreatedAt        time.Time    `json:"created_at"`
	UpdatedAt        time.Time    `json:"updated_at"`
	AllowedActions   []string     `json:"allowed_actions,omitempty"`
}

func toPlanJSON(p Plan, actions []string) planJSON {
	return planJSON{ID: p.ID, StoreID: p.StoreID, DepartmentCode: p.DepartmentCode, BusinessDate: p.BusinessDate,
		DeliveryDate: p.DeliveryDate, NextDeliveryDate: p.NextDeliveryDate, Status: p.Status, RejectReason: p.RejectReason,
		ServiceLevel: fixed.Money(math.Round(p.ServiceLevel * 10000)), LineCount: p.LineCount, OrderedLines: p.OrderedLines,
		OrderValue: p.OrderValue, ExceptionCount: p.ExceptionCount, DeliveryTemp: p.DeliveryTemp, ReceiveNote: p.ReceiveNote,
		CreatedBy: p.CreatedBy, SubmittedAt: p.SubmittedAt, SubmittedBy: p.SubmittedBy, ApprovedAt: p.ApprovedAt,
		ApprovedBy: p.ApprovedBy, ReceivedAt: p.ReceivedAt, ReceivedBy: p.ReceivedBy, Version: p.Version,
		CreatedAt: p.CreatedAt, UpdatedAt: p.UpdatedAt, AllowedActions: actions}
}

// supplierJSON is one supplier's part of a plan.
type supplierJSON struct {
	SupplierID   *int64      `json:"supplier_id"`
	Code         string      `json:"code"`
	Name         string      `json:"name"`
	OrderCutoff  string      `json:"order_cutoff"`
	LeadTimeDays int         `json:"lead_time_days"`
	Lines        int         `json:"lines"`
	OrderValue   fixed.Money `json:"order_value"`
}

type claimJSON struct {
	SKU          string      `json:"sku"`
	Name         string      `json:"name"`
	SupplierCode string      `json:"supplier_code"`
	RefusedQty   fixed.Qty   `json:"refused_qty"`
	RefuseReason string      `json:"refuse_reason"`
	Value        fixed.Money `json:"value"`
	Photos       []int64     `json:"photos"`
}

type detailJSON struct {
	planJSON
	Suppliers []supplierJSON `json:"suppliers"`
	Claims    []claimJSON    `json:"claims"`
}

func toClaimJSON(c Claim) claimJSON {
	photos := make([]int64, 0, len(c.Photos))
	for _, s := range c.Photos {
		if id, err := strconv.ParseInt(s, 10, 64); err == nil {
			photos = append(photos, id)
		}
	}
	return claimJSON{SKU: c.SKU, Name: c.Name, SupplierCode: c.SupplierCode, RefusedQty: c.RefusedQty,
		RefuseReason: c.RefuseReason, Value: c.Value, Photos: photos}
}

// lineJSON is a line in lists; the explanation and history come with one line's detail.
type lineJSON struct {
	SKU             string      `json:"sku"`
	Name            string      `json:"name"`
	Unit            string      `json:"unit"`
	SupplierCode    string      `json:"supplier_code"`
	SupplierName    string      `json:"supplier_name"`
	CasePack        fixed.Qty   `json:"case_pack"`
	MinOrderQty     fixed.Qty   `json:"min_order_qty"`
	UnitCost        fixed.Money `json:"unit_cost"`
	ForecastQty     fixed.Qty   `json:"forecast_qty"`
	SuggestedQty    fixed.Qty   `json:"suggested_qty"`
	OrderedQty      fixed.Qty   `json:"ordered_qty"`
	DeviationReason string      `json:"deviation_reason"`
	Flags           []string    `json:"flags"`
	OnHand          fixed.Qty   `json:"on_hand"`
	OnOrder         fixed.Qty   `json:"on_order"`
	LastWeekQty     *fixed.Qty  `json:"last_week_qty"`
	DaysOfCover     *string     `json:"days_of_cover"`
	ReceivedQty     *fixed.Qty  `json:"received_qty"`
	RefusedQty      fixed.Qty   `json:"refused_qty"`
	RefuseReason    string      `json:"refuse_reason"`
	LotExpiry       *civil.Date `json:"lot_expiry"`
	Version         int         `json:"version"`
}

func toLineJSON(l Line) lineJSON {
	var cover *string
	if d := DaysOfCover(l); d != nil {
		s := strconv.FormatFloat(float64(*d)/1000, 'f', 1, 64)
		cover = &s
	}
	return lineJSON{SKU: l.SKU, Name: l.Name, Unit: l.Unit, SupplierCode: l.SupplierCode, SupplierName: l.SupplierName,
		CasePack: l.CasePack, MinOrderQty: l.MinOrderQty, UnitCost: l.UnitCost, ForecastQty: l.ForecastQty,
		SuggestedQty: l.SuggestedQty, OrderedQty: l.OrderedQty, DeviationReason: l.DeviationReason, Flags: l.Flags,
		OnHand: l.Explanation.OnHand, OnOrder: l.Explanation.OnOrder, LastWeekQty: l.LastWeekQty, DaysOfCover: cover,
		ReceivedQty: l.ReceivedQty, RefusedQty: l.RefusedQty, RefuseReason: l.RefuseReason, LotExpiry: l.LotExpiry,
		Version: l.Version}
}

type salesDayJSON struct {
	Date civil.Date `json:"date"`
	Qty  fixed.Qty  `json:"qty"`
}

type lineDetailJSON struct {
	lineJSON
	Explanation Explanation    `json:"explanation"`
	History     []salesDayJSON `json:"history"`
}

type settingsJSON struct {
	DepartmentCode   string       `json:"department_code"`
	DeliveryWeekdays string       `json:"delivery_weekdays"`
	ServiceLevel     fixed.Money  `json:"service_level"`
	MaxDeliveryTemp  *fixed.Money `json:"max_delivery_temp"`
	Version          int          `json:"version"`
}

func toSettingsJSON(s Settings) settingsJSON { return settingsJSON(s) }
