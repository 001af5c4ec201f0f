package promo

import (
	"context"
	"errors"
	"fmt"
	"time"

	"gorm.io/gorm"

	"github.com/storeops/storeops/internal/feeds"
	"github.com/storeops/storeops/internal/platform/apperr"
	"github.com/storeops/storeops/internal/platform/audit"
	"github.com/storeops/storeops/internal/platform/authz"
	"github.com/storeops/storeops/internal/platform/civil"
	"github.com/storeops/storeops/internal/platform/database"
	"github.com/storeops/storeops/internal/platform/fixed"
)

// LabourFeed gives a store's daily sales and labour hours (feeds.Service): the store's
// people efficiency beside its promoters' output.
type LabourFeed interface {
	DailySales(ctx context.Context, storeIDs []int64, from, to civil.Date) ([]feeds.DailySales, error)
	DailyLabour(ctx context.Context, storeIDs []int64, from, to civil.Date) ([]feeds.DailyLabour, error)
}

type promoterRow struct {
	ID         int64 `gorm:"primaryKey"`
	CampaignID int64
	StoreID    int64
	Name       string
	Phone      string
	Agency     string
	CreatedBy  *int64
	CreatedAt  time.Time
}

func (promoterRow) TableName() string { return "campaign_promoters" }

type shiftRow struct {
	ID          int64 `gorm:"primaryKey"`
	PromoterID  int64
	WorkDate    civil.Date
	StartMinute int
	EndMinute   int
	CreatedBy   *int64
	CreatedAt   time.Time
}

func (shiftRow) TableName() string { return "campaign_promoter_shifts" }

type shiftLineRow struct {
	ShiftID   int64  `gorm:"primaryKey"`
	ProductID int64  `gorm:"primaryKey"`
	SKU       string `gorm:"column:sku"`
	Qty       fixed.Qty
}

func (shiftLineRow) TableName() string { return "campaign_shift_lines" }

// PromoterModels lists the promoters' tables for the schema test.
func PromoterModels() []any { return []any{&promoterRow{}, &shiftRow{}, &shiftLineRow{}} }

func promoterNotFound(id int64) error {
	return apperr.New(apperr.ErrNotFound, "not_found", fmt.Sprintf("promoter %d not found", id))
}

// AddPromoter assigns a promoter to a campaign in a store where it runs: HQ in any such
// store, a store manager in their own (another store is 404).
func (s *Service) AddPromoter(ctx context.Context, p *authz.Principal, campaignID int64, pr Promoter) (Promoter, error) {
	if err := p.RequireRole(authz.RoleAdmin, authz.RoleHQPromotions, authz.RoleStoreManager); err != nil {
		return Promoter{}, err
	}
	if err := p.RequireStore(pr.StoreID); err != nil {
		return Promoter{}, err
	}
	if err := pr.Validate(); err != nil {
		return Promoter{}, err
	}
	err := database.Tx(ctx, s.db, func(tx *gorm.DB) error {
		if _, err := s.load(ctx, tx, p, campaignID); err != nil {
			return err
		}
		var n int64
		if err := tx.Model(&executionRow{}).Where("campaign_id = ? AND store_id = ?", campaignID, pr.StoreID).Count(&n).Error; err != nil {
			return err
		}
		if n == 0 {
			return apperr.Field("store_id", "the campaign is not published to this store")
		}
		row := promoterRow{CampaignID: campaignID, StoreID: pr.StoreID, Name: pr.Name, Phone: pr.Phone, Agency: pr.Agency,
			CreatedBy: p.ActorID(), CreatedAt: s.now()}
		if err := tx.Create(&row).Error; err != nil {
			return err
		}
		pr.ID, pr.CampaignID = row.ID, campaignID
		return s.Audit.Write(ctx, tx, p, audit.Entry{Action: "campaign_promoter.create", EntityType: "campaign_promoter",
			EntityID: audit.ID(row.ID), StoreID: &pr.StoreID, After: map[string]any{"campaign_id": campaignID,
				"name": pr.Name, "agency": pr.Agency}})
	})
	pr.Shifts = []Shift{}
	return pr, err
}

func (s *Service) loadPromoter(ctx context.Context, db *gorm.DB, p *authz.Principal, id int64) (promoterRow, error) {
	var r promoterRow
	err := db.WithContext(ctx).Where("id = ?", id).Take(&r).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return r, promoterNotFound(id)
	}
	if err != nil {
		return r, err
	}
	if !p.CanSeeStore(r.StoreID) {
		return r, promoterNotFound(id)
	}
	return r, nil
}

// VisiblePromoter answers 404 unless promoter id is in p's scope.
func (s *Service) VisiblePromoter(ctx context.Context, p *authz.Principal, id int64) error {
	_, err := s.loadPromoter(ctx, s.db, p, id)
	return err
}

// AddShift records a promoter's shift with the units sold, by the staff of the promoter's
// store (another store's promoter is 404). A shift overlapping another of the promoter's is
// 409 overlapping_shift.
func (s *Service) AddShift(ctx context.Context, p *authz.Principal, promoterID int64, sh Shift) (Shift, error) {
	if err := p.RequireRole(authz.RoleAdmin, authz.RoleStoreManager, authz.RoleSupervisor); err != nil {
		return Shift{}, err
	}
	err := database.Tx(ctx, s.db, func(tx *gorm.DB) error {
		pr, err := s.loadPromoter(ctx, tx, p, promoterID)
		if err != nil {
			return err
		}
		var cr campaignRow
		if err := tx.Where("id = ?", pr.CampaignID).Take(&cr).Error; err != nil {
			return err
		}
		c, err := s.assemble(ctx, tx, cr)
		if err != nil {
			return err
		}
		if err := CheckShift(&sh, c); err != nil {
			return err
		}
		var others []shiftRow
		if err := tx.Where("promoter_id = ? AND work_date = ?", promoterID, sh.Date).Find(&others).Error; err != nil {
			return err
		}
		for _, o := range others {
			if sh.Overlap(Shift{Date: o.WorkDate, StartMinute: o.StartMinute, EndMinute: o.EndMinute}) {
				return apperr.New(apperr.ErrConflict, "overlapping_shift", fmt.Sprintf("the promoter already has a shift %s–%s that day",
					Clock(o.StartMinute), Clock(o.EndMinute)))
			}
		}
		row := shiftRow{PromoterID: promoterID, WorkDate: sh.Date, StartMinute: sh.StartMinute, EndMinute: sh.EndMinute,
			CreatedBy: p.ActorID(), CreatedAt: s.now()}
		if err := tx.Create(&row).Error; err != nil {
			return err
		}
		sh.ID, sh.PromoterID = row.ID, promoterID
		lines := make([]shiftLineRow, len(sh.Lines))
		for i, l := range sh.Lines {
			lines[i] = shiftLineRow{ShiftID: row.ID, ProductID: l.ProductID, SKU: l.SKU, Qty: l.Qty}
		}
		if len(lines) > 0 {
			if err := tx.Create(&lines).Error; err != nil {
				return err
			}
		}
		return s.Audit.Write(ctx, tx, p, audit.Entry{Action: "campaign_shift.create", EntityType: "campaign_promoter",
			EntityID: audit.ID(promoterID), StoreID: &pr.StoreID, After: map[string]any{"shift_id": row.ID,
				"date": sh.Date.String(), "start": Clock(sh.StartMinute), "end": Clock(sh.EndMinute), "units": sh.Units()}})
	})
	return sh, err
}

// PromoterReport is a campaign's promoters in one store with their shifts, and the store's
// people efficiency over the days they worked.
type PromoterReport struct {
	StoreID    int64
	Promoters  []Promoter
	Efficiency Efficiency
}

// Promoters answers the campaign's promoters in a store (of p's scope) with their shifts,
// and the store's net sales per labour hour on the days of those shifts.
func (s *Service) Promoters(ctx context.Context, p *authz.Principal, campaignID, storeID int64) (PromoterReport, error) {
	out := PromoterReport{StoreID: storeID, Promoters: []Promoter{}}
	if err := p.RequireStore(storeID); err != nil {
		return out, err
	}
	if _, err := s.load(ctx, s.db, p, campaignID); err != nil {
		return out, err
	}
	var rows []promoterRow
	if err := s.db.WithContext(ctx).Where("campaign_id = ? AND store_id = ?", campaignID, storeID).Order("id").Find(&rows).Error; err != nil {
		return out, err
	}
	if len(rows) == 0 {
		return out, nil
	}
	index := make(map[int64]int, len(rows))
	ids := make([]int64, len(rows))
	for i, r := range rows {
		index[r.ID], ids[i] = i, r.ID
		out.Promoters = append(out.Promoters, Promoter{ID: r.ID, CampaignID: r.CampaignID, StoreID: r.StoreID, Name: r.Name,
			Phone: r.Phone, Agency: r.Agency, Shifts: []Shift{}})
	}
	var shifts []shiftRow
	if err := s.db.WithContext(ctx).Where("promoter_id IN ?", ids).Order("work_date, start_minute, id").Find(&shifts).Error; err != nil {
		return out, err
	}
	var lines []shiftLineRow
	if err := s.db.WithContext(ctx).Where("shift_id IN (?)", s.db.Model(&shiftRow{}).Select("id").Where("promoter_id IN ?", ids)).
		Order("sku").Find(&lines).Error; err != nil {
		return out, err
	}
	byShift := map[int64][]ShiftLine{}
	for _, l := range lines {
		byShift[l.ShiftID] = append(byShift[l.ShiftID], ShiftLine{ProductID: l.ProductID, SKU: l.SKU, Qty: l.Qty})
	}
	days := map[civil.Date]bool{}
	for _, sh := range shifts {
		pr := &out.Promoters[index[sh.PromoterID]]
		pr.Shifts = append(pr.Shifts, Shift{ID: sh.ID, PromoterID: sh.PromoterID, Date: sh.WorkDate,
			StartMinute: sh.StartMinute, EndMinute: sh.EndMinute, Lines: byShift[sh.ID]})
		if !days[sh.WorkDate] {
			days[sh.WorkDate] = true
			out.Efficiency.Days = append(out.Efficiency.Days, sh.WorkDate)
		}
	}
	var err error
	out.Efficiency, err = s.efficiency(ctx, storeID, out.Efficiency.Days)
	return out, err
}

// efficiency sums the store's net sales and labour hours on the days given.
func (s *Service) efficiency(ctx context.Context, storeID int64, days []civil.Date) (Efficiency, error) {
	out := Efficiency{Days: days}
	if len(days) == 0 || s.Labour == nil {
		return out, nil
	}
	from, to := days[0], days[0]
	want := map[civil.Date]bool{}
	for _, d := range days {
		from, to, want[d] = min(from, d), max(to, d), true
	}
	sales, err := s.Labour.DailySales(ctx, []int64{storeID}, from, to)
	if err != nil {
		return out, err
	}
	for _, d := range sales {
		if want[d.Date] {
			out.NetSales += d.NetSales
		}
	}
	labour, err := s.Labour.DailyLabour(ctx, []int64{storeID}, from, to)
	if err != nil {
		return out, err
	}
	for _, d := range labour {
		if want[d.Date] {
			out.Hours += d.Hours
		}
	}
	return out, nil
}
