package stocktake

import (
	"context"
	"fmt"
	"slices"

	"gorm.io/gorm"

	"github.com/storeops/storeops/internal/platform/apperr"
	"github.com/storeops/storeops/internal/platform/audit"
	"github.com/storeops/storeops/internal/platform/authz"
	"github.com/storeops/storeops/internal/platform/database"
	"github.com/storeops/storeops/internal/platform/fixed"
)

// SheetLine is one counted SKU; Field names it for errors ("lines[3]" or "line 4").
type SheetLine struct {
	SKU   string
	Qty   fixed.Qty
	Field string
}

// Sheet is one counter's count of one zone.
type Sheet struct {
	Zone           string
	Recount        bool
	Lines          []SheetLine
	Source         string // json or csv
	IdempotencyKey string
	Hash           string // of the request body, to tell a resend from a reused key
}

// SheetResult answers a count sheet.
type SheetResult struct {
	SheetID     int64
	StocktakeID int64
	Zone        string
	Kind        string
	Lines       int
	Replaced    bool
	Replayed    bool
}

// SubmitCounts stores a count sheet. The same counter sending the same zone again replaces
// their sheet (quantities are set, never added); the same Idempotency-Key with the same body
// replays the first answer. Quantities of a SKU counted in several zones add up.
func (s *Service) SubmitCounts(ctx context.Context, p *authz.Principal, id int64, sh Sheet) (SheetResult, error) {
	kind := KindCount
	if sh.Recount {
		kind = KindRecount
	}
	res := SheetResult{StocktakeID: id, Zone: sh.Zone, Kind: kind}
	err := database.Tx(ctx, s.db, func(tx *gorm.DB) error {
		r, err := s.load(ctx, tx, p, id, true)
		if err != nil {
			return err
		}
		if sh.IdempotencyKey != "" {
			var prev []sheetRow
			if err := tx.Where("stocktake_id = ? AND idempotency_key = ?", id, sh.IdempotencyKey).Find(&prev).Error; err != nil {
				return err
			}
			if len(prev) > 0 {
				if prev[0].RequestHash != sh.Hash {
					return apperr.New(apperr.ErrConflict, "idempotency_key_reused",
						"this Idempotency-Key was used for a different sheet: use a new key")
				}
				res.SheetID, res.Zone, res.Kind, res.Lines, res.Replayed = prev[0].ID, prev[0].ZoneName, prev[0].Kind, prev[0].LineCount, true
				return nil
			}
		}
		switch {
		case kind == KindCount && r.Status != StatusCounting:
			return wrongState(StatusCounting, r.Status)
		case kind == KindRecount && r.Status != StatusCounting && r.Status != StatusSubmitted:
			return wrongState(StatusCounting, r.Status)
		}
		if !slices.Contains(toStocktake(r).Zones, sh.Zone) {
			return apperr.Field("zone", "must be one of this stocktake's zones")
		}
		qty, err := s.resolveSheet(ctx, tx, r, sh)
		if err != nil {
			return err
		}
		if kind == KindRecount {
			if err := checkRecount(ctx, tx, p, r, qty); err != nil {
				return err
			}
		}
		return s.saveSheet(ctx, tx, p, r, sh, kind, qty, &res)
	})
	return res, err
}

// resolveSheet checks every line and sums a SKU listed twice on one sheet.
func (s *Service) resolveSheet(ctx context.Context, tx *gorm.DB, r stocktakeRow, sh Sheet) (map[int64]fixed.Qty, error) {
	skus := make([]string, len(sh.Lines))
	for i, l := range sh.Lines {
		skus[i] = l.SKU
	}
	items, err := itemsBySKU(ctx, tx, r.ID, skus)
	if err != nil {
		return nil, err
	}
	fe := apperr.FieldErrors{}
	qty := make(map[int64]fixed.Qty, len(sh.Lines))
	for _, l := range sh.Lines {
		it, ok := items[l.SKU]
		if l.Qty < 0 {
			fe.Add(l.Field+".qty", "must be at least 0")
		}
		if !ok {
			fe.Add(l.Field+".sku", "SKU "+l.SKU+" is not in this stocktake's scope")
		}
		qty[it.ProductID] += l.Qty
	}
	return qty, fe.Err()
}

// checkRecount: a recount covers lines that need one, and comes from someone who did not
// count them first (and, when a counter was assigned, from that counter).
func checkRecount(ctx context.Context, tx *gorm.DB, p *authz.Principal, r stocktakeRow, qty map[int64]fixed.Qty) error {
	ids := make([]int64, 0, len(qty))
	for id := range qty {
		ids = append(ids, id)
	}
	var items []itemRow
	if err := tx.WithContext(ctx).Where("stocktake_id = ? AND product_id IN ?", r.ID, ids).Find(&items).Error; err != nil {
		return err
	}
	counts, err := countSums(ctx, tx, r.ID, ids)
	if err != nil {
		return err
	}
	t := toleranceOf(r)
	for _, it := range items {
		c := counts[it.ProductID]
		first := it
		first.RecountRequested = false
		l := lineOf(first, &sums{count: sumOr(c), counted: c != nil && c.counted}, t)
		switch {
		case !l.OverTolerance && !it.RecountRequested:
			return apperr.New(apperr.ErrRule, "recount_not_needed", "SKU "+it.SKU+" does not need a recount")
		case c != nil && slices.Contains(c.counters, p.UserID):
			return apperr.New(apperr.ErrRule, "same_counter", "SKU "+it.SKU+" must be recounted by someone other than its first counter")
		case it.RecountAssignee != nil && *it.RecountAssignee != p.UserID:
			return apperr.New(apperr.ErrRule, "not_assignee", "the recount of SKU "+it.SKU+" is assigned to another counter")
		}
	}
	return nil
}

func sumOr(c *sums) fixed.Qty {
	if c == nil {
		return 0
	}
	return c.count
}

func (s *Service) saveSheet(ctx context.Context, tx *gorm.DB, p *authz.Principal, r stocktakeRow, sh Sheet, kind string,
	qty map[int64]fixed.Qty, res *SheetResult) error {
	now := s.now()
	var key *string
	if sh.IdempotencyKey != "" {
		key = &sh.IdempotencyKey
	}
	var prev []sheetRow
	err := tx.Where("stocktake_id = ? AND zone_name = ? AND counter_id = ? AND kind = ?", r.ID, sh.Zone, p.UserID, kind).Find(&prev).Error
	if err != nil {
		return err
	}
	row := sheetRow{StocktakeID: r.ID, ZoneName: sh.Zone, CounterID: p.UserID, Kind: kind, IdempotencyKey: key,
		RequestHash: sh.Hash, LineCount: len(qty), Source: sh.Source, CreatedAt: now, UpdatedAt: now}
	var before any
	if len(prev) > 0 {
		row.ID, row.CreatedAt, res.Replaced = prev[0].ID, prev[0].CreatedAt, true
		before = map[string]any{"sheet_id": row.ID, "zone": sh.Zone, "kind": kind, "lines": prev[0].LineCount}
		if err := tx.Where("sheet_id = ?", row.ID).Delete(&countLineRow{}).Error; err != nil {
			return err
		}
		if err := tx.Save(&row).Error; err != nil {
			return database.Translate(err, "a sheet with this Idempotency-Key")
		}
	} else if err := tx.Create(&row).Error; err != nil {
		return database.Translate(err, "a sheet with this Idempotency-Key")
	}
	ids := make([]int64, 0, len(qty))
	for id := range qty {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	err = countLineBulk.Insert(ctx, tx, len(ids), func(i int, a []any) []any {
		return append(a, row.ID, ids[i], r.ID, kind, p.UserID, qty[ids[i]])
	})
	if err != nil {
		return err
	}
	res.SheetID, res.Lines = row.ID, len(qty)
	return s.audit.Write(ctx, tx, p, audit.Entry{Action: "stocktake." + kind, EntityType: "stocktake",
		EntityID: audit.ID(r.ID), StoreID: &r.StoreID, Before: before,
		After: map[string]any{"sheet_id": row.ID, "zone": sh.Zone, "kind": kind, "lines": len(qty), "source": sh.Source}})
}

// AssignRecounts asks for a recount of skus, optionally by a named counter who must not be
// one of their first counters.
func (s *Service) AssignRecounts(ctx context.Context, p *authz.Principal, id int64, skus []string, counter *int64) (Stocktake, error) {
	return s.change(ctx, p, id, false, "stocktake.recounts", func(tx *gorm.DB, r stocktakeRow) error {
		if r.Status != StatusCounting && r.Status != StatusSubmitted {
			return wrongState(StatusCounting, r.Status)
		}
		items, err := itemsBySKU(ctx, tx, r.ID, skus)
		if err != nil {
			return err
		}
		fe := apperr.FieldErrors{}
		ids := make([]int64, 0, len(skus))
		for i, sku := range skus {
			if it, ok := items[sku]; ok {
				ids = append(ids, it.ProductID)
			} else {
				fe.Add(fmt.Sprintf("skus[%d]", i), "SKU "+sku+" is not in this stocktake's scope")
			}
		}
		if err := fe.Err(); err != nil {
			return err
		}
		counts, err := countSums(ctx, tx, r.ID, ids)
		if err != nil {
			return err
		}
		for _, sku := range skus {
			c := counts[items[sku].ProductID]
			switch {
			case c != nil && c.recounted:
				return apperr.New(apperr.ErrRule, "already_recounted", "SKU "+sku+" has been recounted already")
			case counter != nil && c != nil && slices.Contains(c.counters, *counter):
				return apperr.New(apperr.ErrRule, "same_counter", "SKU "+sku+" must be recounted by someone other than its first counter")
			}
		}
		return tx.Model(&itemRow{}).Where("stocktake_id = ? AND product_id IN ?", r.ID, ids).
			Updates(map[string]any{"recount_requested": true, "recount_assignee": counter}).Error
	})
}

// ConfirmZero records that uncounted SKUs (all of them when skus is empty) hold nothing.
func (s *Service) ConfirmZero(ctx context.Context, p *authz.Principal, id int64, skus []string) (Stocktake, error) {
	return s.change(ctx, p, id, false, "stocktake.confirm_zero", func(tx *gorm.DB, r stocktakeRow) error {
		if r.Status != StatusCounting {
			return wrongState(StatusCounting, r.Status)
		}
		ls, err := lines(ctx, tx, r)
		if err != nil {
			return err
		}
		want := map[string]int{}
		for i, sku := range skus {
			want[sku] = i
		}
		var ids []int64
		for _, l := range ls {
			if _, named := want[l.SKU]; len(skus) > 0 && !named {
				continue
			}
			delete(want, l.SKU)
			if !l.HasCount {
				ids = append(ids, l.ProductID)
			}
		}
		fe := apperr.FieldErrors{}
		for sku, i := range want {
			fe.Add(fmt.Sprintf("skus[%d]", i), "SKU "+sku+" is not in this stocktake's scope")
		}
		if err := fe.Err(); err != nil {
			return err
		}
		for start := 0; start < len(ids); start += 1000 {
			err := tx.Model(&itemRow{}).Where("stocktake_id = ? AND product_id IN ?", r.ID, ids[start:min(start+1000, len(ids))]).
				Update("zero_confirmed", true).Error
			if err != nil {
				return err
			}
		}
		return nil
	})
}
