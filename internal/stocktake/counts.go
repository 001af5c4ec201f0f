package stocktake

import (
	"context"
	"fmt"
	"io"
	"slices"
	"strconv"
	"unicode/utf8"

	"gorm.io/gorm"

	"github.com/storeops/storeops/internal/platform/apperr"
	"github.com/storeops/storeops/internal/platform/audit"
	"github.com/storeops/storeops/internal/platform/authz"
	"github.com/storeops/storeops/internal/platform/database"
	"github.com/storeops/storeops/internal/platform/fixed"
	"github.com/storeops/storeops/internal/platform/idempotency"
	"github.com/storeops/storeops/internal/platform/upload"
)

// SheetLine is one counted SKU; Field names it for errors ("lines[3]" or "line 4").
type SheetLine struct {
	SKU   string
	Qty   fixed.Qty
	Field string
}

// Sheet is one counter's count of one zone.
type Sheet struct {
	Zone    string
	Recount bool
	Lines   []SheetLine
	Source  string // json or csv
}

// SheetUpload is a count sheet as the request sent it: JSON {"zone", "recount", "lines":
// [{"sku", "qty"}]}, or a CSV file of sku,qty whose zone and recount come with the request
// (?zone=&recount=).
type SheetUpload struct {
	Body io.Reader
	upload.Request
	Zone    string // CSV only
	Recount bool   // CSV only
	// Scope and Query identify the request for Idempotency-Key replays.
	Scope, Query string
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

var sheetSpec = upload.Spec{Array: "lines", Required: []string{"sku", "qty"}, Top: []string{"zone", "recount"},
	Numbers: []string{"qty"}, Bools: []string{"recount"}, MaxLines: MaxSheetLines}

// readSheet reads a sheet's lines, naming every bad one.
func readSheet(in SheetUpload) (Sheet, string, error) {
	sh := Sheet{Zone: in.Zone, Recount: in.Recount, Source: in.Format}
	pr := upload.NewProblems()
	res, err := upload.Read(in.Body, in.Format, in.Charset, sheetSpec, pr, func(l *upload.Line) {
		sku, _ := l.Get("sku")
		v, _ := l.Get("qty")
		switch q, err := fixed.ParseQty(v); {
		case sku == "":
			pr.Add(l.Field("sku"), "is required")
		case v == "":
			pr.Add(l.Field("qty"), "is required")
		case err != nil:
			pr.Add(l.Field("qty"), fixed.Message(err, 3))
		default:
			sh.Lines = append(sh.Lines, SheetLine{SKU: sku, Qty: q, Field: l.Name()})
		}
	})
	if err != nil {
		return sh, "", err
	}
	if in.Format == upload.JSON {
		sh.Zone = res.Top["zone"]
		if v := res.Top["recount"]; v != "" {
			b, err := strconv.ParseBool(v)
			if err != nil {
				pr.Add("recount", "must be true or false")
			}
			sh.Recount = b
		}
	}
	switch {
	case sh.Zone == "" && in.Format == upload.CSV:
		pr.Add("zone", "is required: pass ?zone= with a CSV sheet")
	case sh.Zone == "":
		pr.Add("zone", "is required")
	case utf8.RuneCountInString(sh.Zone) > 32:
		pr.Add("zone", "must be at most 32 characters")
	}
	if res.Lines == 0 {
		pr.Add("lines", "the sheet has no lines")
	}
	return sh, res.Hash, pr.Err()
}

// SubmitCounts stores a count sheet. The same counter sending the same zone again replaces
// their sheet (quantities are set, never added); the same Idempotency-Key with the same body
// replays the first answer. Quantities of a SKU counted in several zones add up.
func (s *Service) SubmitCounts(ctx context.Context, p *authz.Principal, id int64, in SheetUpload) (SheetResult, error) {
	sh, hash, err := readSheet(in)
	if err != nil {
		return SheetResult{}, err
	}
	key := idempotency.Key{Scope: in.Scope, Value: in.IdempotencyKey, Hash: idempotency.RequestHash(in.Query, hash)}
	kind := KindCount
	if sh.Recount {
		kind = KindRecount
	}
	var res SheetResult
	err = database.Tx(ctx, s.db, func(tx *gorm.DB) error {
		res = SheetResult{StocktakeID: id, Zone: sh.Zone, Kind: kind}
		r, err := s.load(ctx, tx, p, id, true)
		if err != nil {
			return err
		}
		if replayed, err := s.keys.Claim(ctx, tx, key, &res); err != nil || replayed {
			res.Replayed = replayed
			return err
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
		if err := s.saveSheet(ctx, tx, p, r, sh, kind, qty, &res); err != nil {
			return err
		}
		return s.keys.Save(ctx, tx, key, res)
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
		if !fixed.StocktakeCountLinesQty.FieldQty(fe, l.Field+".qty", l.Qty) {
			continue
		}
		if !ok {
			fe.Add(l.Field+".sku", "SKU "+l.SKU+" is not in this stocktake's scope")
		}
		qty[it.ProductID] += l.Qty
		if err := fixed.StocktakeCountLinesQty.CheckQty(qty[it.ProductID]); err != nil {
			fe.Add(l.Field+".qty", "with the earlier lines of SKU "+l.SKU+" on this sheet the quantity "+err.Error())
		}
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
	var prev []sheetRow
	err := tx.Where("stocktake_id = ? AND zone_name = ? AND counter_id = ? AND kind = ?", r.ID, sh.Zone, p.UserID, kind).Find(&prev).Error
	if err != nil {
		return err
	}
	row := sheetRow{StocktakeID: r.ID, ZoneName: sh.Zone, CounterID: p.UserID, Kind: kind,
		LineCount: len(qty), Source: sh.Source, CreatedAt: now, UpdatedAt: now}
	var before any
	if len(prev) > 0 {
		row.ID, row.CreatedAt, res.Replaced = prev[0].ID, prev[0].CreatedAt, true
		before = map[string]any{"sheet_id": row.ID, "zone": sh.Zone, "kind": kind, "lines": prev[0].LineCount}
		if err := tx.Where("sheet_id = ?", row.ID).Delete(&countLineRow{}).Error; err != nil {
			return err
		}
		if err := tx.Save(&row).Error; err != nil {
			return err
		}
	} else if err := tx.Create(&row).Error; err != nil {
		return err
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
