package inventory

import (
	"context"
	"net/http"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/storeops/storeops/internal/platform/paging"

	"github.com/gin-gonic/gin"

	"github.com/storeops/storeops/internal/catalog"
	"github.com/storeops/storeops/internal/platform/apperr"
	"github.com/storeops/storeops/internal/platform/authz"
	"github.com/storeops/storeops/internal/platform/civil"
	"github.com/storeops/storeops/internal/platform/fixed"
	"github.com/storeops/storeops/internal/platform/httpx"
)

// Catalog is what the stock screens need from the product catalogue.
type Catalog interface {
	FindRefs(ctx context.Context, f catalog.Filter) ([]catalog.Ref, error)
	RefsByID(ctx context.Context, ids []int64) (map[int64]catalog.Ref, error)
	RefsBySKU(ctx context.Context, skus []string) (map[string]catalog.Ref, error)
}

// Stores tells a store's time zone, which decides what "today" is there.
type Stores interface {
	StoreLocation(ctx context.Context, storeID int64) (*time.Location, error)
}

// Handler serves the inventory and movement lists.
type Handler struct {
	svc     *Service
	catalog Catalog
	stores  Stores
	now     func() time.Time
}

// NewHandler returns the inventory handlers.
func NewHandler(svc *Service, cat Catalog, stores Stores, now func() time.Time) *Handler {
	return &Handler{svc: svc, catalog: cat, stores: stores, now: now}
}

// Register adds the routes: every role reads stock of the stores in its scope.
func (h *Handler) Register(r *httpx.Router) {
	r.GET("/stores/:store_id/inventory", httpx.AnyRole(), h.inventory)
	r.GET("/stores/:store_id/movements", httpx.AnyRole(), h.movements)
}

type lotJSON struct {
	ID           int64      `json:"id"`
	ReceivedDate civil.Date `json:"received_date"`
	ExpiryDate   civil.Date `json:"expiry_date"`
	QtyRemaining fixed.Qty  `json:"qty_remaining"`
	DaysToExpiry int        `json:"days_to_expiry"`
}

type itemJSON struct {
	ProductID      int64       `json:"product_id"`
	SKU            string      `json:"sku"`
	Name           string      `json:"name"`
	DepartmentCode string      `json:"department_code"`
	Category       string      `json:"category"`
	Unit           string      `json:"unit"`
	OnHand         fixed.Qty   `json:"on_hand"`
	StockValue     fixed.Money `json:"stock_value"`
	AvgDailySales  fixed.Qty   `json:"avg_daily_sales"`
	DaysOfCover    *string     `json:"days_of_cover"`
	ExpiringQty    fixed.Qty   `json:"expiring_qty"`
	NextExpiry     *civil.Date `json:"next_expiry"`
	Lots           []lotJSON   `json:"lots"`
	coverTenths    int64
}

var inventorySorts = []string{"sku", "name", "on_hand", "days_of_cover", "next_expiry"}

func (h *Handler) inventory(c *gin.Context) {
	ctx := c.Request.Context()
	storeID, _ := httpx.PathID(c, "store_id")
	pg, err := httpx.ParsePage(c, inventorySorts...)
	fe := apperr.FieldErrors{}
	if err != nil {
		fe = err.(apperr.FieldErrors)
	}
	within := 3
	if v := c.Query("expiring_within_days"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 0 || n > 365 {
			fe.Add("expiring_within_days", "must be a whole number from 0 to 365")
		}
		within = n
	}
	onlyExpiring := httpx.QueryBool(c, "only_expiring", fe)
	inStock := httpx.QueryBool(c, "in_stock", fe)
	if err := fe.Err(); err != nil {
		httpx.Fail(c, err)
		return
	}
	refs, err := h.scopedRefs(c, storeID, catalog.Filter{Q: c.Query("q"), DepartmentCode: c.Query("department_code"), Category: c.Query("category")})
	if err != nil {
		httpx.Fail(c, err)
		return
	}
	loc, err := h.stores.StoreLocation(ctx, storeID)
	if err != nil {
		httpx.Fail(c, err)
		return
	}
	today := civil.Today(h.now(), loc)
	ids := make([]int64, len(refs))
	for i, r := range refs {
		ids[i] = r.ID
	}
	stock, err := h.svc.StockOf(ctx, storeID, ids, today)
	if err != nil {
		httpx.Fail(c, err)
		return
	}
	items := make([]itemJSON, 0, len(refs))
	for _, ref := range refs {
		it := toItem(ref, stock[ref.ID], today, within)
		if (inStock != nil && *inStock && it.OnHand <= 0) || (onlyExpiring != nil && *onlyExpiring && it.ExpiringQty == 0) {
			continue
		}
		items = append(items, it)
	}
	sortItems(items, pg)
	total := int64(len(items))
	start := min(pg.Offset(), len(items))
	end := min(start+pg.PageSize, len(items))
	c.JSON(http.StatusOK, httpx.NewList(items[start:end], pg, total))
}

// scopedRefs lists the catalogue products a caller may see in the store: supervisors only
// those of their departments.
func (h *Handler) scopedRefs(c *gin.Context, storeID int64, f catalog.Filter) ([]catalog.Ref, error) {
	p := httpx.Principal(c)
	if f.DepartmentCode != "" && !p.CanSeeDepartment(storeID, f.DepartmentCode) {
		return nil, nil
	}
	refs, err := h.catalog.FindRefs(c.Request.Context(), f)
	if err != nil || p.Role != authz.RoleSupervisor {
		return refs, err
	}
	out := refs[:0]
	for _, r := range refs {
		if slices.Contains(p.DepartmentCodes, r.DepartmentCode) {
			out = append(out, r)
		}
	}
	return out, nil
}

func toItem(ref catalog.Ref, st *Stock, today civil.Date, within int) itemJSON {
	it := itemJSON{ProductID: ref.ID, SKU: ref.SKU, Name: ref.Name, DepartmentCode: ref.DepartmentCode,
		Category: ref.Category, Unit: ref.Unit, Lots: []lotJSON{}, coverTenths: -1}
	if st == nil {
		return it
	}
	it.OnHand = st.OnHand
	if v, ok := ref.CostPrice.MulQty(max(st.OnHand, 0)); ok {
		it.StockValue = v
	}
	it.AvgDailySales = fixed.Qty((int64(st.Sold28) + CoverWindow/2) / CoverWindow)
	if tenths, ok := DaysOfCover(st.OnHand, st.Sold28, CoverWindow); ok {
		s := strconv.FormatInt(tenths/10, 10) + "." + strconv.FormatInt(tenths%10, 10)
		it.DaysOfCover, it.coverTenths = &s, tenths
	}
	for _, l := range st.Lots {
		days := int(l.Expiry - today)
		it.Lots = append(it.Lots, lotJSON{ID: l.ID, ReceivedDate: l.Received, ExpiryDate: l.Expiry,
			QtyRemaining: l.Remaining, DaysToExpiry: days})
		if days <= within {
			it.ExpiringQty += l.Remaining
		}
		if it.NextExpiry == nil || l.Expiry < *it.NextExpiry {
			e := l.Expiry
			it.NextExpiry = &e
		}
	}
	return it
}

func sortItems(items []itemJSON, pg paging.Page) {
	less := func(a, b itemJSON) bool { return a.SKU < b.SKU }
	switch pg.Sort {
	case "name":
		less = func(a, b itemJSON) bool { return a.Name < b.Name }
	case "on_hand":
		less = func(a, b itemJSON) bool { return a.OnHand < b.OnHand }
	case "days_of_cover":
		// Products without sales (no cover) sort last.
		less = func(a, b itemJSON) bool { return uint64(a.coverTenths) < uint64(b.coverTenths) }
	case "next_expiry":
		less = func(a, b itemJSON) bool { return expiryKey(a) < expiryKey(b) }
	}
	sort.SliceStable(items, func(i, j int) bool {
		if pg.Desc {
			return less(items[j], items[i])
		}
		return less(items[i], items[j])
	})
}

func expiryKey(it itemJSON) int64 {
	if it.NextExpiry == nil {
		return 1 << 40
	}
	return int64(*it.NextExpiry)
}

type movementJSON struct {
	ID           int64      `json:"id"`
	SKU          string     `json:"sku"`
	Name         string     `json:"name"`
	BusinessDate civil.Date `json:"business_date"`
	Kind         string     `json:"kind"`
	Qty          fixed.Qty  `json:"qty"`
	RefType      string     `json:"ref_type"`
	RefID        string     `json:"ref_id"`
	ActorID      *int64     `json:"actor_id"`
	CreatedAt    time.Time  `json:"created_at"`
}

func (h *Handler) movements(c *gin.Context) {
	ctx := c.Request.Context()
	storeID, _ := httpx.PathID(c, "store_id")
	pg, err := httpx.ParsePage(c)
	fe := apperr.FieldErrors{}
	if err != nil {
		fe = err.(apperr.FieldErrors)
	}
	f := MovementFilter{Kind: c.Query("kind"), RefType: c.Query("ref_type"), RefID: c.Query("ref_id"),
		From: httpx.QueryDate(c, "from", fe), To: httpx.QueryDate(c, "to", fe)}
	if f.Kind != "" && !slices.Contains(Kinds, f.Kind) {
		fe.Add("kind", "must be one of: "+strings.Join(Kinds, ", "))
	}
	if err := fe.Err(); err != nil {
		httpx.Fail(c, err)
		return
	}
	p := httpx.Principal(c)
	if sku := c.Query("sku"); sku != "" {
		refs, err := h.catalog.RefsBySKU(ctx, []string{sku})
		if err != nil {
			httpx.Fail(c, err)
			return
		}
		ref, ok := refs[sku]
		if !ok || !p.CanSeeDepartment(storeID, ref.DepartmentCode) {
			c.JSON(http.StatusOK, httpx.NewList([]movementJSON{}, pg, 0))
			return
		}
		f.ProductID = &ref.ID
	} else if p.Role == authz.RoleSupervisor {
		refs, err := h.scopedRefs(c, storeID, catalog.Filter{})
		if err != nil {
			httpx.Fail(c, err)
			return
		}
		f.ProductIDs = make([]int64, len(refs))
		for i, r := range refs {
			f.ProductIDs[i] = r.ID
		}
		if len(refs) == 0 {
			c.JSON(http.StatusOK, httpx.NewList([]movementJSON{}, pg, 0))
			return
		}
	}
	moves, total, err := h.svc.Movements(ctx, storeID, f, pg.Offset(), pg.PageSize)
	if err != nil {
		httpx.Fail(c, err)
		return
	}
	ids := make([]int64, len(moves))
	for i, m := range moves {
		ids[i] = m.ProductID
	}
	refs, err := h.catalog.RefsByID(ctx, ids)
	if err != nil {
		httpx.Fail(c, err)
		return
	}
	out := make([]movementJSON, len(moves))
	for i, m := range moves {
		out[i] = movementJSON{ID: m.ID, SKU: refs[m.ProductID].SKU, Name: refs[m.ProductID].Name, BusinessDate: m.Date,
			Kind: m.Kind, Qty: m.Qty, RefType: m.RefType, RefID: m.RefID, ActorID: m.ActorID, CreatedAt: m.CreatedAt}
	}
	c.JSON(http.StatusOK, httpx.NewList(out, pg, total))
}
