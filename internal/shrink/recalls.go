package shrink

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"time"
	"unicode/utf8"

	"gorm.io/gorm"

	"github.com/storeops/storeops/internal/catalog"
	"github.com/storeops/storeops/internal/inventory"
	"github.com/storeops/storeops/internal/platform/apperr"
	"github.com/storeops/storeops/internal/platform/audit"
	"github.com/storeops/storeops/internal/platform/authz"
	"github.com/storeops/storeops/internal/platform/civil"
	"github.com/storeops/storeops/internal/platform/database"
	"github.com/storeops/storeops/internal/platform/fixed"
)

// MaxRecallLots is the most lots a recall names; MaxRecallDays the longest receiving range.
const (
	MaxRecallLots = 200
	MaxRecallDays = 366
)

type recallRow struct {
	ID            int64 `gorm:"primaryKey"`
	ProductID     int64
	SKU           string `gorm:"column:sku"`
	Name          string
	Unit          string
	Reason        string
	LotIDs        string `gorm:"column:lot_ids"`
	ReceivedFrom  *civil.Date
	ReceivedTo    *civil.Date
	StoreCount    int
	LotCount      int
	Qty           fixed.Qty
	Value         fixed.Money
	CreatedBy     *int64
	CreatedByName string
	CreatedAt     time.Time
}

func (recallRow) TableName() string { return "recalls" }

// Recall is a product's lots taken out of every store's stock (召回, returned to the supplier).
type Recall struct {
	ID                       int64
	ProductID                int64
	SKU, Name, Unit          string
	Reason                   string
	LotIDs                   []int64
	ReceivedFrom, ReceivedTo *civil.Date
	StoreCount, LotCount     int
	Qty                      fixed.Qty
	Value                    fixed.Money
	CreatedBy                *int64
	CreatedByName            string
	CreatedAt                time.Time
	// Stores is what came back from each store (in the caller's scope).
	Stores []RecallStore
}

// RecallStore is what one store sent back.
type RecallStore struct {
	StoreID   int64
	StoreCode string
	StoreName string
	LotCount  int
	Qty       fixed.Qty
	Value     fixed.Money
}

// NewRecall names a product's lots, or a receiving range, and optionally the stores.
type NewRecall struct {
	SKU                      string
	LotIDs                   []int64
	ReceivedFrom, ReceivedTo *civil.Date
	StoreIDs                 []int64 // nil: every store
	Reason                   string
}

// Validate checks the request's shape.
func (n NewRecall) Validate() error {
	fe := apperr.FieldErrors{}
	if n.SKU == "" {
		fe.Add("sku", "is required")
	}
	if n.Reason == "" || utf8.RuneCountInString(n.Reason) > 500 {
		fe.Add("reason", "is required, at most 500 characters")
	}
	byRange := n.ReceivedFrom != nil || n.ReceivedTo != nil
	switch {
	case len(n.LotIDs) > 0 && byRange:
		fe.Add("lot_ids", "name lots or a receiving range, not both")
	case len(n.LotIDs) > MaxRecallLots:
		fe.Add("lot_ids", fmt.Sprintf("at most %d lots", MaxRecallLots))
	case byRange && (n.ReceivedFrom == nil || n.ReceivedTo == nil):
		fe.Add("received_to", "a receiving range needs received_from and received_to")
	case byRange && *n.ReceivedFrom > *n.ReceivedTo:
		fe.Add("received_from", "must not be after received_to")
	case byRange && int(*n.ReceivedTo-*n.ReceivedFrom) >= MaxRecallDays:
		fe.Add("received_to", "a receiving range covers at most 366 days")
	}
	if len(n.StoreIDs) > 1000 {
		fe.Add("store_ids", "at most 1000 stores")
	}
	return fe.Err()
}

// CreateRecall takes what is left of the named lots (or of every lot received in the range;
// for a product that keeps no lots, the whole stock) out of the stores' stock, in one
// transaction: each store's part is a posted write-off with reason recall per lot, movement
// kind recall, valued at the lot's cost. Admins only.
func (s *Service) CreateRecall(ctx context.Context, p *authz.Principal, n NewRecall) (Recall, error) {
	if err := p.RequireRole(authz.RoleAdmin); err != nil {
		return Recall{}, err
	}
	if err := n.Validate(); err != nil {
		return Recall{}, err
	}
	refs, err := s.Catalog.RefsBySKU(ctx, []string{n.SKU})
	if err != nil {
		return Recall{}, err
	}
	ref, ok := refs[n.SKU]
	if !ok {
		return Recall{}, apperr.New(apperr.ErrNotFound, "not_found", fmt.Sprintf("product %s not found", n.SKU))
	}
	byLot := len(n.LotIDs) > 0 || n.ReceivedFrom != nil
	switch {
	case ref.Perishable && !byLot:
		return Recall{}, apperr.Field("lot_ids", "name the lots, or a receiving range (received_from, received_to)")
	case !ref.Perishable && byLot:
		return Recall{}, apperr.Field("lot_ids", "the product keeps no lots: leave out lot_ids and the receiving range "+
			"to send back its whole stock (of store_ids, or of every store)")
	}
	if n.StoreIDs != nil {
		active, err := s.Stores.ActiveStoreIDs(ctx)
		if err != nil {
			return Recall{}, err
		}
		fe := apperr.FieldErrors{}
		for i, id := range n.StoreIDs {
			if !slices.Contains(active, id) {
				fe.Add(fmt.Sprintf("store_ids[%d]", i), fmt.Sprintf("no active store %d", id))
			}
		}
		if err := fe.Err(); err != nil {
			return Recall{}, err
		}
	}
	var targets []recallTarget
	if ref.Perishable {
		if targets, err = s.lotTargets(ctx, ref, n); err != nil {
			return Recall{}, err
		}
	} else if targets, err = s.stockTargets(ctx, ref, n.StoreIDs); err != nil {
		return Recall{}, err
	}
	if len(targets) == 0 {
		return Recall{}, apperr.New(apperr.ErrRule, "nothing_to_recall", "no store holds stock of these lots")
	}
	var out recallRow
	err = database.Tx(ctx, s.db, func(tx *gorm.DB) error {
		now := s.now()
		r := recallRow{ProductID: ref.ID, SKU: ref.SKU, Name: ref.Name, Unit: ref.Unit, Reason: n.Reason,
			LotIDs: idsText(n.LotIDs), ReceivedFrom: n.ReceivedFrom, ReceivedTo: n.ReceivedTo, CreatedBy: p.ActorID(),
			CreatedByName: p.Username, CreatedAt: now}
		if err := tx.Create(&r).Error; err != nil {
			return err
		}
		stores := map[int64]bool{}
		for _, t := range targets {
			w, err := s.recallFromStore(ctx, tx, p, r.ID, ref, t, n.Reason)
			if err != nil {
				return err
			}
			if w.Qty == 0 {
				continue
			}
			stores[t.storeID] = true
			r.LotCount++
			r.Qty += w.Qty
			r.Value += w.Value
		}
		r.StoreCount = len(stores)
		if r.StoreCount == 0 {
			return apperr.New(apperr.ErrRule, "nothing_to_recall", "no store holds stock of these lots")
		}
		if fixed.RecallsQty.CheckQty(r.Qty) != nil || fixed.RecallsValue.CheckMoney(r.Value) != nil {
			return apperr.Field("sku", "the recall's total is out of range")
		}
		if err := tx.Model(&recallRow{}).Where("id = ?", r.ID).Updates(map[string]any{"store_count": r.StoreCount,
			"lot_count": r.LotCount, "qty": r.Qty, "value": r.Value}).Error; err != nil {
			return err
		}
		out = r
		return s.Audit.Write(ctx, tx, p, audit.Entry{Action: "recall.create", EntityType: "recall",
			EntityID: audit.ID(r.ID), After: map[string]any{"sku": r.SKU, "lot_ids": r.LotIDs, "received_from": r.ReceivedFrom,
				"received_to": r.ReceivedTo, "stores": r.StoreCount, "lots": r.LotCount, "qty": r.Qty, "value": r.Value}})
	})
	if err != nil {
		return Recall{}, err
	}
	return s.GetRecall(ctx, p, out.ID)
}

// recallTarget is one lot of one store to send back (lotID 0: the store's whole stock of a
// product that keeps no lots).
type recallTarget struct {
	storeID, lotID int64
}

func (s *Service) lotTargets(ctx context.Context, ref catalog.Ref, n NewRecall) ([]recallTarget, error) {
	var from, to civil.Date
	if n.ReceivedFrom != nil {
		from, to = *n.ReceivedFrom, *n.ReceivedTo
	}
	lots, err := s.Inventory.LotsOfProduct(ctx, ref.ID, n.LotIDs, from, to)
	if err != nil {
		return nil, err
	}
	if len(n.LotIDs) > 0 {
		found := map[int64]bool{}
		for _, l := range lots {
			found[l.ID] = true
		}
		fe := apperr.FieldErrors{}
		for i, id := range n.LotIDs {
			if !found[id] {
				fe.Add(fmt.Sprintf("lot_ids[%d]", i), fmt.Sprintf("lot %d is not an open lot of %s", id, ref.SKU))
			}
		}
		if err := fe.Err(); err != nil {
			return nil, err
		}
	}
	var out []recallTarget
	for _, l := range lots {
		if n.StoreIDs == nil || slices.Contains(n.StoreIDs, l.StoreID) {
			out = append(out, recallTarget{storeID: l.StoreID, lotID: l.ID})
		}
	}
	return out, nil
}

func (s *Service) stockTargets(ctx context.Context, ref catalog.Ref, storeIDs []int64) ([]recallTarget, error) {
	if storeIDs == nil {
		var err error
		if storeIDs, err = s.Stores.ActiveStoreIDs(ctx); err != nil {
			return nil, err
		}
	}
	var out []recallTarget
	for _, id := range storeIDs {
		out = append(out, recallTarget{storeID: id})
	}
	return out, nil
}

// recallFromStore writes off what is left of one lot (or of the product's stock) in a store,
// inside the recall's transaction; a zero write-off when nothing is left.
func (s *Service) recallFromStore(ctx context.Context, tx *gorm.DB, p *authz.Principal, recallID int64, ref catalog.Ref, t recallTarget, reason string) (writeOffRow, error) {
	if _, err := s.Inventory.Lock(ctx, tx, t.storeID); err != nil {
		return writeOffRow{}, err
	}
	var qty fixed.Qty
	var lotID *int64
	var lots []inventory.OpenLot
	if t.lotID != 0 {
		lot, err := s.Inventory.LotTx(ctx, tx, t.storeID, t.lotID)
		if err != nil {
			return writeOffRow{}, err
		}
		qty, lotID, lots = lot.Remaining, &t.lotID, []inventory.OpenLot{lot}
	} else {
		onHand, err := s.Inventory.BalancesTx(ctx, tx, t.storeID, []int64{ref.ID})
		if err != nil {
			return writeOffRow{}, err
		}
		qty = onHand[ref.ID]
	}
	if qty <= 0 {
		return writeOffRow{}, nil
	}
	value, ok := Valuation(lots, qty, ref.CostPrice)
	if !ok {
		return writeOffRow{}, apperr.Field("sku", "the recall's value is out of range")
	}
	today, _, err := s.today(ctx, t.storeID)
	if err != nil {
		return writeOffRow{}, err
	}
	now := s.now()
	note := reason
	if utf8.RuneCountInString(note) > 500 {
		note = string([]rune(note)[:500])
	}
	r := writeOffRow{StoreID: t.storeID, DepartmentCode: ref.DepartmentCode, ProductID: ref.ID, SKU: ref.SKU, Name: ref.Name,
		Unit: ref.Unit, LotID: lotID, Qty: qty, UnitCost: UnitCost(value, qty), Value: value, Reason: "recall", Note: note,
		Status: WriteOffPosted, BusinessDate: today, CreatedBy: p.ActorID(), CreatedByName: p.Username, RecallID: &recallID,
		Version: 1, CreatedAt: now, UpdatedAt: now}
	if err := tx.Create(&r).Error; err != nil {
		return writeOffRow{}, err
	}
	return r, s.post(ctx, tx, p, r)
}

// idsText is how a recall keeps the lots it named: a JSON array ("[]" for none).
func idsText(ids []int64) string {
	b, _ := json.Marshal(append([]int64{}, ids...)) // []int64 always marshals
	return string(b)
}

func idsOf(text string) []int64 {
	out := []int64{}
	_ = json.Unmarshal([]byte(text), &out) // only idsText writes the column
	return out
}

func toRecall(r recallRow) Recall {
	return Recall{ID: r.ID, ProductID: r.ProductID, SKU: r.SKU, Name: r.Name, Unit: r.Unit, Reason: r.Reason,
		LotIDs: idsOf(r.LotIDs), ReceivedFrom: r.ReceivedFrom, ReceivedTo: r.ReceivedTo, StoreCount: r.StoreCount,
		LotCount: r.LotCount, Qty: r.Qty, Value: r.Value, CreatedBy: r.CreatedBy, CreatedByName: r.CreatedByName,
		CreatedAt: r.CreatedAt, Stores: []RecallStore{}}
}
