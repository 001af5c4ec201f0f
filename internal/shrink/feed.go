package shrink

import (
	"context"

	"gorm.io/gorm"

	"github.com/storeops/storeops/internal/platform/civil"
	"github.com/storeops/storeops/internal/platform/fixed"
	"github.com/storeops/storeops/internal/shrinkfeed"
)

// dayAgg is one store's day of one department (and reason) summed in the database.
type dayAgg struct {
	StoreID        int64
	BusinessDate   civil.Date
	DepartmentCode string
	Reason         string
	Amount         fixed.Money
	N              int
}

// sumByDay sums posted write-offs (by reason when byReason) or applied markdowns per store,
// day and department over from..to in storeIDs (nil: every store) and departments (nil: all).
func sumByDay(ctx context.Context, db *gorm.DB, markdowns, byReason bool, storeIDs []int64, depts []string, from, to civil.Date) ([]dayAgg, error) {
	q := db.WithContext(ctx).Where("business_date >= ? AND business_date <= ?", from, to)
	group := "store_id, business_date, department_code"
	if markdowns {
		q = q.Model(&markdownRow{}).Where("status = ?", MarkdownApplied).
			Select(group + ", 'markdown' AS reason, SUM(loss) AS amount, COUNT(*) AS n")
	} else {
		sel := group + ", 'write_off' AS reason, SUM(value) AS amount, COUNT(*) AS n"
		if byReason {
			sel = group + ", reason, SUM(value) AS amount, COUNT(*) AS n"
			group += ", reason"
		}
		q = q.Model(&writeOffRow{}).Where("status = ?", WriteOffPosted).Select(sel)
	}
	if storeIDs != nil {
		q = q.Where("store_id IN ?", append([]int64{0}, storeIDs...))
	}
	if depts != nil {
		q = q.Where("department_code IN ?", append([]string{""}, depts...))
	}
	var rows []dayAgg
	err := q.Group(group).Find(&rows).Error
	return rows, err
}

// DailyShrink reports write-offs at cost and markdown loss per store, day and department:
// the shrink module's part of the KPI cockpit's shrink line (shrinkfeed.Source).
func (s *Service) DailyShrink(ctx context.Context, storeIDs []int64, from, to civil.Date) ([]shrinkfeed.Daily, error) {
	var out []shrinkfeed.Daily
	for _, markdowns := range []bool{false, true} {
		rows, err := sumByDay(ctx, s.db, markdowns, false, storeIDs, nil, from, to)
		if err != nil {
			return nil, err
		}
		reason := shrinkfeed.ReasonWriteOff
		if markdowns {
			reason = shrinkfeed.ReasonMarkdown
		}
		for _, r := range rows {
			out = append(out, shrinkfeed.Daily{StoreID: r.StoreID, Date: r.BusinessDate, DepartmentCode: r.DepartmentCode,
				Reason: reason, Amount: r.Amount})
		}
	}
	return out, nil
}

// ExpiredWriteOffs counts each product's posted write-offs for expiry in the store since the
// date: the ordering forecast orders products that keep expiring at a lower service level.
func (s *Service) ExpiredWriteOffs(ctx context.Context, storeID int64, productIDs []int64, since civil.Date) (map[int64]int, error) {
	out := map[int64]int{}
	for start := 0; start < len(productIDs); start += 1000 {
		part := productIDs[start:min(start+1000, len(productIDs))]
		var rows []struct {
			ProductID int64
			N         int
		}
		err := s.db.WithContext(ctx).Model(&writeOffRow{}).Select("product_id, COUNT(*) AS n").
			Where("store_id = ? AND business_date >= ? AND reason = ? AND status = ? AND product_id IN ?",
				storeID, since, "expired", WriteOffPosted, part).Group("product_id").Find(&rows).Error
		if err != nil {
			return nil, err
		}
		for _, r := range rows {
			out[r.ProductID] = r.N
		}
	}
	return out, nil
}
