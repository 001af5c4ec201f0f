package ordering

import (
	"context"
	"fmt"
	"maps"
	"slices"

	"github.com/storeops/storeops/internal/platform/authz"
	"github.com/storeops/storeops/internal/platform/sheet"
)

// Detail answers a plan with its suppliers (cut-off, lines ordered, value), its claims and
// what the caller may do with it.
func (s *Service) Detail(ctx context.Context, p *authz.Principal, id int64) (detailJSON, error) {
	pl, actions, err := s.Get(ctx, p, id)
	if err != nil {
		return detailJSON{}, err
	}
	var rows []lineRow
	if err := s.db.WithContext(ctx).Select("supplier_id, supplier_code, supplier_name, ordered_qty, unit_cost").
		Where("plan_id = ?", id).Find(&rows).Error; err != nil {
		return detailJSON{}, err
	}
	bySupplier := map[string]*supplierJSON{}
	var ids []int64
	for _, r := range rows {
		sj := bySupplier[r.SupplierCode]
		if sj == nil {
			sj = &supplierJSON{SupplierID: r.SupplierID, Code: r.SupplierCode, Name: r.SupplierName}
			bySupplier[r.SupplierCode] = sj
			if r.SupplierID != nil {
				ids = append(ids, *r.SupplierID)
			}
		}
		if r.OrderedQty > 0 {
			sj.Lines++
			v, _ := r.UnitCost.MulQty(r.OrderedQty)
			sj.OrderValue += v
		}
	}
	sups, err := s.Suppliers.ByIDs(ctx, s.db, ids)
	if err != nil {
		return detailJSON{}, err
	}
	out := detailJSON{planJSON: toPlanJSON(pl, actions), Suppliers: []supplierJSON{}, Claims: []claimJSON{}}
	for _, code := range slices.Sorted(maps.Keys(bySupplier)) {
		sj := bySupplier[code]
		if sj.SupplierID != nil {
			sup := sups[*sj.SupplierID]
			sj.OrderCutoff, sj.LeadTimeDays = sup.OrderCutoff, sup.LeadTimeDays
		}
		out.Suppliers = append(out.Suppliers, *sj)
	}
	claims, err := s.Claims(ctx, id)
	for _, c := range claims {
		out.Claims = append(out.Claims, toClaimJSON(c))
	}
	return out, err
}

var exportWords = map[string]struct {
	order, claims string
	header        []string
	claimHeader   []string
}{
	sheet.Chinese: {"订货单", "供应商索赔",
		[]string{"供应商编码", "供应商", "SKU", "品名", "单位", "箱规", "订货数量", "箱数", "单价", "金额"},
		[]string{"供应商编码", "SKU", "品名", "拒收数量", "拒收原因", "金额"}},
	sheet.English: {"Order", "Supplier claims",
		[]string{"Supplier code", "Supplier", "SKU", "Name", "Unit", "Case pack", "Ordered qty", "Cases", "Unit cost", "Value"},
		[]string{"Supplier code", "SKU", "Name", "Refused qty", "Reason", "Value"}},
}

// ExportTable answers the plan as the supplier's order sheet: the lines ordered, by supplier
// and SKU, with cases and value; a received plan adds its claims.
func (s *Service) ExportTable(ctx context.Context, p *authz.Principal, id int64, lang string) ([]sheet.Table, string, error) {
	pl, _, err := s.Get(ctx, p, id)
	if err != nil {
		return nil, "", err
	}
	var rows []lineRow
	if err := s.db.WithContext(ctx).Where("plan_id = ? AND ordered_qty > 0", id).Order("supplier_code, sku").
		Find(&rows).Error; err != nil {
		return nil, "", err
	}
	w := exportWords[lang]
	t := sheet.Table{Name: w.order, Header: w.header}
	for _, r := range rows {
		v, _ := r.UnitCost.MulQty(r.OrderedQty)
		cases := sheet.Number("")
		if r.CasePack > 0 {
			cases = sheet.Integer(int(r.OrderedQty / r.CasePack))
		}
		t.Rows = append(t.Rows, []sheet.Cell{sheet.Text(r.SupplierCode), sheet.Text(r.SupplierName), sheet.Text(r.SKU),
			sheet.Text(r.Name), sheet.Text(r.Unit), sheet.Number(r.CasePack.String()), sheet.Number(r.OrderedQty.String()),
			cases, sheet.Number(r.UnitCost.String()), sheet.Number(v.String())})
	}
	tables := []sheet.Table{t}
	if pl.Status == StatusReceived {
		claims, err := s.Claims(ctx, id)
		if err != nil {
			return nil, "", err
		}
		if len(claims) > 0 {
			ct := sheet.Table{Name: w.claims, Header: w.claimHeader}
			for _, c := range claims {
				ct.Rows = append(ct.Rows, []sheet.Cell{sheet.Text(c.SupplierCode), sheet.Text(c.SKU), sheet.Text(c.Name),
					sheet.Number(c.RefusedQty.String()), sheet.Text(c.RefuseReason), sheet.Number(c.Value.String())})
			}
			tables = append(tables, ct)
		}
	}
	return tables, fmt.Sprintf("order-plan-%d-%s-%s", pl.ID, pl.DepartmentCode, pl.DeliveryDate), nil
}
