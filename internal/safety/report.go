package safety

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"gorm.io/gorm"

	"github.com/storeops/storeops/internal/org"
	"github.com/storeops/storeops/internal/platform/apperr"
	"github.com/storeops/storeops/internal/platform/authz"
	"github.com/storeops/storeops/internal/platform/civil"
	"github.com/storeops/storeops/internal/platform/fixed"
	"github.com/storeops/storeops/internal/platform/paging"
)

// Groupings and periods of the inspection score report.
const (
	GroupStore      = "store"
	GroupDepartment = "department"
	GroupArea       = "area"
	PeriodWeek      = "week"
	PeriodMonth     = "month"
)

// ScoreGroupings and ScorePeriods list the report's choices.
var (
	ScoreGroupings = []string{GroupStore, GroupDepartment, GroupArea}
	ScorePeriods   = []string{PeriodWeek, PeriodMonth}
)

// maxReportDays bounds a report's date range (three years).
const maxReportDays = 3 * 366

// ScoreQuery asks for inspection scores from From to To (business dates, inclusive).
type ScoreQuery struct {
	From, To   civil.Date
	GroupBy    string
	Period     string
	StoreID    *int64
	Department string
}

// ScoreRow is one group's inspections of one period: the period is the first day of the
// week (Monday) or month.
type ScoreRow struct {
	Group     string
	Label     string
	Period    civil.Date
	Count     int
	Failed    int
	SumScore  fixed.Money
	MeanScore fixed.Money
}

// ScoreReport is the report's rows, by group then period.
type ScoreReport struct {
	Query ScoreQuery
	Rows  []ScoreRow
}

// storeLister lists the stores in a caller's scope (the organisation module).
type storeLister interface {
	ListStores(ctx context.Context, p *authz.Principal, f org.StoreFilter, pg paging.Page) ([]org.Store, int64, error)
}

// Validate checks a report query's fields.
func (q ScoreQuery) Validate() error {
	fe := apperr.FieldErrors{}
	if q.To < q.From {
		fe.Add("to", "must not be before from")
	} else if int(q.To-q.From) > maxReportDays {
		fe.Add("to", fmt.Sprintf("the range is at most %d days", maxReportDays))
	}
	if !slices.Contains(ScoreGroupings, q.GroupBy) {
		fe.Add("group_by", "must be one of: "+strings.Join(ScoreGroupings, ", "))
	}
	if !slices.Contains(ScorePeriods, q.Period) {
		fe.Add("period", "must be one of: "+strings.Join(ScorePeriods, ", "))
	}
	return fe.Err()
}

// Mean is sum ÷ count to two decimals, rounded half up (0 when count is 0).
func Mean(sum fixed.Money, count int) fixed.Money {
	if count == 0 {
		return 0
	}
	n := int64(count)
	return fixed.Money((2*int64(sum) + n) / (2 * n))
}

// ScoreReport aggregates inspection scores in the database: store staff see their store,
// HQ and admins every store (or the one asked for).
func (s *Service) ScoreReport(ctx context.Context, p *authz.Principal, q ScoreQuery) (ScoreReport, error) {
	if err := q.Validate(); err != nil {
		return ScoreReport{}, err
	}
	if q.StoreID != nil {
		if err := p.RequireStore(*q.StoreID); err != nil {
			return ScoreReport{}, err
		}
	}
	lister, ok := s.Stores.(storeLister)
	if !ok {
		return ScoreReport{}, fmt.Errorf("safety: the stores dependency cannot list stores")
	}
	names := map[int64]string{}
	var ids []int64
	pg := paging.Page{Page: 1, PageSize: paging.MaxPageSize, Sort: "code"}
	for {
		list, total, err := lister.ListStores(ctx, p, org.StoreFilter{}, pg)
		if err != nil {
			return ScoreReport{}, err
		}
		for _, st := range list {
			if q.StoreID == nil || *q.StoreID == st.ID {
				names[st.ID] = st.Name
				ids = append(ids, st.ID)
			}
		}
		if int64(pg.Page*pg.PageSize) >= total {
			break
		}
		pg.Page++
	}
	rows, err := scoreRows(ctx, s.db, ids, q)
	if err != nil {
		return ScoreReport{}, err
	}
	for i := range rows {
		if q.GroupBy == GroupStore {
			rows[i].Label = names[parseID(rows[i].Group)]
		} else {
			rows[i].Label = rows[i].Group
		}
	}
	return ScoreReport{Query: q, Rows: rows}, nil
}

func parseID(s string) int64 {
	var id int64
	_, _ = fmt.Sscan(s, &id)
	return id
}

// periodExpr is the SQL of the first day of business_date's week or month in the dialect.
func periodExpr(db *gorm.DB, period string) string {
	mysql := db.Dialector.Name() == "mysql"
	switch {
	case mysql && period == PeriodWeek:
		return "DATE_SUB(business_date, INTERVAL WEEKDAY(business_date) DAY)"
	case mysql:
		return "DATE_FORMAT(business_date, '%Y-%m-01')"
	case period == PeriodWeek:
		return "date(business_date, '-' || ((CAST(strftime('%w', business_date) AS INTEGER) + 6) % 7) || ' days')"
	}
	return "strftime('%Y-%m-01', business_date)"
}

// scoreRows sums the inspections of the stores ids in one GROUP BY that the index
// ix_inspections_report answers alone (store, date, department, area, score, passed).
func scoreRows(ctx context.Context, db *gorm.DB, ids []int64, q ScoreQuery) ([]ScoreRow, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	group := map[string]string{GroupStore: "store_id", GroupDepartment: "department_code", GroupArea: "area"}[q.GroupBy]
	period := periodExpr(db, q.Period)
	tx := db.WithContext(ctx).Table("inspections").
		Select(fmt.Sprintf("%s AS grp, %s AS period, COUNT(*) AS n, SUM(CASE WHEN passed THEN 0 ELSE 1 END) AS failed, SUM(score) AS total",
			group, period)).
		Where("store_id IN ? AND business_date >= ? AND business_date <= ?", ids, q.From, q.To)
	if q.Department != "" {
		tx = tx.Where("department_code = ?", q.Department)
	}
	var raw []struct {
		Grp    string
		Period civil.Date
		N      int
		Failed int
		Total  fixed.Money
	}
	if err := tx.Group("grp, period").Order("grp, period").Scan(&raw).Error; err != nil {
		return nil, err
	}
	out := make([]ScoreRow, len(raw))
	for i, r := range raw {
		out[i] = ScoreRow{Group: r.Grp, Period: r.Period, Count: r.N, Failed: r.Failed, SumScore: r.Total, MeanScore: Mean(r.Total, r.N)}
	}
	return out, nil
}
