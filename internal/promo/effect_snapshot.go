package promo

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"slices"
	"strconv"
	"time"

	"gorm.io/gorm"

	"github.com/storeops/storeops/internal/platform/civil"
	"github.com/storeops/storeops/internal/platform/database"
	"github.com/storeops/storeops/internal/platform/fixed"
)

// effectStoreRow says what one store's kept sums of a campaign were measured from.
type effectStoreRow struct {
	CampaignID    int64 `gorm:"primaryKey;autoIncrement:false"`
	StoreID       int64 `gorm:"primaryKey;autoIncrement:false"`
	BaselineFrom  civil.Date
	MeasuredTo    civil.Date
	ItemsKey      string
	SalesRevision int64
	StockSeq      int64
	ComputedAt    time.Time
}

func (effectStoreRow) TableName() string { return "campaign_effect_stores" }

// effectLineRow is one item's kept sums in one store.
type effectLineRow struct {
	CampaignID     int64 `gorm:"primaryKey;autoIncrement:false"`
	StoreID        int64 `gorm:"primaryKey;autoIncrement:false"`
	ProductID      int64 `gorm:"primaryKey;autoIncrement:false"`
	BaseQty        fixed.Qty
	PromoQty       fixed.Qty
	BaseNet        fixed.Money
	PromoNet       fixed.Money
	BaseMargin     fixed.Money
	PromoMargin    fixed.Money
	DaysOutOfStock int
}

func (effectLineRow) TableName() string { return "campaign_effect_lines" }

// EffectModels lists the tables of kept effect sums for the schema test.
func EffectModels() []any { return []any{&effectStoreRow{}, &effectLineRow{}} }

var effectLineBulk = database.Bulk{Table: "campaign_effect_lines",
	Columns: []string{"campaign_id", "store_id", "product_id", "base_qty", "promo_qty", "base_net", "promo_net",
		"base_margin", "promo_margin", "days_out_of_stock"},
	Upsert: []string{"campaign_id", "store_id", "product_id"},
	Update: []string{"base_qty", "promo_qty", "base_net", "promo_net", "base_margin", "promo_margin", "days_out_of_stock"}}

var effectStoreBulk = database.Bulk{Table: "campaign_effect_stores",
	Columns: []string{"campaign_id", "store_id", "baseline_from", "measured_to", "items_key", "sales_revision", "stock_seq", "computed_at"},
	Upsert:  []string{"campaign_id", "store_id"},
	Update:  []string{"baseline_from", "measured_to", "items_key", "sales_revision", "stock_seq", "computed_at"}}

// itemsKey names a set of products: the SHA-256 of their sorted ids.
func itemsKey(productIDs []int64) string {
	ids := slices.Sorted(slices.Values(productIDs))
	h := sha256.New()
	for _, id := range ids {
		h.Write(strconv.AppendInt(nil, id, 10))
		h.Write([]byte{','})
	}
	return hex.EncodeToString(h.Sum(nil))
}

// stamp is what a store's sums are measured from right now.
type stamp struct {
	salesRevision, stockSeq int64
}

// measured reads every store's sums of a campaign's items over the window: kept sums where
// they are still good, the rest measured again (lineSums) and kept. The stamps are read
// before anything is measured, so a change that lands while measuring makes the kept sums
// look old next time rather than good.
func (s *Service) measured(ctx context.Context, campaignID int64, w EffectWindow, storeIDs, productIDs []int64) (map[lineKey]Sums, error) {
	if w.Days == 0 || len(storeIDs) == 0 || len(productIDs) == 0 {
		return map[lineKey]Sums{}, nil
	}
	revisions, err := s.Sales.SalesRevisions(ctx, storeIDs, w.BaselineFrom, w.MeasuredTo)
	if err != nil {
		return nil, err
	}
	seqs, err := s.Stock.Seqs(ctx, storeIDs)
	if err != nil {
		return nil, err
	}
	now := map[int64]stamp{}
	for _, st := range storeIDs {
		now[st] = stamp{salesRevision: revisions[st], stockSeq: seqs[st]}
	}
	var kept []effectStoreRow
	for part := range slices.Chunk(storeIDs, 500) {
		var rows []effectStoreRow
		if err := s.db.WithContext(ctx).Where("campaign_id = ? AND store_id IN ?", campaignID, part).Find(&rows).Error; err != nil {
			return nil, err
		}
		kept = append(kept, rows...)
	}
	key := itemsKey(productIDs)
	good := map[int64]bool{}
	var restamp []effectStoreRow
	for _, k := range kept {
		st := now[k.StoreID]
		if k.BaselineFrom != w.BaselineFrom || k.MeasuredTo != w.MeasuredTo || k.ItemsKey != key || k.SalesRevision != st.salesRevision {
			continue
		}
		if k.StockSeq != st.stockSeq {
			moved, err := s.Stock.MovedThrough(ctx, k.StoreID, productIDs, k.StockSeq, w.MeasuredTo)
			if err != nil {
				return nil, err
			}
			if moved {
				continue
			}
			k.StockSeq = st.stockSeq // later movements are all after the window: no need to look at them again
			restamp = append(restamp, k)
		}
		good[k.StoreID] = true
	}
	out, err := s.keptSums(ctx, campaignID, good, productIDs)
	if err != nil {
		return nil, err
	}
	var stale []int64
	for _, st := range storeIDs {
		if !good[st] {
			stale = append(stale, st)
		}
	}
	fresh, err := s.lineSums(ctx, w, stale, productIDs)
	if err != nil {
		return nil, err
	}
	for k, v := range fresh {
		out[k] = v
	}
	var rows []effectStoreRow
	at := s.now()
	for _, st := range stale {
		rows = append(rows, effectStoreRow{CampaignID: campaignID, StoreID: st, BaselineFrom: w.BaselineFrom, MeasuredTo: w.MeasuredTo,
			ItemsKey: key, SalesRevision: now[st].salesRevision, StockSeq: now[st].stockSeq, ComputedAt: at})
	}
	if err := s.keep(ctx, campaignID, append(rows, restamp...), stale, productIDs, fresh); err != nil {
		return nil, err
	}
	return out, nil
}

// keptSums reads the kept sums of the stores named good, of the products asked.
func (s *Service) keptSums(ctx context.Context, campaignID int64, good map[int64]bool, productIDs []int64) (map[lineKey]Sums, error) {
	out := map[lineKey]Sums{}
	if len(good) == 0 {
		return out, nil
	}
	ids := make([]int64, 0, len(good))
	for st := range good {
		ids = append(ids, st)
	}
	wanted := map[int64]bool{}
	for _, id := range productIDs {
		wanted[id] = true
	}
	for part := range slices.Chunk(ids, 500) {
		var rows []effectLineRow
		if err := s.db.WithContext(ctx).Where("campaign_id = ? AND store_id IN ?", campaignID, part).Find(&rows).Error; err != nil {
			return nil, err
		}
		for _, r := range rows {
			if wanted[r.ProductID] { // a line of an item since taken off the campaign stays behind unread
				out[lineKey{r.StoreID, r.ProductID}] = Sums{BaseQty: r.BaseQty, PromoQty: r.PromoQty, BaseNet: r.BaseNet,
					PromoNet: r.PromoNet, BaseMargin: r.BaseMargin, PromoMargin: r.PromoMargin, DaysOutOfStock: r.DaysOutOfStock}
			}
		}
	}
	return out, nil
}

// keep writes the sums measured of the stale stores (every item, zeros included, so a kept
// store reads whole) and the stamps of rows, in one transaction.
func (s *Service) keep(ctx context.Context, campaignID int64, rows []effectStoreRow, stale, productIDs []int64, sums map[lineKey]Sums) error {
	if len(rows) == 0 {
		return nil
	}
	lines := make([]effectLineRow, 0, len(stale)*len(productIDs))
	for _, st := range stale {
		for _, p := range productIDs {
			v := sums[lineKey{st, p}]
			lines = append(lines, effectLineRow{CampaignID: campaignID, StoreID: st, ProductID: p, BaseQty: v.BaseQty,
				PromoQty: v.PromoQty, BaseNet: v.BaseNet, PromoNet: v.PromoNet, BaseMargin: v.BaseMargin,
				PromoMargin: v.PromoMargin, DaysOutOfStock: v.DaysOutOfStock})
		}
	}
	return database.Tx(ctx, s.db, func(tx *gorm.DB) error {
		err := effectLineBulk.Insert(ctx, tx, len(lines), func(i int, a []any) []any {
			l := lines[i]
			return append(a, l.CampaignID, l.StoreID, l.ProductID, l.BaseQty, l.PromoQty, l.BaseNet, l.PromoNet,
				l.BaseMargin, l.PromoMargin, l.DaysOutOfStock)
		})
		if err != nil {
			return err
		}
		return effectStoreBulk.Insert(ctx, tx, len(rows), func(i int, a []any) []any {
			r := rows[i]
			return append(a, r.CampaignID, r.StoreID, r.BaselineFrom, r.MeasuredTo, r.ItemsKey, r.SalesRevision, r.StockSeq, r.ComputedAt)
		})
	})
}
