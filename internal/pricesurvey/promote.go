package pricesurvey

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"gorm.io/gorm"

	"github.com/storeops/storeops/internal/platform/apperr"
	"github.com/storeops/storeops/internal/platform/audit"
	"github.com/storeops/storeops/internal/platform/authz"
	"github.com/storeops/storeops/internal/platform/database"
	"github.com/storeops/storeops/internal/platform/fixed"
	"github.com/storeops/storeops/internal/promo"
)

// PromotionDays is how long the draft in-store promotion made from a gap runs: a week from
// the store's tomorrow (the manager edits it before publishing).
const PromotionDays = 7

// loadLine reads line lineNo of survey id in p's scope.
func (s *Service) loadLine(ctx context.Context, db *gorm.DB, p *authz.Principal, storeID, id int64, lineNo int) (surveyRow, lineRow, error) {
	sv, err := s.load(ctx, db, p, storeID, id)
	if err != nil {
		return sv, lineRow{}, err
	}
	var rows []lineRow
	if err := db.WithContext(ctx).Where("survey_id = ? AND line_no = ?", id, lineNo).Limit(1).Find(&rows).Error; err != nil {
		return sv, lineRow{}, err
	}
	if len(rows) == 0 {
		return sv, lineRow{}, apperr.New(apperr.ErrNotFound, "not_found", fmt.Sprintf("price survey %d has no line %d", id, lineNo))
	}
	return sv, rows[0], nil
}

// VisibleLineNo answers 404 unless line lineNo of survey id of storeID is in p's scope.
func (s *Service) VisibleLineNo(ctx context.Context, p *authz.Principal, storeID, id int64, lineNo int) error {
	_, _, err := s.loadLine(ctx, s.db, p, storeID, id, lineNo)
	return err
}

func promoted(campaignID int64) error {
	return apperr.New(apperr.ErrConflict, "already_promoted",
		fmt.Sprintf("this line is already in-store promotion %d", campaignID))
}

// Promote turns a line's gap into a draft in-store promotion of the store, at the
// competitor's price, through the promotions module, and links the line to it. A promo price
// below the product's cost is refused (422 below_cost) unless belowCost says it is meant; a
// line already promoted is 409 naming its campaign.
func (s *Service) Promote(ctx context.Context, p *authz.Principal, storeID, id int64, lineNo int, belowCost bool) (promo.Campaign, error) {
	sv, line, err := s.loadLine(ctx, s.db, p, storeID, id, lineNo)
	if err != nil {
		return promo.Campaign{}, err
	}
	if !manages(p) {
		return promo.Campaign{}, forbidden("only the store manager turns a gap into an in-store promotion")
	}
	if line.CampaignID != nil {
		return promo.Campaign{}, promoted(*line.CampaignID)
	}
	if line.TheirPrice >= line.OurPrice {
		return promo.Campaign{}, apperr.New(apperr.ErrRule, "no_gap",
			fmt.Sprintf("%s is not dearer here (%s) than at %s (%s)", line.SKU, line.OurPrice, sv.Competitor, line.TheirPrice))
	}
	refs, err := s.Catalog.RefsBySKU(ctx, []string{line.SKU})
	if err != nil {
		return promo.Campaign{}, err
	}
	ref, ok := refs[line.SKU]
	if !ok {
		return promo.Campaign{}, apperr.New(apperr.ErrRule, "product_gone", fmt.Sprintf("%s is no longer in the catalogue", line.SKU))
	}
	if line.TheirPrice < ref.CostPrice && !belowCost {
		return promo.Campaign{}, apperr.New(apperr.ErrRule, "below_cost", fmt.Sprintf(
			"their price %s is below the cost %s of %s: send below_cost true to mean it", line.TheirPrice, ref.CostPrice, line.SKU))
	}
	today, err := s.today(ctx, storeID)
	if err != nil {
		return promo.Campaign{}, err
	}
	c := promo.Campaign{Name: fmt.Sprintf("市调跟价：%s（%s）", line.Name, sv.Competitor), Mechanic: "price_cut",
		StartsOn: today.AddDays(1), EndsOn: today.AddDays(PromotionDays),
		Note: fmt.Sprintf("由市调 #%d 第 %d 行生成：%s 售价 %s，本店 %s", sv.ID, line.LineNo, sv.Competitor, line.TheirPrice, line.OurPrice)}
	promo.OwnedBy(&c, storeID)
	// The campaign and the line's link to it are written in one transaction (the promotions
	// module's): a concurrent promote that linked first undoes this one's draft and answers 409.
	link := func(ctx context.Context, tx *gorm.DB, campaignID int64) error {
		res := tx.Model(&lineRow{}).Where("id = ? AND campaign_id IS NULL", line.ID).Update("campaign_id", campaignID)
		if res.Error != nil {
			return res.Error
		}
		if res.RowsAffected != 1 {
			_, again, err := s.loadLine(ctx, tx, p, storeID, id, lineNo)
			if err == nil && again.CampaignID != nil {
				err = promoted(*again.CampaignID)
			}
			if err == nil {
				err = fmt.Errorf("price survey %d line %d: link to campaign %d changed no row", id, lineNo, campaignID)
			}
			return err
		}
		return s.Audit.Write(ctx, tx, p, audit.Entry{Action: "price_survey.promote", EntityType: "price_survey",
			EntityID: audit.ID(id), StoreID: &storeID, After: map[string]any{"line_no": lineNo, "sku": line.SKU,
				"campaign_id": campaignID, "promo_price": line.TheirPrice, "below_cost": belowCost}})
	}
	return s.Promotions.Create(ctx, p, promo.Draft{Campaign: c, Within: link,
		ItemInputs: []promo.ItemInput{{SKU: line.SKU, PromoPrice: line.TheirPrice, BelowCost: belowCost}}})
}

// ChangeRequest is a request to the store manager to change a product's price after a survey.
type ChangeRequest struct {
	ID             int64
	StoreID        int64
	LineID         int64
	SKU, Name      string
	CurrentPrice   fixed.Money
	RequestedPrice fixed.Money
	Note           string
	Status         string
	Reason         string
	DecidedBy      *int64
	DecidedAt      *time.Time
	CreatedBy      *int64
	CreatedByName  string
	CreatedAt      time.Time
}

// RequestPriceChange records a price-change request from a survey line, at the competitor's
// price unless another is given. One per line: another is 409.
func (s *Service) RequestPriceChange(ctx context.Context, p *authz.Principal, storeID, id int64, lineNo int, price *fixed.Money, note string) (ChangeRequest, error) {
	_, line, err := s.loadLine(ctx, s.db, p, storeID, id, lineNo)
	if err != nil {
		return ChangeRequest{}, err
	}
	if !records(p) {
		return ChangeRequest{}, forbidden("only the store's staff ask for a price change")
	}
	fe := apperr.FieldErrors{}
	requested := line.TheirPrice
	if price != nil {
		requested = *price
		checkPrice(fe, "requested_price", requested)
	}
	if utf8.RuneCountInString(note) > 500 {
		fe.Add("note", "must be at most 500 characters")
	}
	if err := fe.Err(); err != nil {
		return ChangeRequest{}, err
	}
	r := requestRow{StoreID: storeID, LineID: line.ID, SKU: line.SKU, Name: line.Name, CurrentPrice: line.OurPrice,
		RequestedPrice: requested, Note: note, Status: RequestOpen, CreatedBy: p.ActorID(), CreatedByName: p.Username,
		CreatedAt: s.now()}
	err = database.Tx(ctx, s.db, func(tx *gorm.DB) error {
		if err := tx.Create(&r).Error; err != nil {
			if errors.Is(err, gorm.ErrDuplicatedKey) {
				return apperr.New(apperr.ErrConflict, "duplicate", fmt.Sprintf("line %d already has a price-change request", lineNo))
			}
			return err
		}
		return s.Audit.Write(ctx, tx, p, audit.Entry{Action: "price_change_request.create", EntityType: "price_change_request",
			EntityID: audit.ID(r.ID), StoreID: &storeID, After: auditOf(r)})
	})
	return ChangeRequest(r), err
}

func auditOf(r requestRow) map[string]any {
	return map[string]any{"sku": r.SKU, "current_price": r.CurrentPrice, "requested_price": r.RequestedPrice,
		"status": r.Status, "reason": r.Reason}
}

// RequestActions answers allowed_actions of a request for p.
func RequestActions(p *authz.Principal, r ChangeRequest) []string {
	if r.Status != RequestOpen || !manages(p) {
		return []string{}
	}
	return []string{ActionAccept, ActionReject}
}

// ListRequests answers a store's price-change requests (of one status when set), newest first.
func (s *Service) ListRequests(ctx context.Context, p *authz.Principal, storeID int64, status string) ([]ChangeRequest, error) {
	if err := p.RequireStore(storeID); err != nil {
		return nil, err
	}
	q := s.db.WithContext(ctx).Where("store_id = ?", storeID)
	if status != "" {
		q = q.Where("status = ?", status)
	}
	var rows []requestRow
	if err := q.Order("id DESC").Limit(500).Find(&rows).Error; err != nil {
		return nil, err
	}
	out := make([]ChangeRequest, len(rows))
	for i, r := range rows {
		out[i] = ChangeRequest(r)
	}
	return out, nil
}

func (s *Service) loadRequest(ctx context.Context, db *gorm.DB, p *authz.Principal, storeID, id int64) (requestRow, error) {
	if err := p.RequireStore(storeID); err != nil {
		return requestRow{}, err
	}
	var rows []requestRow
	if err := db.WithContext(ctx).Where("id = ? AND store_id = ?", id, storeID).Limit(1).Find(&rows).Error; err != nil {
		return requestRow{}, err
	}
	if len(rows) == 0 {
		return requestRow{}, apperr.New(apperr.ErrNotFound, "not_found", fmt.Sprintf("price-change request %d not found", id))
	}
	return rows[0], nil
}

// VisibleRequest answers 404 unless request id of storeID is in p's scope.
func (s *Service) VisibleRequest(ctx context.Context, p *authz.Principal, storeID, id int64) error {
	_, err := s.loadRequest(ctx, s.db, p, storeID, id)
	return err
}

// Decide accepts or rejects an open request (the store manager); rejecting needs a reason.
func (s *Service) Decide(ctx context.Context, p *authz.Principal, storeID, id int64, accept bool, reason string) (ChangeRequest, error) {
	if _, err := s.loadRequest(ctx, s.db, p, storeID, id); err != nil {
		return ChangeRequest{}, err
	}
	if !manages(p) {
		return ChangeRequest{}, forbidden("only the store manager decides a price change")
	}
	reason = strings.TrimSpace(reason)
	to, action := RequestAccepted, "price_change_request.accept"
	if !accept {
		to, action = RequestRejected, "price_change_request.reject"
		if reason == "" {
			return ChangeRequest{}, apperr.FieldErrors{"reason": "is required to reject"}
		}
	}
	if utf8.RuneCountInString(reason) > 500 {
		return ChangeRequest{}, apperr.FieldErrors{"reason": "must be at most 500 characters"}
	}
	var out requestRow
	err := database.Tx(ctx, s.db, func(tx *gorm.DB) error {
		before, err := s.loadRequest(ctx, tx, p, storeID, id)
		if err != nil {
			return err
		}
		now := s.now()
		res := tx.Model(&requestRow{}).Where("id = ? AND status = ?", id, RequestOpen).
			Updates(map[string]any{"status": to, "reason": reason, "decided_by": p.ActorID(), "decided_at": now})
		if res.Error != nil {
			return res.Error
		}
		if res.RowsAffected != 1 {
			return apperr.New(apperr.ErrConflict, "wrong_status", fmt.Sprintf("the request is %s, not open", before.Status))
		}
		out = before
		out.Status, out.Reason, out.DecidedBy, out.DecidedAt = to, reason, p.ActorID(), &now
		return s.Audit.Write(ctx, tx, p, audit.Entry{Action: action, EntityType: "price_change_request",
			EntityID: audit.ID(id), StoreID: &storeID, Before: auditOf(before), After: auditOf(out)})
	})
	return ChangeRequest(out), err
}
