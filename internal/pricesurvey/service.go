package pricesurvey

import (
	"context"
	"fmt"
	"time"

	"gorm.io/gorm"

	"github.com/storeops/storeops/internal/catalog"
	"github.com/storeops/storeops/internal/platform/apperr"
	"github.com/storeops/storeops/internal/platform/attachments"
	"github.com/storeops/storeops/internal/platform/audit"
	"github.com/storeops/storeops/internal/platform/authz"
	"github.com/storeops/storeops/internal/platform/civil"
	"github.com/storeops/storeops/internal/platform/database"
	"github.com/storeops/storeops/internal/platform/paging"
	"github.com/storeops/storeops/internal/promo"
)

// KindLine is the attachment owner kind of a survey line's photos.
const KindLine = "price_survey_line"

// Catalog resolves SKUs to products (retail price and cost).
type Catalog interface {
	RefsBySKU(ctx context.Context, skus []string) (map[string]catalog.Ref, error)
}

// Stores tells a store's time zone.
type Stores interface {
	StoreLocation(ctx context.Context, storeID int64) (*time.Location, error)
}

// Promotions creates draft campaigns (the promotions module's Create).
type Promotions interface {
	Create(ctx context.Context, p *authz.Principal, d promo.Draft) (promo.Campaign, error)
}

// Deps are the modules price surveys work with.
type Deps struct {
	Catalog     Catalog
	Stores      Stores
	Promotions  Promotions
	Attachments *attachments.Service
	Audit       *audit.Log
}

// Service is the price-survey use cases; every change is one transaction with its audit entry.
type Service struct {
	db *gorm.DB
	Deps
	now func() time.Time
}

// NewService wires the price-survey module.
func NewService(db *gorm.DB, d Deps, now func() time.Time) *Service {
	return &Service{db: db, Deps: d, now: now}
}

// records: the store's staff (and admins) record surveys and ask for price changes.
func records(p *authz.Principal) bool {
	return p.HasRole(authz.RoleAdmin, authz.RoleStoreManager, authz.RoleSupervisor)
}

// manages: the store manager (and admins) promote gaps and decide price changes.
func manages(p *authz.Principal) bool { return p.HasRole(authz.RoleAdmin, authz.RoleStoreManager) }

func forbidden(msg string) error { return apperr.New(apperr.ErrForbidden, "forbidden", msg) }

func (s *Service) today(ctx context.Context, storeID int64) (civil.Date, error) {
	loc, err := s.Stores.StoreLocation(ctx, storeID)
	if err != nil {
		return 0, err
	}
	return civil.Today(s.now(), loc), nil
}

func surveyNotFound(id int64) error {
	return apperr.New(apperr.ErrNotFound, "not_found", fmt.Sprintf("price survey %d not found", id))
}

func (s *Service) load(ctx context.Context, db *gorm.DB, p *authz.Principal, storeID, id int64) (surveyRow, error) {
	if err := p.RequireStore(storeID); err != nil {
		return surveyRow{}, err
	}
	var rows []surveyRow
	if err := db.WithContext(ctx).Where("id = ? AND store_id = ?", id, storeID).Limit(1).Find(&rows).Error; err != nil {
		return surveyRow{}, err
	}
	if len(rows) == 0 {
		return surveyRow{}, surveyNotFound(id)
	}
	return rows[0], nil
}

// Visible answers 404 unless survey id of storeID is in p's scope.
func (s *Service) Visible(ctx context.Context, p *authz.Principal, storeID, id int64) error {
	_, err := s.load(ctx, s.db, p, storeID, id)
	return err
}

// VisibleLine is the attachments' rule for a line's photos: seen by whoever sees the survey.
func (s *Service) VisibleLine(ctx context.Context, p *authz.Principal, lineID int64) error {
	var storeIDs []int64
	err := s.db.WithContext(ctx).Table("price_surveys").
		Joins("JOIN price_survey_lines ON price_survey_lines.survey_id = price_surveys.id").
		Where("price_survey_lines.id = ?", lineID).Pluck("price_surveys.store_id", &storeIDs).Error
	if err == nil && (len(storeIDs) == 0 || !p.CanSeeStore(storeIDs[0])) {
		err = apperr.New(apperr.ErrNotFound, "not_found", fmt.Sprintf("survey line %d not found", lineID))
	}
	return err
}

// LineActions answers allowed_actions of a line for p.
func (s *Service) LineActions(p *authz.Principal, l Line) []string {
	return LineActions(l, manages(p), records(p))
}

// List answers a page of a store's surveys with their lines, latest survey day first.
func (s *Service) List(ctx context.Context, p *authz.Principal, storeID int64, pg paging.Page) ([]Survey, int64, error) {
	if err := p.RequireStore(storeID); err != nil {
		return nil, 0, err
	}
	q := s.db.WithContext(ctx).Model(&surveyRow{}).Where("store_id = ?", storeID)
	var total int64
	if err := q.Count(&total).Error; err != nil {
		return nil, 0, err
	}
	var rows []surveyRow
	if err := q.Order("survey_date DESC, id DESC").Offset(pg.Offset()).Limit(pg.PageSize).Find(&rows).Error; err != nil {
		return nil, 0, err
	}
	ids := make([]int64, len(rows))
	for i, r := range rows {
		ids[i] = r.ID
	}
	lines, err := linesOf(ctx, s.db, ids)
	out := make([]Survey, len(rows))
	for i, r := range rows {
		out[i] = toSurvey(r)
		out[i].Lines = lines[r.ID]
	}
	return out, total, err
}

// Get answers a survey with its lines and their photos (by line id).
func (s *Service) Get(ctx context.Context, p *authz.Principal, storeID, id int64) (Survey, map[int64][]attachments.Attachment, error) {
	r, err := s.load(ctx, s.db, p, storeID, id)
	if err != nil {
		return Survey{}, nil, err
	}
	lines, err := linesOf(ctx, s.db, []int64{id})
	if err != nil {
		return Survey{}, nil, err
	}
	out := toSurvey(r)
	out.Lines = lines[id]
	ids := make([]int64, len(out.Lines))
	for i, l := range out.Lines {
		ids[i] = l.ID
	}
	photos, err := s.Attachments.ForOwners(ctx, KindLine, ids)
	return out, photos, err
}

// Create records a survey and its lines in one transaction: any line at fault refuses all.
func (s *Service) Create(ctx context.Context, p *authz.Principal, storeID int64, n NewSurvey) (Survey, error) {
	if err := p.RequireStore(storeID); err != nil {
		return Survey{}, err
	}
	if !records(p) {
		return Survey{}, forbidden("only the store's staff record price surveys")
	}
	today, err := s.today(ctx, storeID)
	if err != nil {
		return Survey{}, err
	}
	if err := n.Validate(today); err != nil {
		return Survey{}, err
	}
	skus := make([]string, len(n.Lines))
	for i, l := range n.Lines {
		skus[i] = l.SKU
	}
	refs, err := s.Catalog.RefsBySKU(ctx, skus)
	if err != nil {
		return Survey{}, err
	}
	lines := make([]lineRow, len(n.Lines))
	fe := apperr.FieldErrors{}
	for i, l := range n.Lines {
		ref, ok := refs[l.SKU]
		if !ok {
			fe.Add(fmt.Sprintf("lines[%d].sku", i), "is not a product of the catalogue")
			continue
		}
		our := ref.RetailPrice
		if l.OurPrice != nil {
			our = *l.OurPrice
		} else {
			checkPrice(fe, fmt.Sprintf("lines[%d].our_price", i), our)
		}
		lines[i] = lineRow{LineNo: i + 1, ProductID: ref.ID, SKU: ref.SKU, Name: ref.Name, OurPrice: our,
			TheirPrice: l.TheirPrice, Note: l.Note}
	}
	if err := fe.Err(); err != nil {
		return Survey{}, err
	}
	r := surveyRow{StoreID: storeID, Competitor: n.Competitor, SurveyDate: n.SurveyDate, Note: n.Note,
		CreatedBy: p.ActorID(), CreatedByName: p.Username, CreatedAt: s.now()}
	err = database.Tx(ctx, s.db, func(tx *gorm.DB) error {
		if err := tx.Create(&r).Error; err != nil {
			return err
		}
		for i := range lines {
			lines[i].SurveyID = r.ID
			if err := tx.Create(&lines[i]).Error; err != nil {
				return err
			}
			owner := attachments.Owner{Kind: KindLine, ID: lines[i].ID, StoreID: storeID}
			if err := s.Attachments.LinkField(ctx, tx, p, fmt.Sprintf("lines[%d].photos", i), n.Lines[i].Photos, owner); err != nil {
				return err
			}
		}
		return s.Audit.Write(ctx, tx, p, audit.Entry{Action: "price_survey.create", EntityType: "price_survey",
			EntityID: audit.ID(r.ID), StoreID: &storeID, After: map[string]any{"competitor": r.Competitor,
				"survey_date": r.SurveyDate, "lines": len(lines)}})
	})
	if err != nil {
		return Survey{}, err
	}
	out := toSurvey(r)
	for _, l := range lines {
		out.Lines = append(out.Lines, toLine(l, nil))
	}
	return out, nil
}

// GapReport answers the latest price gaps of surveys made from … to in storeID, or in every
// store when storeID is nil (HQ and admins only).
func (s *Service) GapReport(ctx context.Context, p *authz.Principal, storeID *int64, from, to civil.Date) ([]Gap, error) {
	if storeID == nil && !p.SeesAllStores() {
		return nil, forbidden("the chain-wide gap report is HQ's")
	}
	if storeID != nil {
		if err := p.RequireStore(*storeID); err != nil {
			return nil, err
		}
	}
	lines, err := surveyed(ctx, s.db, storeID, from, to)
	if err != nil {
		return nil, err
	}
	return Gaps(lines), nil
}
