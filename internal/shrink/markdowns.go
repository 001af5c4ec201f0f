package shrink

import (
	"context"
	"fmt"
	"time"
	"unicode/utf8"

	"gorm.io/gorm"

	"github.com/storeops/storeops/internal/platform/apperr"
	"github.com/storeops/storeops/internal/platform/audit"
	"github.com/storeops/storeops/internal/platform/authz"
	"github.com/storeops/storeops/internal/platform/civil"
	"github.com/storeops/storeops/internal/platform/database"
	"github.com/storeops/storeops/internal/platform/fixed"
	"github.com/storeops/storeops/internal/platform/paging"
)

// Markdown is units re-priced below the regular price.
type Markdown struct {
	ID             int64
	StoreID        int64
	DepartmentCode string
	ProductID      int64
	SKU, Name      string
	Unit           string
	LotID          *int64
	ExpiryDate     *civil.Date
	Qty            fixed.Qty
	RegularPrice   fixed.Money
	MarkdownPrice  fixed.Money
	DiscountPct    Pct
	Loss           fixed.Money
	OnLadder       bool
	Reason, Note   string
	Status         string
	BusinessDate   civil.Date
	RejectReason   string
	CreatedBy      *int64
	CreatedByName  string
	DecidedBy      *int64
	DecidedAt      *time.Time
	Version        int
	CreatedAt      time.Time
	UpdatedAt      time.Time
}

func toMarkdown(r markdownRow) Markdown { return Markdown(r) }

// NewMarkdown is a markdown as asked for: the new price as MarkdownPrice or as Discount.
type NewMarkdown struct {
	SKU           string
	Qty           fixed.Qty
	RegularPrice  *fixed.Money // nil: the product's retail price
	MarkdownPrice *fixed.Money
	Discount      *Pct
	Reason        string
	LotID         *int64
	Note          string
}

// Validate checks the request's shape, naming the fields.
func (n NewMarkdown) Validate() error {
	fe := apperr.FieldErrors{}
	if n.SKU == "" {
		fe.Add("sku", "is required")
	}
	if n.Qty <= 0 {
		fe.Add("qty", "must be greater than 0")
	} else {
		fixed.MarkdownsQty.FieldQty(fe, "qty", n.Qty)
	}
	checkReason(fe, "reason", n.Reason, MarkdownReasons)
	if utf8.RuneCountInString(n.Note) > 500 {
		fe.Add("note", "must be at most 500 characters")
	}
	if n.RegularPrice != nil {
		if *n.RegularPrice <= 0 {
			fe.Add("regular_price", "must be greater than 0")
		} else {
			fixed.MarkdownsRegularPrice.FieldMoney(fe, "regular_price", *n.RegularPrice)
		}
	}
	switch {
	case (n.MarkdownPrice == nil) == (n.Discount == nil):
		fe.Add("markdown_price", "give exactly one of markdown_price and discount_pct")
	case n.MarkdownPrice != nil && *n.MarkdownPrice < 0:
		fe.Add("markdown_price", "must not be negative")
	case n.MarkdownPrice != nil:
		fixed.MarkdownsMarkdownPrice.FieldMoney(fe, "markdown_price", *n.MarkdownPrice)
	case *n.Discount <= 0 || *n.Discount >= PctOf(100):
		fe.Add("discount_pct", "must be above 0 and below 100")
	}
	return fe.Err()
}

// prices resolves the regular and the new price, refusing a new price not below the regular.
func (n NewMarkdown) prices(retail fixed.Money) (fixed.Money, fixed.Money, error) {
	regular := retail
	if n.RegularPrice != nil {
		regular = *n.RegularPrice
	}
	if regular <= 0 {
		return 0, 0, apperr.FieldErrors{"regular_price": "the product has no retail price: give regular_price"}
	}
	var price fixed.Money
	if n.Discount != nil {
		price = Price(regular, *n.Discount)
	} else {
		price = *n.MarkdownPrice
	}
	if price >= regular {
		return 0, 0, apperr.FieldErrors{"markdown_price": fmt.Sprintf("must be below the regular price %s", regular)}
	}
	return regular, price, nil
}

// MarkdownFilter narrows a store's markdowns.
type MarkdownFilter = Filter

// ListMarkdowns answers a store's markdowns in p's scope, newest first.
func (s *Service) ListMarkdowns(ctx context.Context, p *authz.Principal, storeID int64, f MarkdownFilter, pg paging.Page) ([]Markdown, int64, error) {
	return listRecords(ctx, s, p, storeID, f, pg, toMarkdown)
}

func markdownNotFound(id int64) error {
	return apperr.New(apperr.ErrNotFound, "not_found", fmt.Sprintf("markdown %d not found", id))
}

func (s *Service) loadMarkdown(ctx context.Context, db *gorm.DB, p *authz.Principal, id int64) (markdownRow, error) {
	return loadScoped[markdownRow](ctx, s, db, p, id, markdownNotFound(id))
}

// VisibleMarkdown answers 404 unless markdown id is in p's scope.
func (s *Service) VisibleMarkdown(ctx context.Context, p *authz.Principal, id int64) error {
	_, err := s.loadMarkdown(ctx, s.db, p, id)
	return err
}

// GetMarkdown answers a markdown, its label's barcode and what p may do with it.
func (s *Service) GetMarkdown(ctx context.Context, p *authz.Principal, id int64) (Markdown, Barcode, []string, error) {
	r, err := s.loadMarkdown(ctx, s.db, p, id)
	if err != nil {
		return Markdown{}, Barcode{}, nil, err
	}
	return s.describe(ctx, p, toMarkdown(r))
}

func (s *Service) describe(ctx context.Context, p *authz.Principal, m Markdown) (Markdown, Barcode, []string, error) {
	layout, err := loadLayout(ctx, s.db)
	if err != nil {
		return m, Barcode{}, nil, err
	}
	actions, err := s.MarkdownActions(ctx, p, m)
	return m, LabelBarcode(layout, m.SKU, m.MarkdownPrice), actions, err
}

// Layout answers the chain's label layout.
func (s *Service) Layout(ctx context.Context) (Layout, error) { return loadLayout(ctx, s.db) }

// MarkdownActions answers allowed_actions of a markdown for p.
func (s *Service) MarkdownActions(ctx context.Context, p *authz.Principal, m Markdown) ([]string, error) {
	switch m.Status {
	case MarkdownApplied:
		return []string{ActionPrintLabel}, nil
	case MarkdownPending:
		ok, err := s.canDecide(ctx, p, m.StoreID, m.CreatedBy)
		if ok {
			return []string{ActionApprove, ActionReject}, err
		}
		return []string{}, err
	}
	return []string{}, nil
}

// CreateMarkdown records a markdown. A discount on the department's ladder applies at once;
// off the ladder within the maximum a supervisor's waits for approval; beyond it is refused.
// No stock moves: the sales feed sells the units.
func (s *Service) CreateMarkdown(ctx context.Context, p *authz.Principal, storeID int64, n NewMarkdown) (Markdown, Barcode, []string, error) {
	return s.createMarkdown(ctx, p, storeID, n, 0)
}

// RecordMarkdown enters a markdown of an earlier business day of the store under the same
// rules (the demo's history).
func (s *Service) RecordMarkdown(ctx context.Context, p *authz.Principal, storeID int64, day civil.Date, n NewMarkdown) (Markdown, error) {
	m, _, _, err := s.createMarkdown(ctx, p, storeID, n, day)
	return m, err
}

func (s *Service) createMarkdown(ctx context.Context, p *authz.Principal, storeID int64, n NewMarkdown, day civil.Date) (Markdown, Barcode, []string, error) {
	if err := p.RequireStore(storeID); err != nil {
		return Markdown{}, Barcode{}, nil, err
	}
	if err := n.Validate(); err != nil {
		return Markdown{}, Barcode{}, nil, err
	}
	ref, err := s.product(ctx, p, storeID, n.SKU)
	if err != nil {
		return Markdown{}, Barcode{}, nil, err
	}
	regular, price, err := n.prices(ref.RetailPrice)
	if err != nil {
		return Markdown{}, Barcode{}, nil, err
	}
	today, _, err := s.today(ctx, storeID)
	if err != nil {
		return Markdown{}, Barcode{}, nil, err
	}
	if day != 0 && day <= today {
		today = day
	}
	rules, err := loadRules(ctx, s.db, storeID, []string{ref.DepartmentCode})
	if err != nil {
		return Markdown{}, Barcode{}, nil, err
	}
	rule := rules[ref.DepartmentCode]
	decision, pct, onLadder := rule.Classify(regular, price)
	if decision == Refused {
		return Markdown{}, Barcode{}, nil, apperr.New(apperr.ErrRule, "discount_beyond_max",
			fmt.Sprintf("%s %% off is beyond the department's maximum discount of %s %%", pct, rule.MaxDiscount))
	}
	loss, ok := Loss(regular, price, n.Qty)
	if !ok || fixed.MarkdownsLoss.CheckMoney(loss) != nil {
		return Markdown{}, Barcode{}, nil, apperr.FieldErrors{"qty": "the markdown's loss is out of range"}
	}
	var out markdownRow
	err = database.Tx(ctx, s.db, func(tx *gorm.DB) error {
		_, expiry, err := s.stockCheck(ctx, tx, storeID, ref, n.LotID, n.Qty)
		if err != nil {
			return err
		}
		now := s.now()
		r := markdownRow{StoreID: storeID, DepartmentCode: ref.DepartmentCode, ProductID: ref.ID, SKU: ref.SKU,
			Name: ref.Name, Unit: ref.Unit, LotID: n.LotID, ExpiryDate: expiry, Qty: n.Qty, RegularPrice: regular,
			MarkdownPrice: price, DiscountPct: pct, Loss: loss, OnLadder: onLadder, Reason: n.Reason, Note: n.Note,
			Status: MarkdownApplied, BusinessDate: today, CreatedBy: p.ActorID(), CreatedByName: p.Username,
			Version: 1, CreatedAt: now, UpdatedAt: now}
		if decision == NeedsApproval && !makerApproves(p) {
			r.Status = MarkdownPending
		}
		if err := tx.Create(&r).Error; err != nil {
			return err
		}
		out = r
		return s.Audit.Write(ctx, tx, p, audit.Entry{Action: "markdown.create", EntityType: "markdown",
			EntityID: audit.ID(r.ID), StoreID: &storeID, After: auditJSON(toMarkdownAudit(r))})
	})
	if err != nil {
		return Markdown{}, Barcode{}, nil, err
	}
	return s.describe(ctx, p, toMarkdown(out))
}

// ApproveMarkdown applies a pending markdown.
func (s *Service) ApproveMarkdown(ctx context.Context, p *authz.Principal, id int64, version *int) (Markdown, Barcode, []string, error) {
	return s.decideMarkdown(ctx, p, id, version, MarkdownApplied, "", "markdown.approve")
}

// RejectMarkdown refuses a pending markdown with a reason.
func (s *Service) RejectMarkdown(ctx context.Context, p *authz.Principal, id int64, version *int, reason string) (Markdown, Barcode, []string, error) {
	if reason == "" || utf8.RuneCountInString(reason) > 500 {
		return Markdown{}, Barcode{}, nil, apperr.FieldErrors{"reason": "is required, at most 500 characters"}
	}
	return s.decideMarkdown(ctx, p, id, version, MarkdownRejected, reason, "markdown.reject")
}

func (s *Service) decideMarkdown(ctx context.Context, p *authz.Principal, id int64, version *int, to, reason, action string) (Markdown, Barcode, []string, error) {
	var out markdownRow
	err := database.Tx(ctx, s.db, func(tx *gorm.DB) error {
		r, err := s.loadMarkdown(ctx, tx, p, id)
		if err != nil {
			return err
		}
		if err := s.mayDecide(ctx, tx, p, r.StoreID, r.CreatedBy, "own_markdown"); err != nil {
			return err
		}
		if version != nil && *version != r.Version {
			return stale("the markdown")
		}
		if r.Status != MarkdownPending {
			return wrongStatus("markdown", r.Status)
		}
		before := r
		now := s.now()
		if changed, err := decide[markdownRow](ctx, tx, id, to, reason, p.ActorID(), now); err != nil || !changed {
			if err == nil {
				err = wrongStatus("markdown", "no longer pending")
			}
			return err
		}
		r.Status, r.RejectReason, r.DecidedBy, r.DecidedAt, r.Version, r.UpdatedAt = to, reason, p.ActorID(), &now, r.Version+1, now
		out = r
		return s.Audit.Write(ctx, tx, p, audit.Entry{Action: action, EntityType: "markdown", EntityID: audit.ID(id),
			StoreID: &r.StoreID, Before: auditJSON(toMarkdownAudit(before)), After: auditJSON(toMarkdownAudit(r))})
	})
	if err != nil {
		return Markdown{}, Barcode{}, nil, err
	}
	return s.describe(ctx, p, toMarkdown(out))
}

func toMarkdownAudit(r markdownRow) map[string]any {
	return map[string]any{"sku": r.SKU, "qty": r.Qty, "regular_price": r.RegularPrice, "markdown_price": r.MarkdownPrice,
		"discount_pct": r.DiscountPct, "loss": r.Loss, "on_ladder": r.OnLadder, "status": r.Status, "lot_id": r.LotID,
		"reject_reason": r.RejectReason}
}
