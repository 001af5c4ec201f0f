package feeds

import (
	"context"
	"strconv"

	"gorm.io/gorm"

	"github.com/storeops/storeops/internal/inventory"
	"github.com/storeops/storeops/internal/platform/authz"
	"github.com/storeops/storeops/internal/platform/civil"
	"github.com/storeops/storeops/internal/platform/fixed"
)

type dayProduct struct {
	date    civil.Date
	product int64
}

// applySales upserts the lines that changed and moves stock by each line's difference from
// what was booked before, so a corrected re-send moves only the correction.
func (s *Service) applySales(ctx context.Context, tx *gorm.DB, p *authz.Principal, storeID, importID int64, lines []saleLine, res *Result) error {
	existing, err := bookedSales(ctx, tx, storeID, lines)
	if err != nil {
		return err
	}
	before := make(map[dayProduct]*salesRow, len(existing))
	for i := range existing {
		before[dayProduct{existing[i].BusinessDate, existing[i].ProductID}] = &existing[i]
	}
	changed := lines[:0:0]
	var moves []inventory.Move
	rollup := map[dayDept]*dailyRow{}
	for _, l := range lines {
		old := before[dayProduct{l.date, l.ref.ID}]
		var oldQty fixed.Qty
		d := rollup[dayDept{l.date, l.ref.DepartmentCode}]
		if d == nil {
			d = &dailyRow{BusinessDate: l.date, DepartmentCode: l.ref.DepartmentCode}
			rollup[dayDept{l.date, l.ref.DepartmentCode}] = d
		}
		switch {
		case old == nil:
			res.Created++
			d.Lines++
			d.Revision = 1
		case old.Qty == l.qty && old.NetSales == l.sales && old.Cost == l.cost:
			res.Unchanged++
			continue
		default:
			res.Updated++
			d.Revision = 1
			oldQty = old.Qty
			d.NetSales -= old.NetSales
			d.Cost -= old.Cost
		}
		d.Qty += l.qty - oldQty
		d.NetSales += l.sales
		d.Cost += l.cost
		changed = append(changed, l)
		if delta := l.qty - oldQty; delta != 0 {
			moves = append(moves, inventory.Move{ProductID: l.ref.ID, Date: l.date, Kind: inventory.KindSale,
				Qty: -delta, RefType: "sales", RefID: l.date.String()})
		}
	}
	err = salesBulk.Insert(ctx, tx, len(changed), func(i int, a []any) []any {
		l := changed[i]
		return append(a, storeID, l.date, l.ref.ID, l.qty, l.sales, l.cost, importID)
	})
	if err != nil {
		return err
	}
	if err := s.addDaily(ctx, tx, storeID, rollup); err != nil {
		return err
	}
	return s.inventory.Move(ctx, tx, p, storeID, moves)
}

type dayDept struct {
	date civil.Date
	dept string
}

// addDaily adds the changes of one upload to the daily rollup, and counts the upload in the
// revision of every day and department where it changed a line (even when the sums of the
// day come out the same).
func (s *Service) addDaily(ctx context.Context, tx *gorm.DB, storeID int64, rollup map[dayDept]*dailyRow) error {
	rows := make([]*dailyRow, 0, len(rollup))
	for _, r := range rollup {
		if r.Revision != 0 {
			rows = append(rows, r)
		}
	}
	return dailyBulk.Insert(ctx, tx, len(rows), func(i int, a []any) []any {
		r := rows[i]
		return append(a, storeID, r.BusinessDate, r.DepartmentCode, r.Qty, r.NetSales, r.Cost, r.Lines, r.Revision)
	})
}

// applyReceipts books every line as a receipt; perishable ones open a lot expiring on the
// given date or after the product's shelf life.
func (s *Service) applyReceipts(ctx context.Context, tx *gorm.DB, p *authz.Principal, storeID, importID int64, lines []receiptLine, res *Result) error {
	moves := make([]inventory.Move, len(lines))
	prefix := strconv.FormatInt(importID, 10) + ":"
	for i, l := range lines {
		unit := unitCost(l.cost, l.qty)
		moves[i] = inventory.Move{ProductID: l.ref.ID, Date: l.date, Kind: inventory.KindReceipt, Qty: l.qty,
			RefType: "receipt_import", RefID: prefix + strconv.Itoa(int(l.position)), Expiry: l.expiry, UnitCost: unit}
	}
	res.Created = len(lines)
	return s.inventory.Move(ctx, tx, p, storeID, moves)
}

// applyLabour upserts labour per (date, department).
func (s *Service) applyLabour(ctx context.Context, tx *gorm.DB, storeID, importID int64, lines []labourLine, res *Result) error {
	var existing []labourRow
	dates := distinctDates(len(lines), func(i int) civil.Date { return lines[i].date })
	if err := tx.WithContext(ctx).Where("store_id = ? AND business_date IN ?", storeID, dates).Find(&existing).Error; err != nil {
		return err
	}
	before := map[string]labourRow{}
	for _, r := range existing {
		before[r.BusinessDate.String()+"|"+r.DepartmentCode] = r
	}
	changed := lines[:0:0]
	for _, l := range lines {
		old, ok := before[l.date.String()+"|"+l.department]
		switch {
		case !ok:
			res.Created++
		case old.Headcount == l.headcount && old.Hours == l.hrs && old.Cost == l.cost:
			res.Unchanged++
			continue
		default:
			res.Updated++
		}
		changed = append(changed, l)
	}
	return labourBulk.Insert(ctx, tx, len(changed), func(i int, a []any) []any {
		l := changed[i]
		return append(a, storeID, l.date, l.department, l.headcount, l.hrs, l.cost, importID)
	})
}

// distinctDates lists the different dates of n lines.
func distinctDates(n int, date func(i int) civil.Date) []civil.Date {
	seen := map[civil.Date]bool{}
	var out []civil.Date
	for i := 0; i < n; i++ {
		if d := date(i); !seen[d] {
			seen[d] = true
			out = append(out, d)
		}
	}
	return out
}

// applyExpenses upserts expenses per (date, department, category, note).
func (s *Service) applyExpenses(ctx context.Context, tx *gorm.DB, storeID, importID int64, lines []expenseLine, res *Result) error {
	dates := distinctDates(len(lines), func(i int) civil.Date { return lines[i].date })
	var existing []expenseRow
	if err := tx.WithContext(ctx).Where("store_id = ? AND business_date IN ?", storeID, dates).Find(&existing).Error; err != nil {
		return err
	}
	before := map[string]fixed.Money{}
	for _, r := range existing {
		before[expenseKey(r.BusinessDate, r.DepartmentCode, r.Category, r.Note)] = r.Amount
	}
	changed := lines[:0:0]
	for _, l := range lines {
		old, ok := before[expenseKey(l.date, l.department, l.category, l.note)]
		switch {
		case !ok:
			res.Created++
		case old == l.amount:
			res.Unchanged++
			continue
		default:
			res.Updated++
		}
		changed = append(changed, l)
	}
	return expenseBulk.Insert(ctx, tx, len(changed), func(i int, a []any) []any {
		l := changed[i]
		return append(a, storeID, l.date, l.department, l.category, l.note, l.amount, importID)
	})
}

func expenseKey(d civil.Date, dept, cat, note string) string {
	return d.String() + "|" + dept + "|" + cat + "|" + note
}

// unitCost is a receipt line's cost per unit (or kg), rounded half up to the cent.
func unitCost(cost fixed.Money, qty fixed.Qty) fixed.Money {
	if qty <= 0 {
		return 0
	}
	return fixed.Money((int64(cost)*1000 + int64(qty)/2) / int64(qty))
}
