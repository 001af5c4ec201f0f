package ordering

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"gorm.io/gorm"

	"github.com/storeops/storeops/internal/feeds"
	"github.com/storeops/storeops/internal/platform/apperr"
	"github.com/storeops/storeops/internal/platform/audit"
	"github.com/storeops/storeops/internal/platform/authz"
	"github.com/storeops/storeops/internal/platform/civil"
	"github.com/storeops/storeops/internal/platform/database"
	"github.com/storeops/storeops/internal/platform/fixed"
	"github.com/storeops/storeops/internal/platform/paging"
)

// LineFilter narrows a plan's lines.
type LineFilter struct {
	ExceptionsOnly bool
	Q              string // part of the SKU or name
	SupplierCode   string
}

// HistoryDays is how many days of sales a line's detail shows before its forecast.
const HistoryDays = 28

// Lines answers a page of a plan's lines, exceptions first, then by supplier and SKU.
func (s *Service) Lines(ctx context.Context, p *authz.Principal, id int64, f LineFilter, pg paging.Page) ([]Line, int64, error) {
	if _, err := s.load(ctx, s.db, p, id); err != nil {
		return nil, 0, err
	}
	q := s.db.WithContext(ctx).Model(&lineRow{}).Where("plan_id = ?", id)
	if f.ExceptionsOnly {
		q = q.Where("exception = ?", true)
	}
	if f.Q != "" {
		like := "%" + database.EscapeLike(f.Q) + "%"
		q = q.Where("(sku LIKE ? ESCAPE '!' OR name LIKE ? ESCAPE '!')", like, like)
	}
	if f.SupplierCode != "" {
		q = q.Where("supplier_code = ?", f.SupplierCode)
	}
	var total int64
	if err := q.Count(&total).Error; err != nil {
		return nil, 0, err
	}
	var rows []lineRow
	err := q.Order("exception DESC").Order("supplier_code").Order("sku").Offset(pg.Offset()).Limit(pg.PageSize).Find(&rows).Error
	out := make([]Line, len(rows))
	for i, r := range rows {
		out[i] = toLine(r)
	}
	return out, total, err
}

// SalesDay is one day of a product's sales, for a line's chart.
type SalesDay struct {
	Date civil.Date
	Qty  fixed.Qty
}

// Line answers one line with its explanation and the last HistoryDays of sales before the
// plan was made.
func (s *Service) Line(ctx context.Context, p *authz.Principal, id int64, sku string) (Line, []SalesDay, error) {
	plan, err := s.load(ctx, s.db, p, id)
	if err != nil {
		return Line{}, nil, err
	}
	r, err := loadLine(ctx, s.db, id, sku)
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return Line{}, nil, lineNotFound(sku)
	}
	if err != nil {
		return Line{}, nil, err
	}
	from, to := plan.BusinessDate.AddDays(-HistoryDays), plan.BusinessDate.AddDays(-1)
	sold := map[civil.Date]fixed.Qty{}
	err = s.Sales.EachProductDay(ctx, plan.StoreID, []int64{r.ProductID}, from, to, func(d feeds.ProductDay) error {
		sold[d.Date] = d.Qty
		return nil
	})
	hist := make([]SalesDay, 0, HistoryDays)
	for d := from; d <= to; d++ {
		hist = append(hist, SalesDay{Date: d, Qty: sold[d]})
	}
	return toLine(r), hist, err
}

func lineNotFound(sku string) error {
	return apperr.New(apperr.ErrNotFound, "not_found", fmt.Sprintf("the plan has no line for SKU %s", sku))
}

// EditLine sets a draft line's ordered quantity. A deviation of more than 30 % from the
// suggestion needs a reason; the line's version guards against a stale screen (409).
func (s *Service) EditLine(ctx context.Context, p *authz.Principal, id int64, sku string, ordered fixed.Qty, reason string, version int) (Line, error) {
	var out lineRow
	err := database.Tx(ctx, s.db, func(tx *gorm.DB) error {
		plan, err := s.load(ctx, tx, p, id)
		if err != nil {
			return err
		}
		r, err := loadLine(ctx, tx, id, sku)
		if errors.Is(err, gorm.ErrRecordNotFound) {
			return lineNotFound(sku)
		}
		if err != nil {
			return err
		}
		if plan.Status != StatusDraft {
			return wrongState(StatusDraft, plan.Status)
		}
		if err := s.mayWork(p, plan); err != nil {
			return err
		}
		if r.Version != version {
			return apperr.New(apperr.ErrConflict, "stale_version", fmt.Sprintf(
				"the line of SKU %s was changed by someone else: reload it and try again", sku))
		}
		l := toLine(r)
		if err := CheckEdit(l, ordered, reason); err != nil {
			return err
		}
		if ordered > 0 && ordered != r.OrderedQty {
			if refs, err := s.Catalog.RefsByID(ctx, []int64{r.ProductID}); err != nil {
				return err
			} else if !refs[r.ProductID].Active {
				return apperr.New(apperr.ErrRule, "discontinued", fmt.Sprintf("SKU %s is discontinued: it can only be ordered 0", sku))
			}
		}
		before := l
		l.OrderedQty, l.DeviationReason = ordered, strings.TrimSpace(reason)
		if !NeedsReason(l.SuggestedQty, ordered) {
			l.DeviationReason = ""
		}
		l.Flags = FlagsOf(l)
		now := s.now()
		res := tx.Model(&lineRow{}).Where("plan_id = ? AND product_id = ? AND version = ?", id, r.ProductID, version).
			Updates(map[string]any{"ordered_qty": l.OrderedQty, "deviation_reason": l.DeviationReason,
				"flags": strings.Join(l.Flags, ","), "exception": len(l.Flags) > 0, "version": gorm.Expr("version + 1"),
				"updated_at": now})
		if res.Error != nil {
			return res.Error
		}
		if res.RowsAffected == 0 {
			return apperr.New(apperr.ErrConflict, "stale_version", "the line was changed by someone else: reload it and try again")
		}
		// The plan's totals move by the line's change, without touching its version: lines
		// are edited side by side.
		valueBefore, _ := r.UnitCost.MulQty(r.OrderedQty)
		valueAfter, _ := r.UnitCost.MulQty(l.OrderedQty)
		err = tx.Model(&planRow{}).Where("id = ?", id).Updates(map[string]any{
			"ordered_lines":   gorm.Expr("ordered_lines + ?", b2i(l.OrderedQty > 0)-b2i(r.OrderedQty > 0)),
			"order_value":     gorm.Expr("order_value + ?", (valueAfter - valueBefore).String()),
			"exception_count": gorm.Expr("exception_count + ?", b2i(len(l.Flags) > 0)-b2i(r.Exception)),
			"updated_at":      now}).Error
		if err != nil {
			return err
		}
		r.OrderedQty, r.DeviationReason, r.Flags, r.Exception = l.OrderedQty, l.DeviationReason, strings.Join(l.Flags, ","), len(l.Flags) > 0
		r.Version++
		r.UpdatedAt = now
		out = r
		return s.Audit.Write(ctx, tx, p, audit.Entry{Action: "order_plan.line_update", EntityType: "order_plan",
			EntityID: audit.ID(id), StoreID: &plan.StoreID, Before: auditJSON(lineAudit(before)), After: auditJSON(lineAudit(l))})
	})
	return toLine(out), err
}

func lineAudit(l Line) map[string]any {
	return map[string]any{"sku": l.SKU, "suggested_qty": l.SuggestedQty, "ordered_qty": l.OrderedQty,
		"deviation_reason": l.DeviationReason}
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// DaysOfCover is how many days on hand, on order and the order last at the forecast's rate
// over the cover days (nil when the forecast is 0).
func DaysOfCover(l Line) *fixed.Qty {
	ex := l.Explanation
	if ex.Forecast <= 0 || ex.CoverDays <= 0 {
		return nil
	}
	have := max(ex.OnHand+ex.OnOrder-ex.UntilDelivery, 0) + l.OrderedQty
	// days = have ÷ (forecast ÷ cover) = have × cover ÷ forecast, in tenths of a day.
	tenths := int64(have) * int64(ex.CoverDays) * 10 / int64(ex.Forecast)
	d := fixed.Qty(tenths * 100)
	return &d
}
