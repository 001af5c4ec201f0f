package shrink

import (
	"time"

	"github.com/storeops/storeops/internal/platform/attachments"
	"github.com/storeops/storeops/internal/platform/civil"
	"github.com/storeops/storeops/internal/platform/fixed"
)

type writeOffJSON struct {
	ID             int64              `json:"id"`
	StoreID        int64              `json:"store_id"`
	DepartmentCode string             `json:"department_code"`
	SKU            string             `json:"sku"`
	Name           string             `json:"name"`
	Unit           string             `json:"unit"`
	LotID          *int64             `json:"lot_id"`
	Qty            fixed.Qty          `json:"qty"`
	UnitCost       fixed.Money        `json:"unit_cost"`
	Value          fixed.Money        `json:"value"`
	Reason         string             `json:"reason"`
	Note           string             `json:"note"`
	Status         string             `json:"status"`
	BusinessDate   civil.Date         `json:"business_date"`
	RejectReason   string             `json:"reject_reason"`
	CreatedBy      *int64             `json:"created_by"`
	CreatedByName  string             `json:"created_by_name"`
	DecidedBy      *int64             `json:"decided_by"`
	DecidedAt      *time.Time         `json:"decided_at"`
	RecallID       *int64             `json:"recall_id"`
	Version        int                `json:"version"`
	CreatedAt      time.Time          `json:"created_at"`
	UpdatedAt      time.Time          `json:"updated_at"`
	Photos         []attachments.JSON `json:"photos"`
	AllowedActions []string           `json:"allowed_actions"`
}

func toWriteOffJSON(w WriteOff, photos []attachments.Attachment, actions []string) writeOffJSON {
	if actions == nil {
		actions = []string{}
	}
	return writeOffJSON{ID: w.ID, StoreID: w.StoreID, DepartmentCode: w.DepartmentCode, SKU: w.SKU, Name: w.Name,
		Unit: w.Unit, LotID: w.LotID, Qty: w.Qty, UnitCost: w.UnitCost, Value: w.Value, Reason: w.Reason, Note: w.Note,
		Status: w.Status, BusinessDate: w.BusinessDate, RejectReason: w.RejectReason, CreatedBy: w.CreatedBy,
		CreatedByName: w.CreatedByName, DecidedBy: w.DecidedBy, DecidedAt: w.DecidedAt, RecallID: w.RecallID,
		Version: w.Version, CreatedAt: w.CreatedAt, UpdatedAt: w.UpdatedAt, Photos: attachments.ToJSONList(photos),
		AllowedActions: actions}
}

type barcodeJSON struct {
	Format string `json:"format"`
	Value  string `json:"value"`
}

type markdownJSON struct {
	ID             int64       `json:"id"`
	StoreID        int64       `json:"store_id"`
	DepartmentCode string      `json:"department_code"`
	SKU            string      `json:"sku"`
	Name           string      `json:"name"`
	Unit           string      `json:"unit"`
	LotID          *int64      `json:"lot_id"`
	ExpiryDate     *civil.Date `json:"expiry_date"`
	Qty            fixed.Qty   `json:"qty"`
	RegularPrice   fixed.Money `json:"regular_price"`
	MarkdownPrice  fixed.Money `json:"markdown_price"`
	DiscountPct    fixed.Money `json:"discount_pct"`
	Loss           fixed.Money `json:"loss"`
	OnLadder       bool        `json:"on_ladder"`
	Reason         string      `json:"reason"`
	Note           string      `json:"note"`
	Status         string      `json:"status"`
	BusinessDate   civil.Date  `json:"business_date"`
	RejectReason   string      `json:"reject_reason"`
	CreatedBy      *int64      `json:"created_by"`
	CreatedByName  string      `json:"created_by_name"`
	DecidedBy      *int64      `json:"decided_by"`
	DecidedAt      *time.Time  `json:"decided_at"`
	Version        int         `json:"version"`
	CreatedAt      time.Time   `json:"created_at"`
	UpdatedAt      time.Time   `json:"updated_at"`
	Barcode        barcodeJSON `json:"barcode"`
	AllowedActions []string    `json:"allowed_actions"`
}

func toMarkdownJSON(m Markdown, b Barcode, actions []string) markdownJSON {
	if actions == nil {
		actions = []string{}
	}
	return markdownJSON{ID: m.ID, StoreID: m.StoreID, DepartmentCode: m.DepartmentCode, SKU: m.SKU, Name: m.Name,
		Unit: m.Unit, LotID: m.LotID, ExpiryDate: m.ExpiryDate, Qty: m.Qty, RegularPrice: m.RegularPrice,
		MarkdownPrice: m.MarkdownPrice, DiscountPct: m.DiscountPct, Loss: m.Loss, OnLadder: m.OnLadder, Reason: m.Reason,
		Note: m.Note, Status: m.Status, BusinessDate: m.BusinessDate, RejectReason: m.RejectReason,
		CreatedBy: m.CreatedBy, CreatedByName: m.CreatedByName, DecidedBy: m.DecidedBy, DecidedAt: m.DecidedAt,
		Version: m.Version, CreatedAt: m.CreatedAt, UpdatedAt: m.UpdatedAt,
		Barcode: barcodeJSON{Format: b.Format, Value: b.Value}, AllowedActions: actions}
}

type suggestionJSON struct {
	LotID            int64       `json:"lot_id"`
	SKU              string      `json:"sku"`
	Name             string      `json:"name"`
	Unit             string      `json:"unit"`
	DepartmentCode   string      `json:"department_code"`
	ExpiryDate       civil.Date  `json:"expiry_date"`
	HoursLeft        int         `json:"hours_left"`
	RemainingQty     fixed.Qty   `json:"remaining_qty"`
	MarkedDownQty    fixed.Qty   `json:"marked_down_qty"`
	Qty              fixed.Qty   `json:"qty"`
	Action           string      `json:"action"`
	DiscountPct      fixed.Money `json:"discount_pct"`
	RegularPrice     fixed.Money `json:"regular_price"`
	MarkdownPrice    fixed.Money `json:"markdown_price"`
	UnitCost         fixed.Money `json:"unit_cost"`
	LossIfMarkedDown fixed.Money `json:"loss_if_marked_down"`
	LossIfWrittenOff fixed.Money `json:"loss_if_written_off"`
}

func toSuggestionJSON(s Suggestion) suggestionJSON {
	return suggestionJSON{LotID: s.LotID, SKU: s.Ref.SKU, Name: s.Ref.Name, Unit: s.Ref.Unit,
		DepartmentCode: s.Ref.DepartmentCode, ExpiryDate: s.Expiry, HoursLeft: s.HoursLeft, RemainingQty: s.Remaining,
		MarkedDownQty: s.MarkedDown, Qty: s.Qty, Action: s.Action, DiscountPct: s.Discount,
		RegularPrice: s.RegularPrice, MarkdownPrice: s.MarkdownPrice, UnitCost: s.UnitCost,
		LossIfMarkedDown: s.LossIfMarkedDown, LossIfWrittenOff: s.LossIfWrittenOff}
}

type amountsJSON struct {
	WriteOff  fixed.Money `json:"write_off"`
	Markdown  fixed.Money `json:"markdown"`
	Stocktake fixed.Money `json:"stocktake"`
	Total     fixed.Money `json:"total"`
}

func toAmountsJSON(a Amounts) amountsJSON {
	return amountsJSON{WriteOff: a.WriteOff, Markdown: a.Markdown, Stocktake: a.Stocktake, Total: a.Total()}
}

type departmentJSON struct {
	amountsJSON
	DepartmentCode string       `json:"department_code"`
	NetSales       fixed.Money  `json:"net_sales"`
	ShrinkPct      *fixed.Money `json:"shrink_pct"`
	Budget         *fixed.Money `json:"budget"`
	BudgetUsedPct  *fixed.Money `json:"budget_used_pct"`
}

func toDepartmentJSON(d DepartmentShrink) departmentJSON {
	out := departmentJSON{amountsJSON: toAmountsJSON(d.Amounts), DepartmentCode: d.DepartmentCode,
		NetSales: d.NetSales, Budget: d.Budget}
	if pct, ok := PctOfWhole(d.Total(), d.NetSales); ok {
		out.ShrinkPct = &pct
	}
	if d.Budget != nil {
		if pct, ok := PctOfWhole(d.Total(), *d.Budget); ok {
			out.BudgetUsedPct = &pct
		}
	}
	return out
}

type dayJSON struct {
	amountsJSON
	Date civil.Date `json:"date"`
}

type reasonJSON struct {
	Reason string      `json:"reason"`
	Amount fixed.Money `json:"amount"`
	Count  int         `json:"count"`
}

type productJSON struct {
	SKU            string      `json:"sku"`
	Name           string      `json:"name"`
	DepartmentCode string      `json:"department_code"`
	WriteOffQty    fixed.Qty   `json:"write_off_qty"`
	WriteOff       fixed.Money `json:"write_off"`
	MarkdownQty    fixed.Qty   `json:"markdown_qty"`
	Markdown       fixed.Money `json:"markdown"`
	Total          fixed.Money `json:"total"`
}

type reportJSON struct {
	From         civil.Date       `json:"from"`
	To           civil.Date       `json:"to"`
	Totals       departmentJSON   `json:"totals"`
	ByDepartment []departmentJSON `json:"by_department"`
	ByReason     []reasonJSON     `json:"by_reason"`
	ByDay        []dayJSON        `json:"by_day"`
	TopProducts  []productJSON    `json:"top_products"`
}

func toReportJSON(r Report) reportJSON {
	out := reportJSON{From: r.From, To: r.To, Totals: toDepartmentJSON(r.Totals), ByDepartment: []departmentJSON{},
		ByReason: []reasonJSON{}, ByDay: []dayJSON{}, TopProducts: []productJSON{}}
	for _, d := range r.ByDepartment {
		out.ByDepartment = append(out.ByDepartment, toDepartmentJSON(d))
	}
	for _, x := range r.ByReason {
		out.ByReason = append(out.ByReason, reasonJSON{Reason: x.Reason, Amount: x.Amount, Count: x.Count})
	}
	for _, d := range r.ByDay {
		out.ByDay = append(out.ByDay, dayJSON{amountsJSON: toAmountsJSON(d.Amounts), Date: d.Date})
	}
	for _, p := range r.Top {
		out.TopProducts = append(out.TopProducts, productJSON{SKU: p.SKU, Name: p.Name, DepartmentCode: p.DepartmentCode,
			WriteOffQty: p.WriteOffQty, WriteOff: p.WriteOff, MarkdownQty: p.MarkdownQty, Markdown: p.Markdown,
			Total: p.WriteOff + p.Markdown})
	}
	return out
}

type stepJSON struct {
	HoursLeft int         `json:"hours_left"`
	Discount  fixed.Money `json:"discount_pct"`
}

type rulesJSON struct {
	DepartmentCode string        `json:"department_code"`
	Ladder         []fixed.Money `json:"ladder"`
	MaxDiscountPct fixed.Money   `json:"max_discount_pct"`
	WindowDays     int           `json:"window_days"`
	Schedule       []stepJSON    `json:"schedule"`
	Version        int           `json:"version"`
}

func toRulesJSON(r Rules) rulesJSON {
	out := rulesJSON{DepartmentCode: r.DepartmentCode, Ladder: append([]fixed.Money{}, r.Ladder...),
		MaxDiscountPct: r.MaxDiscount, WindowDays: r.WindowDays, Schedule: []stepJSON{}, Version: r.Version}
	for _, s := range r.Schedule {
		out.Schedule = append(out.Schedule, stepJSON{HoursLeft: s.HoursLeft, Discount: s.Discount})
	}
	return out
}

type settingsJSON struct {
	StoreID           int64       `json:"store_id"`
	WriteOffThreshold fixed.Money `json:"write_off_threshold"`
	Version           int         `json:"version"`
	Departments       []rulesJSON `json:"departments"`
}

func toSettingsJSON(s Settings) settingsJSON {
	out := settingsJSON{StoreID: s.StoreID, WriteOffThreshold: s.Threshold, Version: s.Version, Departments: []rulesJSON{}}
	for _, r := range s.Departments {
		out.Departments = append(out.Departments, toRulesJSON(r))
	}
	return out
}

type layoutJSON struct {
	Enabled     bool   `json:"enabled"`
	Prefix      string `json:"prefix"`
	ItemDigits  int    `json:"item_digits"`
	PriceDigits int    `json:"price_digits"`
	Version     int    `json:"version"`
}

func toLayoutJSON(l Layout) layoutJSON {
	return layoutJSON{Enabled: l.Enabled, Prefix: l.Prefix, ItemDigits: l.ItemDigits, PriceDigits: l.PriceDigits,
		Version: l.Version}
}
