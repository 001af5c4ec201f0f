package shrink

import (
	"context"
	"fmt"
	"strconv"
	"time"
	"unicode/utf8"

	"gorm.io/gorm"

	"github.com/storeops/storeops/internal/catalog"
	"github.com/storeops/storeops/internal/inventory"
	"github.com/storeops/storeops/internal/platform/apperr"
	"github.com/storeops/storeops/internal/platform/attachments"
	"github.com/storeops/storeops/internal/platform/audit"
	"github.com/storeops/storeops/internal/platform/authz"
	"github.com/storeops/storeops/internal/platform/civil"
	"github.com/storeops/storeops/internal/platform/database"
	"github.com/storeops/storeops/internal/platform/fixed"
	"github.com/storeops/storeops/internal/platform/paging"
)

// WriteOff is goods taken out of stock as a loss, valued at cost.
type WriteOff struct {
	ID             int64
	StoreID        int64
	DepartmentCode string
	ProductID      int64
	SKU, Name      string
	Unit           string
	LotID          *int64
	Qty            fixed.Qty
	UnitCost       fixed.Money
	Value          fixed.Money
	Reason, Note   string
	Status         string
	BusinessDate   civil.Date
	RejectReason   string
	CreatedBy      *int64
	CreatedByName  string
	DecidedBy      *int64
	DecidedAt      *time.Time
	RecallID       *int64
	Version        int
	CreatedAt      time.Time
	UpdatedAt      time.Time
}

func toWriteOff(r writeOffRow) WriteOff { return WriteOff(r) }

// NewWriteOff is a write-off as asked for.
type NewWriteOff struct {
	SKU    string
	Qty    fixed.Qty
	Reason string
	LotID  *int64
	Note   string
	Photos []int64
	// RecallID marks a write-off a recall made (posted at once, whatever its value).
	RecallID *int64
}

// Validate checks the request's shape, naming the fields.
func (n NewWriteOff) Validate() error {
	fe := apperr.FieldErrors{}
	if n.SKU == "" {
		fe.Add("sku", "is required")
	}
	if n.Qty <= 0 {
		fe.Add("qty", "must be greater than 0")
	} else {
		fixed.WriteOffsQty.FieldQty(fe, "qty", n.Qty)
	}
	checkReason(fe, "reason", n.Reason, WriteOffReasons)
	if utf8.RuneCountInString(n.Note) > 500 {
		fe.Add("note", "must be at most 500 characters")
	}
	if len(n.Photos) > 5 {
		fe.Add("photos", "at most 5 photos")
	}
	return fe.Err()
}

// WriteOffFilter narrows a store's write-offs.
type WriteOffFilter = Filter

// ListWriteOffs answers a store's write-offs in p's scope, newest first.
func (s *Service) ListWriteOffs(ctx context.Context, p *authz.Principal, storeID int64, f WriteOffFilter, pg paging.Page) ([]WriteOff, int64, error) {
	return listRecords(ctx, s, p, storeID, f, pg, toWriteOff)
}

func writeOffNotFound(id int64) error {
	return apperr.New(apperr.ErrNotFound, "not_found", fmt.Sprintf("write-off %d not found", id))
}

func (s *Service) loadWriteOff(ctx context.Context, db *gorm.DB, p *authz.Principal, id int64) (writeOffRow, error) {
	return loadScoped[writeOffRow](ctx, s, db, p, id, writeOffNotFound(id))
}

// VisibleWriteOff answers 404 unless write-off id is in p's scope (also the attachments'
// visibility rule for its photos).
func (s *Service) VisibleWriteOff(ctx context.Context, p *authz.Principal, id int64) error {
	_, err := s.loadWriteOff(ctx, s.db, p, id)
	return err
}

// GetWriteOff answers a write-off, its photos and what p may do with it.
func (s *Service) GetWriteOff(ctx context.Context, p *authz.Principal, id int64) (WriteOff, []attachments.Attachment, []string, error) {
	r, err := s.loadWriteOff(ctx, s.db, p, id)
	if err != nil {
		return WriteOff{}, nil, nil, err
	}
	photos, err := s.Attachments.ForOwner(ctx, KindWriteOff, id)
	if err != nil {
		return WriteOff{}, nil, nil, err
	}
	actions, err := s.WriteOffActions(ctx, p, toWriteOff(r))
	return toWriteOff(r), photos, actions, err
}

// WriteOffActions answers allowed_actions of a write-off for p.
func (s *Service) WriteOffActions(ctx context.Context, p *authz.Principal, w WriteOff) ([]string, error) {
	if w.Status != WriteOffPending {
		return []string{}, nil
	}
	ok, err := s.canDecide(ctx, p, w.StoreID, w.CreatedBy)
	if !ok || err != nil {
		return []string{}, err
	}
	return []string{ActionApprove, ActionReject}, nil
}

// stockCheck refuses taking qty of ref (from lotID when set) out of the store's stock as it
// stands in tx, and answers what the goods are worth at cost (see Valuation) and the lot's
// expiry. Call it after the store's stock lock is taken.
func (s *Service) stockCheck(ctx context.Context, tx *gorm.DB, storeID int64, ref catalog.Ref, lotID *int64, qty fixed.Qty) (fixed.Money, *civil.Date, error) {
	var lots []inventory.OpenLot
	var expiry *civil.Date
	if lotID != nil {
		lot, err := s.Inventory.LotTx(ctx, tx, storeID, *lotID)
		if err != nil {
			return 0, nil, err
		}
		if lot.ProductID != ref.ID {
			return 0, nil, apperr.New(apperr.ErrRule, "lot_unknown", fmt.Sprintf("lot %d is not a lot of %s", *lotID, ref.SKU))
		}
		if lot.Remaining < qty {
			return 0, nil, apperr.New(apperr.ErrRule, "lot_short", fmt.Sprintf("lot %d holds only %s %s", *lotID, lot.Remaining, ref.Unit))
		}
		lots, expiry = []inventory.OpenLot{lot}, &lot.Expiry
	} else if ref.Perishable {
		var err error
		if lots, err = s.Inventory.OpenLotsTx(ctx, tx, storeID, ref.ID); err != nil {
			return 0, nil, err
		}
	}
	onHand, err := s.Inventory.BalancesTx(ctx, tx, storeID, []int64{ref.ID})
	if err != nil {
		return 0, nil, err
	}
	if have := onHand[ref.ID]; have < qty {
		return 0, nil, apperr.New(apperr.ErrRule, "insufficient_stock",
			fmt.Sprintf("only %s %s of %s is in stock", max(have, 0), ref.Unit, ref.SKU))
	}
	value, ok := Valuation(lots, qty, ref.CostPrice)
	if !ok {
		return 0, nil, apperr.FieldErrors{"qty": "the value at cost is out of range"}
	}
	return value, expiry, nil
}

// CreateWriteOff records a write-off. Above the store's threshold a supervisor's waits for
// approval; otherwise the stock leaves now, in the same transaction.
func (s *Service) CreateWriteOff(ctx context.Context, p *authz.Principal, storeID int64, n NewWriteOff) (WriteOff, error) {
	return s.createWriteOff(ctx, p, storeID, n, 0)
}

// RecordWriteOff enters a write-off of an earlier business day of the store (one kept on
// paper, or the demo's history) under the same rules; its stock movement carries that day.
func (s *Service) RecordWriteOff(ctx context.Context, p *authz.Principal, storeID int64, day civil.Date, n NewWriteOff) (WriteOff, error) {
	return s.createWriteOff(ctx, p, storeID, n, day)
}

func (s *Service) createWriteOff(ctx context.Context, p *authz.Principal, storeID int64, n NewWriteOff, day civil.Date) (WriteOff, error) {
	if err := p.RequireStore(storeID); err != nil {
		return WriteOff{}, err
	}
	if err := n.Validate(); err != nil {
		return WriteOff{}, err
	}
	ref, err := s.product(ctx, p, storeID, n.SKU)
	if err != nil {
		return WriteOff{}, err
	}
	today, _, err := s.today(ctx, storeID)
	if err != nil {
		return WriteOff{}, err
	}
	if day != 0 && day <= today {
		today = day
	}
	var out writeOffRow
	err = database.Tx(ctx, s.db, func(tx *gorm.DB) error {
		if _, err := s.Inventory.Lock(ctx, tx, storeID); err != nil {
			return err
		}
		value, _, err := s.stockCheck(ctx, tx, storeID, ref, n.LotID, n.Qty)
		if err != nil {
			return err
		}
		if fixed.WriteOffsValue.CheckMoney(value) != nil {
			return apperr.FieldErrors{"qty": "the write-off's value is out of range"}
		}
		cost := UnitCost(value, n.Qty)
		threshold, _, err := loadThreshold(ctx, tx, storeID)
		if err != nil {
			return err
		}
		now := s.now()
		r := writeOffRow{StoreID: storeID, DepartmentCode: ref.DepartmentCode, ProductID: ref.ID, SKU: ref.SKU,
			Name: ref.Name, Unit: ref.Unit, LotID: n.LotID, Qty: n.Qty, UnitCost: cost, Value: value, Reason: n.Reason,
			Note: n.Note, Status: WriteOffPosted, BusinessDate: today, CreatedBy: p.ActorID(), CreatedByName: p.Username,
			RecallID: n.RecallID, Version: 1, CreatedAt: now, UpdatedAt: now}
		if n.RecallID == nil && NeedsWriteOffApproval(value, threshold, makerApproves(p)) {
			r.Status = WriteOffPending
		}
		if err := tx.Create(&r).Error; err != nil {
			return err
		}
		owner := attachments.Owner{Kind: KindWriteOff, ID: r.ID, StoreID: storeID}
		if err := s.Attachments.LinkField(ctx, tx, p, "photos", n.Photos, owner); err != nil {
			return err
		}
		if err := s.Audit.Write(ctx, tx, p, audit.Entry{Action: "write_off.create", EntityType: KindWriteOff,
			EntityID: audit.ID(r.ID), StoreID: &storeID, After: auditJSON(toWriteOffAudit(r))}); err != nil {
			return err
		}
		if r.Status == WriteOffPosted {
			if err := s.post(ctx, tx, p, r); err != nil {
				return err
			}
		}
		out = r
		return nil
	})
	return toWriteOff(out), err
}

// post takes a write-off's goods out of stock.
func (s *Service) post(ctx context.Context, tx *gorm.DB, p *authz.Principal, r writeOffRow) error {
	m := inventory.Move{ProductID: r.ProductID, Date: r.BusinessDate, Kind: inventory.KindWriteOff, Qty: -r.Qty,
		RefType: KindWriteOff, RefID: strconv.FormatInt(r.ID, 10)}
	if r.RecallID != nil {
		m.Kind = inventory.KindRecall
	}
	if r.LotID != nil {
		m.LotID = *r.LotID
	}
	if err := s.Inventory.Move(ctx, tx, p, r.StoreID, []inventory.Move{m}); err != nil {
		return err
	}
	return s.Audit.Write(ctx, tx, p, audit.Entry{Action: "write_off.post", EntityType: KindWriteOff,
		EntityID: audit.ID(r.ID), StoreID: &r.StoreID, After: map[string]any{"sku": r.SKU, "qty": r.Qty,
			"value": r.Value, "lot_id": r.LotID}})
}

// ApproveWriteOff posts a pending write-off: its stock leaves now. Two approvals at once move
// the stock once: the status changes only where it is still pending, under the row's lock.
func (s *Service) ApproveWriteOff(ctx context.Context, p *authz.Principal, id int64, version *int) (WriteOff, error) {
	return s.decideWriteOff(ctx, p, id, version, WriteOffPosted, "", "write_off.approve")
}

// RejectWriteOff refuses a pending write-off with a reason; no stock moves.
func (s *Service) RejectWriteOff(ctx context.Context, p *authz.Principal, id int64, version *int, reason string) (WriteOff, error) {
	if reason == "" || utf8.RuneCountInString(reason) > 500 {
		return WriteOff{}, apperr.FieldErrors{"reason": "is required, at most 500 characters"}
	}
	return s.decideWriteOff(ctx, p, id, version, WriteOffRejected, reason, "write_off.reject")
}

func (s *Service) decideWriteOff(ctx context.Context, p *authz.Principal, id int64, version *int, to, reason, action string) (WriteOff, error) {
	var out writeOffRow
	err := database.Tx(ctx, s.db, func(tx *gorm.DB) error {
		r, err := s.loadWriteOff(ctx, tx, p, id)
		if err != nil {
			return err
		}
		if err := s.mayDecide(ctx, tx, p, r.StoreID, r.CreatedBy, "own_write_off"); err != nil {
			return err
		}
		if version != nil && *version != r.Version {
			return stale("the write-off")
		}
		if r.Status != WriteOffPending {
			return wrongStatus("write-off", r.Status)
		}
		before := r
		now := s.now()
		if changed, err := decide[writeOffRow](ctx, tx, id, to, reason, p.ActorID(), now); err != nil || !changed {
			if err == nil { // decided by someone else since it was read
				err = wrongStatus("write-off", "no longer pending")
			}
			return err
		}
		r.Status, r.RejectReason, r.DecidedBy, r.DecidedAt, r.Version, r.UpdatedAt = to, reason, p.ActorID(), &now, r.Version+1, now
		if to == WriteOffPosted {
			if _, err := s.Inventory.Lock(ctx, tx, r.StoreID); err != nil {
				return err
			}
			ref := catalog.Ref{ID: r.ProductID, SKU: r.SKU, Unit: r.Unit, CostPrice: r.UnitCost}
			if _, _, err := s.stockCheck(ctx, tx, r.StoreID, ref, r.LotID, r.Qty); err != nil {
				return err
			}
		}
		if err := s.Audit.Write(ctx, tx, p, audit.Entry{Action: action, EntityType: KindWriteOff, EntityID: audit.ID(id),
			StoreID: &r.StoreID, Before: auditJSON(toWriteOffAudit(before)), After: auditJSON(toWriteOffAudit(r))}); err != nil {
			return err
		}
		if to == WriteOffPosted {
			if err := s.post(ctx, tx, p, r); err != nil {
				return err
			}
		}
		out = r
		return nil
	})
	return toWriteOff(out), err
}

func toWriteOffAudit(r writeOffRow) map[string]any {
	return map[string]any{"sku": r.SKU, "qty": r.Qty, "value": r.Value, "reason": r.Reason, "status": r.Status,
		"lot_id": r.LotID, "reject_reason": r.RejectReason}
}
