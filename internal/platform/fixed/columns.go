package fixed

import (
	"fmt"

	"github.com/storeops/storeops/internal/platform/apperr"
)

// MaxDigits is the most significant digits a DECIMAL column may have. SQLite gives DECIMAL
// columns NUMERIC affinity and stores a non-integer as an 8-byte REAL, which round-trips every
// decimal of up to 15 significant digits; MySQL stores DECIMAL exactly. A column of at most 15
// digits therefore reads back exactly on both (docs/adr/0001-exact-decimals.md).
const MaxDigits = 15

// Column is one DECIMAL(Precision, Scale) column of the schema. The variables below are the one
// place that knows each column's range: request validation checks values with them, and a
// schema test proves they match the migrated columns of both databases.
type Column struct {
	Table, Name      string
	Precision, Scale int
}

// The DECIMAL columns of migrations/, by table.
var (
	ProductsCasePack    = Column{"products", "case_pack", 12, 3}
	ProductsCostPrice   = Column{"products", "cost_price", 12, 2}
	ProductsRetailPrice = Column{"products", "retail_price", 12, 2}
	ProductsMinOrderQty = Column{"products", "min_order_qty", 12, 3}

	StockBalancesOnHand   = Column{"stock_balances", "on_hand", 14, 3}
	StockBalancesSold28   = Column{"stock_balances", "sold_28", 14, 3}
	InventoryMovementsQty = Column{"inventory_movements", "qty", 14, 3}
	StockLotsQtyReceived  = Column{"stock_lots", "qty_received", 14, 3}
	StockLotsQtyRemaining = Column{"stock_lots", "qty_remaining", 14, 3}
	StockLotsUnitCost     = Column{"stock_lots", "unit_cost", 12, 2}

	SalesLinesQty        = Column{"sales_lines", "qty", 14, 3}
	SalesLinesNetSales   = Column{"sales_lines", "net_sales", 14, 2}
	SalesLinesCost       = Column{"sales_lines", "cost", 14, 2}
	LabourLinesHeadcount = Column{"labour_lines", "headcount", 10, 3}
	LabourLinesHours     = Column{"labour_lines", "hours", 12, 3}
	LabourLinesCost      = Column{"labour_lines", "cost", 14, 2}
	ExpenseLinesAmount   = Column{"expense_lines", "amount", 14, 2}
	SalesDailyQty        = Column{"sales_daily", "qty", 15, 3}
	SalesDailyNetSales   = Column{"sales_daily", "net_sales", 15, 2}
	SalesDailyCost       = Column{"sales_daily", "cost", 15, 2}

	BudgetsSalesTarget          = Column{"budgets", "sales_target", 14, 2}
	BudgetsGrossMarginPctTarget = Column{"budgets", "gross_margin_pct_target", 5, 2}
	BudgetsLabourBudget         = Column{"budgets", "labour_budget", 14, 2}
	BudgetsMaterialsBudget      = Column{"budgets", "materials_budget", 14, 2}
	BudgetsRepairsBudget        = Column{"budgets", "repairs_budget", 14, 2}
	BudgetsShrinkBudget         = Column{"budgets", "shrink_budget", 14, 2}
	BudgetsSalesPerHeadTarget   = Column{"budgets", "sales_per_head_target", 14, 2}

	StocktakeTolerancesPct            = Column{"stocktake_tolerances", "tolerance_pct", 7, 2}
	StocktakeTolerancesValue          = Column{"stocktake_tolerances", "tolerance_value", 12, 2}
	StocktakesTolerancePct            = Column{"stocktakes", "tolerance_pct", 7, 2}
	StocktakesToleranceValue          = Column{"stocktakes", "tolerance_value", 12, 2}
	StocktakesBookValue               = Column{"stocktakes", "book_value", 15, 2}
	StocktakesVarianceAbsValue        = Column{"stocktakes", "variance_abs_value", 15, 2}
	StocktakesAccuracy                = Column{"stocktakes", "accuracy", 7, 4}
	StocktakeItemsUnitCost            = Column{"stocktake_items", "unit_cost", 12, 2}
	StocktakeItemsBookQty             = Column{"stocktake_items", "book_qty", 14, 3}
	StocktakeCountLinesQty            = Column{"stocktake_count_lines", "qty", 14, 3}
	StocktakeAdjustmentsBookQty       = Column{"stocktake_adjustments", "book_qty", 14, 3}
	StocktakeAdjustmentsCountedQty    = Column{"stocktake_adjustments", "counted_qty", 14, 3}
	StocktakeAdjustmentsVarianceQty   = Column{"stocktake_adjustments", "variance_qty", 14, 3}
	StocktakeAdjustmentsVarianceValue = Column{"stocktake_adjustments", "variance_value", 14, 2}

	OrderSettingsServiceLevel    = Column{"order_settings", "service_level", 5, 2}
	OrderSettingsMaxDeliveryTemp = Column{"order_settings", "max_delivery_temp", 5, 2}
	OrderPlansServiceLevel       = Column{"order_plans", "service_level", 5, 2}
	OrderPlansOrderValue         = Column{"order_plans", "order_value", 15, 2}
	OrderPlansDeliveryTemp       = Column{"order_plans", "delivery_temp", 5, 2}
	OrderPlanLinesCasePack       = Column{"order_plan_lines", "case_pack", 12, 3}
	OrderPlanLinesMinOrderQty    = Column{"order_plan_lines", "min_order_qty", 12, 3}
	OrderPlanLinesUnitCost       = Column{"order_plan_lines", "unit_cost", 12, 2}
	OrderPlanLinesForecastQty    = Column{"order_plan_lines", "forecast_qty", 14, 3}
	OrderPlanLinesSuggestedQty   = Column{"order_plan_lines", "suggested_qty", 14, 3}
	OrderPlanLinesOrderedQty     = Column{"order_plan_lines", "ordered_qty", 12, 3}
	OrderPlanLinesLastWeekQty    = Column{"order_plan_lines", "last_week_qty", 12, 3}
	OrderPlanLinesReceivedQty    = Column{"order_plan_lines", "received_qty", 12, 3}
	OrderPlanLinesRefusedQty     = Column{"order_plan_lines", "refused_qty", 12, 3}

	ShrinkSettingsWriteOffThreshold = Column{"shrink_settings", "write_off_threshold", 12, 2}
	MarkdownRulesMaxDiscountPct     = Column{"markdown_rules", "max_discount_pct", 5, 2}
	WriteOffsQty                    = Column{"write_offs", "qty", 12, 3}
	WriteOffsUnitCost               = Column{"write_offs", "unit_cost", 12, 2}
	WriteOffsValue                  = Column{"write_offs", "value", 14, 2}
	MarkdownsQty                    = Column{"markdowns", "qty", 12, 3}
	MarkdownsRegularPrice           = Column{"markdowns", "regular_price", 12, 2}
	MarkdownsMarkdownPrice          = Column{"markdowns", "markdown_price", 12, 2}
	MarkdownsDiscountPct            = Column{"markdowns", "discount_pct", 5, 2}
	MarkdownsLoss                   = Column{"markdowns", "loss", 14, 2}
	RecallsQty                      = Column{"recalls", "qty", 14, 3}
	RecallsValue                    = Column{"recalls", "value", 15, 2}

	CampaignItemsRegularPrice = Column{"campaign_items", "regular_price", 12, 2}
	CampaignItemsPromoPrice   = Column{"campaign_items", "promo_price", 12, 2}
	CampaignItemsCostPrice    = Column{"campaign_items", "cost_price", 12, 2}

	CampaignShiftLinesQty = Column{"campaign_shift_lines", "qty", 12, 3}

	CampaignEffectLinesBaseQty     = Column{"campaign_effect_lines", "base_qty", 15, 3}
	CampaignEffectLinesPromoQty    = Column{"campaign_effect_lines", "promo_qty", 15, 3}
	CampaignEffectLinesBaseNet     = Column{"campaign_effect_lines", "base_net", 15, 2}
	CampaignEffectLinesPromoNet    = Column{"campaign_effect_lines", "promo_net", 15, 2}
	CampaignEffectLinesBaseMargin  = Column{"campaign_effect_lines", "base_margin", 15, 2}
	CampaignEffectLinesPromoMargin = Column{"campaign_effect_lines", "promo_margin", 15, 2}
	InspectionsScore               = Column{"inspections", "score", 5, 2}
	InspectionAnswersNumberValue   = Column{"inspection_answers", "number_value", 8, 2}

	ComplaintsCompensation            = Column{"complaints", "compensation", 8, 2}
	PriceSurveyLinesOurPrice          = Column{"price_survey_lines", "our_price", 8, 2}
	PriceSurveyLinesTheirPrice        = Column{"price_survey_lines", "their_price", 8, 2}
	PriceChangeRequestsCurrentPrice   = Column{"price_change_requests", "current_price", 8, 2}
	PriceChangeRequestsRequestedPrice = Column{"price_change_requests", "requested_price", 8, 2}

	EquipmentMinCelsius             = Column{"equipment", "min_celsius", 6, 2}
	EquipmentMaxCelsius             = Column{"equipment", "max_celsius", 6, 2}
	EquipmentLastCelsius            = Column{"equipment", "last_celsius", 6, 2}
	TemperatureLogsCelsius          = Column{"temperature_logs", "celsius", 6, 2}
	TemperatureExcursionsMinCelsius = Column{"temperature_excursions", "min_celsius", 6, 2}
	TemperatureExcursionsMaxCelsius = Column{"temperature_excursions", "max_celsius", 6, 2}
	TemperatureExcursionsLimitMin   = Column{"temperature_excursions", "limit_min", 6, 2}
	TemperatureExcursionsLimitMax   = Column{"temperature_excursions", "limit_max", 6, 2}
	EquipmentMaintenanceCost        = Column{"equipment_maintenance", "cost", 12, 2}
)

// Columns lists every DECIMAL column of the schema.
func Columns() []Column {
	return []Column{
		ProductsCasePack, ProductsCostPrice, ProductsRetailPrice, ProductsMinOrderQty,
		StockBalancesOnHand, StockBalancesSold28, InventoryMovementsQty, StockLotsQtyReceived,
		StockLotsQtyRemaining, StockLotsUnitCost,
		SalesLinesQty, SalesLinesNetSales, SalesLinesCost, LabourLinesHeadcount, LabourLinesHours, LabourLinesCost,
		ExpenseLinesAmount, SalesDailyQty, SalesDailyNetSales, SalesDailyCost,
		BudgetsSalesTarget, BudgetsGrossMarginPctTarget, BudgetsLabourBudget, BudgetsMaterialsBudget,
		BudgetsRepairsBudget, BudgetsShrinkBudget, BudgetsSalesPerHeadTarget,
		StocktakeTolerancesPct, StocktakeTolerancesValue, StocktakesTolerancePct, StocktakesToleranceValue,
		StocktakesBookValue, StocktakesVarianceAbsValue, StocktakesAccuracy, StocktakeItemsUnitCost,
		StocktakeItemsBookQty, StocktakeCountLinesQty, StocktakeAdjustmentsBookQty, StocktakeAdjustmentsCountedQty,
		StocktakeAdjustmentsVarianceQty, StocktakeAdjustmentsVarianceValue,
		OrderSettingsServiceLevel, OrderSettingsMaxDeliveryTemp, OrderPlansServiceLevel, OrderPlansOrderValue, OrderPlansDeliveryTemp,
		OrderPlanLinesCasePack, OrderPlanLinesMinOrderQty, OrderPlanLinesUnitCost, OrderPlanLinesForecastQty,
		OrderPlanLinesSuggestedQty, OrderPlanLinesOrderedQty, OrderPlanLinesLastWeekQty, OrderPlanLinesReceivedQty,
		OrderPlanLinesRefusedQty,
		ShrinkSettingsWriteOffThreshold, MarkdownRulesMaxDiscountPct, WriteOffsQty, WriteOffsUnitCost, WriteOffsValue,
		MarkdownsQty, MarkdownsRegularPrice, MarkdownsMarkdownPrice, MarkdownsDiscountPct, MarkdownsLoss,
		RecallsQty, RecallsValue,
		CampaignItemsRegularPrice, CampaignItemsPromoPrice, CampaignItemsCostPrice,
		CampaignShiftLinesQty,
		CampaignEffectLinesBaseQty, CampaignEffectLinesPromoQty, CampaignEffectLinesBaseNet, CampaignEffectLinesPromoNet,
		CampaignEffectLinesBaseMargin, CampaignEffectLinesPromoMargin,
		InspectionsScore, InspectionAnswersNumberValue,
		ComplaintsCompensation, PriceSurveyLinesOurPrice, PriceSurveyLinesTheirPrice,
		PriceChangeRequestsCurrentPrice, PriceChangeRequestsRequestedPrice,
		EquipmentMinCelsius, EquipmentMaxCelsius, EquipmentLastCelsius, TemperatureLogsCelsius,
		TemperatureExcursionsMinCelsius, TemperatureExcursionsMaxCelsius, TemperatureExcursionsLimitMin,
		TemperatureExcursionsLimitMax, EquipmentMaintenanceCost,
	}
}

// String names the column as table.column.
func (c Column) String() string { return c.Table + "." + c.Name }

// Max is the largest value the column holds, in units of 10^-scale: 10^(Precision) − 1
// (99999.999 is 99999999 for DECIMAL(8,3)).
func (c Column) Max() int64 { return ipow10(c.Precision) - 1 }

// MaxQty is the largest quantity the column holds (rounded down to whole thousandths for a
// column with more than 3 decimals).
func (c Column) MaxQty() Qty { return Qty(rescale(c.Max(), c.Scale, qtyScale)) }

// MaxMoney is the largest amount the column holds (rounded down to whole cents for a column
// with more than 2 decimals).
func (c Column) MaxMoney() Money { return Money(rescale(c.Max(), c.Scale, moneyScale)) }

// CheckQty says why q does not fit the column, or returns nil.
func (c Column) CheckQty(q Qty) error { return c.Check(int64(q), qtyScale) }

// CheckMoney says why m does not fit the column, or returns nil.
func (c Column) CheckMoney(m Money) error { return c.Check(int64(m), moneyScale) }

// Check says why v, a decimal in units of 10^-scale, does not fit the column, in words a client
// can act on ("must be at most 9999999999.99"), or returns nil. A value with more decimals than
// the column keeps is refused, never rounded.
func (c Column) Check(v int64, scale int) error {
	if scale > c.Scale {
		step := ipow10(scale - c.Scale)
		if v%step != 0 {
			return fmt.Errorf("must have at most %d decimal places", c.Scale)
		}
		v /= step
		scale = c.Scale
	}
	// v has scale ≤ c.Scale decimals: compare v × 10^(c.Scale−scale) with Max without overflow.
	limit := c.Max() / ipow10(c.Scale-scale)
	switch {
	case v > limit:
		return fmt.Errorf("must be at most %s", format(c.Max(), c.Scale))
	case v < -limit:
		return fmt.Errorf("must be at least -%s", format(c.Max(), c.Scale))
	}
	return nil
}

// FieldQty adds field's problem to fe when q does not fit the column and reports whether it fits.
func (c Column) FieldQty(fe apperr.FieldErrors, field string, q Qty) bool {
	return c.field(fe, field, c.CheckQty(q))
}

// FieldMoney adds field's problem to fe when m does not fit the column and reports whether it fits.
func (c Column) FieldMoney(fe apperr.FieldErrors, field string, m Money) bool {
	return c.field(fe, field, c.CheckMoney(m))
}

func (c Column) field(fe apperr.FieldErrors, field string, err error) bool {
	if err != nil {
		fe.Add(field, err.Error())
		return false
	}
	return true
}

// ipow10 is 10^n for 0 ≤ n ≤ 18.
func ipow10(n int) int64 {
	v := int64(1)
	for range n {
		v *= 10
	}
	return v
}

// rescale moves v from one scale to another, dropping digits when it narrows.
func rescale(v int64, from, to int) int64 {
	if to >= from {
		return v * ipow10(to-from)
	}
	return v / ipow10(from-to)
}
