package ordering

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"gorm.io/gorm"

	"github.com/storeops/storeops/internal/inventory"
	"github.com/storeops/storeops/internal/platform/apperr"
	"github.com/storeops/storeops/internal/platform/attachments"
	"github.com/storeops/storeops/internal/platform/authz"
	"github.com/storeops/storeops/internal/platform/civil"
	"github.com/storeops/storeops/internal/platform/fixed"
)

// Receipt is what arrived of an approved plan (验收).
type Receipt struct {
	DeliveryTemp       *fixed.Money // °C
	Note               string
	ConfirmOverReceipt bool
	Lines              []ReceiptLine // lines left out arrived as ordered
}

// ReceiptLine is what arrived of one line: ReceivedQty goes into stock; RefusedQty was turned
// away at the door (quality, temperature…) with a reason and photos, and is claimed from the
// supplier.
type ReceiptLine struct {
	SKU          string
	ReceivedQty  fixed.Qty
	RefusedQty   fixed.Qty
	RefuseReason string
	Photos       []int64
	Expiry       *civil.Date
}

// Claim is a refused line: what the supplier owes the store.
type Claim struct {
	SKU, Name, SupplierCode string
	RefusedQty              fixed.Qty
	RefuseReason            string
	Value                   fixed.Money
	Photos                  []string
}

// CheckReceipt checks a receipt against the plan's lines (by SKU) without the database:
// quantities 0 or more and in range, a reason for every refusal, an expiry not before the
// delivery, each SKU once, and no line more than OverReceiptFactor × its order without
// confirmation. Problems are named lines[i].field.
func CheckReceipt(rc Receipt, lines map[string]lineRow, delivered civil.Date) error {
	fe := apperr.FieldErrors{}
	if t := rc.DeliveryTemp; t != nil {
		if *t < -maxTemp || *t > maxTemp {
			fe.Add("delivery_temp", fmt.Sprintf("must be from -%s to %s (°C)", maxTemp, maxTemp))
		} else if int64(*t)%10 != 0 {
			fe.Add("delivery_temp", "must have at most 1 decimal place")
		}
	}
	if utf8.RuneCountInString(rc.Note) > 500 {
		fe.Add("note", "must be at most 500 characters")
	}
	seen := map[string]bool{}
	var over []string
	for i, l := range rc.Lines {
		at := func(f string) string { return fmt.Sprintf("lines[%d].%s", i, f) }
		line, ok := lines[l.SKU]
		switch {
		case !ok:
			fe.Add(at("sku"), "the plan has no line for SKU "+l.SKU)
			continue
		case seen[l.SKU]:
			fe.Add(at("sku"), "SKU "+l.SKU+" appears twice")
			continue
		}
		seen[l.SKU] = true
		if l.ReceivedQty < 0 {
			fe.Add(at("received_qty"), "must be 0 or more")
		} else {
			fixed.OrderPlanLinesReceivedQty.FieldQty(fe, at("received_qty"), l.ReceivedQty)
		}
		if l.RefusedQty < 0 {
			fe.Add(at("refused_qty"), "must be 0 or more")
		} else {
			fixed.OrderPlanLinesRefusedQty.FieldQty(fe, at("refused_qty"), l.RefusedQty)
		}
		reason := strings.TrimSpace(l.RefuseReason)
		if l.RefusedQty > 0 && reason == "" {
			fe.Add(at("refuse_reason"), "is required when refused_qty is above 0")
		}
		if utf8.RuneCountInString(reason) > maxReasonLen {
			fe.Add(at("refuse_reason"), fmt.Sprintf("must be at most %d characters", maxReasonLen))
		}
		if len(l.Photos) > 5 {
			fe.Add(at("photos"), "at most 5 photos")
		}
		if l.Expiry != nil && *l.Expiry < delivered {
			fe.Add(at("expiry_date"), "is before the delivery")
		}
		if l.ReceivedQty > OverReceiptFactor*line.OrderedQty && !rc.ConfirmOverReceipt {
			over = append(over, at("received_qty"))
		}
	}
	if err := fe.Err(); err != nil {
		return err
	}
	if len(over) > 0 {
		return apperr.New(apperr.ErrRule, "over_receipt", fmt.Sprintf(
			"%s: more than %d times the ordered quantity arrived: check it, then send confirm_over_receipt: true",
			strings.Join(over, ", "), OverReceiptFactor))
	}
	return nil
}

// Receive books an approved plan's delivery: each line's received quantity enters stock as a
// receipt (a lot with its expiry for perishables) through the inventory module, refusals
// become the supplier claim list, and the delivery temperature is checked against the
// department's limit.
func (s *Service) Receive(ctx context.Context, p *authz.Principal, id int64, version int, rc Receipt) (Plan, error) {
	return s.change(ctx, p, id, version, "order_plan.receive", func(tx *gorm.DB, r *planRow) error {
		if r.Status != StatusApproved {
			return wrongState(StatusApproved, r.Status)
		}
		if err := s.mayWork(p, *r); err != nil {
			return err
		}
		rows, err := loadLines(ctx, tx, r.ID)
		if err != nil {
			return err
		}
		bySKU := make(map[string]lineRow, len(rows))
		for _, l := range rows {
			bySKU[l.SKU] = l
		}
		loc, err := s.Stores.StoreLocation(ctx, r.StoreID)
		if err != nil {
			return err
		}
		today := civil.Today(s.now(), loc)
		if err := CheckReceipt(rc, bySKU, today); err != nil {
			return err
		}
		set, err := s.settings(ctx, r.DepartmentCode)
		if err != nil {
			return err
		}
		given := map[string]ReceiptLine{}
		for _, l := range rc.Lines {
			given[l.SKU] = l
		}
		if err := checkTemperature(set, rc, given, rows); err != nil {
			return err
		}
		var moves []inventory.Move
		ref := strconv.FormatInt(r.ID, 10)
		for _, l := range rows {
			g, named := given[l.SKU]
			if !named {
				g = ReceiptLine{SKU: l.SKU, ReceivedQty: l.OrderedQty}
			}
			if len(g.Photos) > 0 {
				if err := s.Attachments.LinkField(ctx, tx, p, "photos", g.Photos, attachments.Owner{
					Kind: "order_plan", ID: r.ID, StoreID: r.StoreID}); err != nil {
					return err
				}
			}
			upd := map[string]any{"received_qty": g.ReceivedQty, "refused_qty": g.RefusedQty,
				"refuse_reason": strings.TrimSpace(g.RefuseReason), "photos": joinIDs(g.Photos), "lot_expiry": g.Expiry,
				"updated_at": s.now()}
			if err := tx.Model(&lineRow{}).Where("plan_id = ? AND product_id = ?", r.ID, l.ProductID).Updates(upd).Error; err != nil {
				return err
			}
			if g.ReceivedQty > 0 {
				m := inventory.Move{ProductID: l.ProductID, Date: today, Kind: inventory.KindReceipt, Qty: g.ReceivedQty,
					RefType: "order_plan", RefID: ref, UnitCost: l.UnitCost}
				if g.Expiry != nil {
					m.Expiry = *g.Expiry
				}
				moves = append(moves, m)
			}
		}
		if len(moves) > 0 {
			if err := s.Inventory.Move(ctx, tx, p, r.StoreID, moves); err != nil {
				return err
			}
		}
		now := s.now()
		r.Status, r.ReceivedAt, r.ReceivedBy = StatusReceived, &now, p.ActorID()
		r.DeliveryTemp, r.ReceiveNote = rc.DeliveryTemp, strings.TrimSpace(rc.Note)
		return nil
	})
}

// checkTemperature: a department with a warmest delivery needs the delivery's temperature,
// and a warmer delivery is accepted only as refused (every line refused with a reason).
func checkTemperature(set Settings, rc Receipt, given map[string]ReceiptLine, rows []lineRow) error {
	if set.MaxDeliveryTemp == nil {
		return nil
	}
	if rc.DeliveryTemp == nil {
		return apperr.Field("delivery_temp", fmt.Sprintf("is required: department %s checks deliveries at or below %s °C",
			set.DepartmentCode, set.MaxDeliveryTemp))
	}
	if *rc.DeliveryTemp <= *set.MaxDeliveryTemp {
		return nil
	}
	for _, l := range rows {
		if g, ok := given[l.SKU]; (ok && g.ReceivedQty > 0) || (!ok && l.OrderedQty > 0) {
			return apperr.New(apperr.ErrRule, "temperature_out_of_range", fmt.Sprintf(
				"the delivery arrived at %s °C, warmer than %s °C: refuse its lines (received_qty 0, refused_qty with a reason)",
				rc.DeliveryTemp, set.MaxDeliveryTemp))
		}
	}
	return nil
}

func joinIDs(ids []int64) string {
	parts := make([]string, len(ids))
	for i, id := range ids {
		parts[i] = strconv.FormatInt(id, 10)
	}
	return strings.Join(parts, ",")
}

// Claims answers a received plan's refused lines.
func (s *Service) Claims(ctx context.Context, planID int64) ([]Claim, error) {
	var rows []lineRow
	if err := s.db.WithContext(ctx).Where("plan_id = ? AND refused_qty > 0", planID).Order("supplier_code, sku").
		Find(&rows).Error; err != nil {
		return nil, err
	}
	out := make([]Claim, len(rows))
	for i, r := range rows {
		v, _ := r.UnitCost.MulQty(r.RefusedQty)
		out[i] = Claim{SKU: r.SKU, Name: r.Name, SupplierCode: r.SupplierCode, RefusedQty: r.RefusedQty,
			RefuseReason: r.RefuseReason, Value: v, Photos: splitList(r.Photos)}
	}
	return out, nil
}
