package stocktake

import (
	"context"
	"slices"
	"time"

	"github.com/storeops/storeops/internal/platform/paging"

	"github.com/storeops/storeops/internal/platform/apperr"
	"github.com/storeops/storeops/internal/platform/authz"
	"github.com/storeops/storeops/internal/platform/civil"
	"github.com/storeops/storeops/internal/platform/fixed"
)

// ListFilter narrows a store's stocktakes.
type ListFilter struct {
	Status         string
	DepartmentCode string
}

// List answers a store's stocktakes in the caller's scope, newest first, each with what the
// caller may do to it. The store's active deputy sees all of them, like its manager.
func (s *Service) List(ctx context.Context, p *authz.Principal, storeID int64, f ListFilter, pg paging.Page) ([]View, int64, error) {
	if err := p.RequireStore(storeID); err != nil {
		return nil, 0, err
	}
	deputy, err := s.isDeputy(ctx, s.db, p, storeID)
	if err != nil {
		return nil, 0, err
	}
	q := s.db.WithContext(ctx).Model(&stocktakeRow{}).Where("store_id = ?", storeID)
	if f.Status != "" {
		q = q.Where("status = ?", f.Status)
	}
	if f.DepartmentCode != "" {
		q = q.Where("department_code = ?", f.DepartmentCode)
	}
	if p.Role == authz.RoleSupervisor && !deputy {
		q = q.Where("department_code IN ?", append([]string{""}, p.DepartmentCodes...))
	}
	var total int64
	if err := q.Count(&total).Error; err != nil {
		return nil, 0, err
	}
	var rows []stocktakeRow
	if err := q.Order("id DESC").Offset(pg.Offset()).Limit(pg.PageSize).Find(&rows).Error; err != nil {
		return nil, 0, err
	}
	out := make([]Stocktake, len(rows))
	for i, r := range rows {
		out[i] = toStocktake(r)
	}
	views, err := s.views(ctx, p, storeID, out, &deputy)
	return views, total, err
}

// Summary is how far counting has come.
type Summary struct {
	Items            int
	Counted          int
	Uncounted        int
	NeedsRecount     int
	UncountedSKUs    []string // at most SummarySKUs
	NeedsRecountSKUs []string
	Sheets           []SheetInfo
}

// SheetInfo is one count sheet in a detail.
type SheetInfo struct {
	ID        int64
	Zone      string
	CounterID int64
	Kind      string
	Lines     int
	UpdatedAt time.Time
}

// SummarySKUs caps the SKU lists of a summary.
const SummarySKUs = 200

// Get answers a stocktake with its counting summary; the summary carries no book quantity.
func (s *Service) Get(ctx context.Context, p *authz.Principal, id int64) (Stocktake, Summary, error) {
	r, err := s.load(ctx, s.db, p, id, false)
	if err != nil {
		return Stocktake{}, Summary{}, err
	}
	ls, err := lines(ctx, s.db, r)
	if err != nil {
		return Stocktake{}, Summary{}, err
	}
	sum := Summary{Items: len(ls), UncountedSKUs: []string{}, NeedsRecountSKUs: []string{}, Sheets: []SheetInfo{}}
	for _, l := range ls {
		switch {
		case !l.HasCount:
			sum.Uncounted++
			if len(sum.UncountedSKUs) < SummarySKUs {
				sum.UncountedSKUs = append(sum.UncountedSKUs, l.SKU)
			}
		case l.NeedsRecount:
			sum.Counted++
			sum.NeedsRecount++
			if len(sum.NeedsRecountSKUs) < SummarySKUs {
				sum.NeedsRecountSKUs = append(sum.NeedsRecountSKUs, l.SKU)
			}
		default:
			sum.Counted++
		}
	}
	var sheets []sheetRow
	if err := s.db.WithContext(ctx).Where("stocktake_id = ?", id).Order("id").Find(&sheets).Error; err != nil {
		return Stocktake{}, Summary{}, err
	}
	for _, sh := range sheets {
		sum.Sheets = append(sum.Sheets, SheetInfo{ID: sh.ID, Zone: sh.ZoneName, CounterID: sh.CounterID, Kind: sh.Kind,
			Lines: sh.LineCount, UpdatedAt: sh.UpdatedAt})
	}
	st := toStocktake(r)
	if HidesBook(p, st) {
		st.BookValue, st.VarianceAbsValue, st.Accuracy = nil, nil, nil
	}
	return st, sum, nil
}

// HidesBook reports whether the caller counts a blind stocktake that is still being
// counted: book quantities, and anything derived from them, are never shown to them.
func HidesBook(p *authz.Principal, st Stocktake) bool {
	return st.Blind && p.Role == authz.RoleSupervisor && (st.Status == StatusPlanned || st.Status == StatusCounting)
}

// VarianceFilter narrows variance lines.
type VarianceFilter struct {
	OverTolerance *bool
	Uncounted     *bool
}

// Variance answers the stocktake's lines with book, counted and variance, and its totals.
// Counters of a blind stocktake are refused until it is submitted.
func (s *Service) Variance(ctx context.Context, p *authz.Principal, id int64, f VarianceFilter, pg paging.Page) ([]Line, int, Totals, error) {
	r, err := s.load(ctx, s.db, p, id, false)
	if err != nil {
		return nil, 0, Totals{}, err
	}
	if HidesBook(p, toStocktake(r)) {
		return nil, 0, Totals{}, apperr.New(apperr.ErrForbidden, "blind_stocktake",
			"this is a blind stocktake: counters see no book quantities before it is submitted")
	}
	ls, err := lines(ctx, s.db, r)
	if err != nil {
		return nil, 0, Totals{}, err
	}
	totals := Summarise(ls)
	kept := ls[:0]
	for _, l := range ls {
		if f.OverTolerance != nil && l.OverTolerance != *f.OverTolerance {
			continue
		}
		if f.Uncounted != nil && l.HasCount == *f.Uncounted {
			continue
		}
		kept = append(kept, l)
	}
	start := min(pg.Offset(), len(kept))
	end := min(start+pg.PageSize, len(kept))
	return kept[start:end], len(kept), totals, nil
}

// AccuracyPoint is one approved stocktake's accuracy.
type AccuracyPoint struct {
	StocktakeID    int64
	DepartmentCode string
	ApprovedAt     time.Time
	Accuracy       Ratio
}

// Accuracy trends the accuracy of a store's approved stocktakes, oldest first; dept limits
// it to one department. The store's active deputy sees every department's, like its manager.
func (s *Service) Accuracy(ctx context.Context, p *authz.Principal, storeID int64, dept string) ([]AccuracyPoint, error) {
	if err := p.RequireStore(storeID); err != nil {
		return nil, err
	}
	deputy, err := s.isDeputy(ctx, s.db, p, storeID)
	if err != nil {
		return nil, err
	}
	if dept != "" && !deputy {
		if err := p.RequireDepartment(storeID, dept); err != nil {
			return nil, err
		}
	}
	q := s.db.WithContext(ctx).Where("store_id = ? AND status = ?", storeID, StatusApproved)
	if dept != "" {
		q = q.Where("department_code = ?", dept)
	} else if p.Role == authz.RoleSupervisor && !deputy {
		q = q.Where("department_code IN ?", append([]string{""}, p.DepartmentCodes...))
	}
	var rows []stocktakeRow
	if err := q.Order("approved_at, id").Limit(1000).Find(&rows).Error; err != nil {
		return nil, err
	}
	out := []AccuracyPoint{}
	for _, r := range rows {
		if r.ApprovedAt != nil && r.Accuracy != nil {
			out = append(out, AccuracyPoint{StocktakeID: r.ID, DepartmentCode: r.DepartmentCode, ApprovedAt: *r.ApprovedAt, Accuracy: *r.Accuracy})
		}
	}
	return out, nil
}

// ShrinkLine is stock lost to a stocktake on one day: Value is positive for a loss.
type ShrinkLine struct {
	StoreID        int64
	Date           civil.Date
	DepartmentCode string
	ProductID      int64
	Value          fixed.Money
}

// ShrinkByDay answers the negative variances that approved stocktakes posted in the
// stores (nil: every store) between from and to (inclusive), as losses at cost.
func (s *Service) ShrinkByDay(ctx context.Context, storeIDs []int64, from, to civil.Date) ([]ShrinkLine, error) {
	var rows []adjustmentRow
	q := s.db.WithContext(ctx).Where("posted_date >= ? AND posted_date <= ? AND variance_value < 0", from, to)
	if storeIDs != nil { // nil: every store
		q = q.Where("store_id IN ?", storeIDs)
	}
	err := q.Order("store_id, posted_date, product_id").Find(&rows).Error
	if err != nil {
		return nil, err
	}
	out := make([]ShrinkLine, 0, len(rows))
	for _, r := range rows {
		n := len(out)
		if n > 0 && out[n-1].StoreID == r.StoreID && out[n-1].Date == r.PostedDate && out[n-1].ProductID == r.ProductID {
			out[n-1].Value -= r.VarianceValue
			continue
		}
		out = append(out, ShrinkLine{StoreID: r.StoreID, Date: r.PostedDate, DepartmentCode: r.DepartmentCode,
			ProductID: r.ProductID, Value: -r.VarianceValue})
	}
	return out, nil
}

// SheetLines answers a zone's printable count sheet: the items sorted by location, with
// book quantities only where the caller may see them.
func (s *Service) SheetLines(ctx context.Context, p *authz.Principal, id int64, zone string) (Stocktake, []Line, bool, error) {
	r, err := s.load(ctx, s.db, p, id, false)
	if err != nil {
		return Stocktake{}, nil, false, err
	}
	st := toStocktake(r)
	if zone != "" && !slices.Contains(st.Zones, zone) {
		return Stocktake{}, nil, false, apperr.Field("zone", "must be one of this stocktake's zones")
	}
	items, err := loadItems(ctx, s.db, id)
	if err != nil {
		return Stocktake{}, nil, false, err
	}
	out := make([]Line, len(items))
	for i, it := range items {
		out[i] = Line{ProductID: it.ProductID, SKU: it.SKU, Name: it.Name, Location: it.Location, Book: it.BookQty}
	}
	showBook := !st.Blind && st.Status != StatusPlanned
	return st, out, showBook, nil
}
