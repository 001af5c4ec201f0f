package feeds

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"time"

	"gorm.io/gorm"

	"github.com/storeops/storeops/internal/catalog"
	"github.com/storeops/storeops/internal/inventory"
	"github.com/storeops/storeops/internal/platform/apperr"
	"github.com/storeops/storeops/internal/platform/audit"
	"github.com/storeops/storeops/internal/platform/authz"
	"github.com/storeops/storeops/internal/platform/civil"
	"github.com/storeops/storeops/internal/platform/database"
)

// Catalog gives the whole catalogue keyed by SKU: ingest looks every line up in memory.
type Catalog interface {
	AllRefs(ctx context.Context) (map[string]catalog.Ref, error)
}

// Stores tells a store's time zone and departments.
type Stores interface {
	StoreLocation(ctx context.Context, storeID int64) (*time.Location, error)
	StoreDepartments(ctx context.Context, p *authz.Principal, storeID int64) ([]string, error)
}

// Service ingests feeds.
type Service struct {
	db        *gorm.DB
	catalog   Catalog
	stores    Stores
	inventory *inventory.Service
	audit     *audit.Log
	now       func() time.Time
}

// NewService wires the feeds module.
func NewService(db *gorm.DB, cat Catalog, stores Stores, inv *inventory.Service, log *audit.Log, now func() time.Time) *Service {
	return &Service{db: db, catalog: cat, stores: stores, inventory: inv, audit: log, now: now}
}

// Request is one upload.
type Request struct {
	StoreID        int64
	Kind           string
	CSV            bool
	Body           io.Reader
	IdempotencyKey string
}

// Result is the answer to an upload, replayed as is for a repeated Idempotency-Key.
type Result struct {
	ImportID  int64  `json:"import_id"`
	Kind      string `json:"kind"`
	Source    string `json:"source"`
	Lines     int    `json:"lines"`
	Created   int    `json:"created"`
	Updated   int    `json:"updated"`
	Unchanged int    `json:"unchanged"`
	Replayed  bool   `json:"replayed"`
}

// parsed holds one request's validated lines, whichever kind.
type parsed struct {
	sales    []saleLine
	receipts []receiptLine
	labour   []labourLine
	expenses []expenseLine
	n        int
}

// Ingest validates the whole upload, then applies it in one transaction: nothing is written
// when any line is bad.
func (s *Service) Ingest(ctx context.Context, p *authz.Principal, req Request) (Result, error) {
	if err := authz.Require(p); err != nil {
		return Result{}, err
	}
	hash := sha256.New()
	body := io.TeeReader(req.Body, hash)
	lines, err := s.parse(ctx, p, req, body)
	if err != nil {
		return Result{}, err
	}
	if _, err := io.Copy(hash, req.Body); err != nil {
		return Result{}, bodyError(err)
	}
	sum := hex.EncodeToString(hash.Sum(nil))
	res := Result{Kind: req.Kind, Source: "json", Lines: lines.n}
	if req.CSV {
		res.Source = "csv"
	}
	base := res
	err = database.Tx(ctx, s.db, func(tx *gorm.DB) error {
		res = base // the counters start again when a lost race runs the transaction again
		if err := inventory.LockStore(ctx, tx, req.StoreID); err != nil {
			return err
		}
		if req.IdempotencyKey != "" {
			var prev importRow
			err := tx.Where("kind = ? AND store_id = ? AND idempotency_key = ?", req.Kind, req.StoreID, req.IdempotencyKey).
				Limit(1).Find(&prev).Error
			if err != nil {
				return err
			}
			if prev.ID != 0 {
				return replay(prev, sum, &res)
			}
		}
		return s.apply(ctx, tx, p, req, lines, sum, &res)
	})
	return res, err
}

func replay(prev importRow, sum string, res *Result) error {
	if prev.RequestHash != sum {
		return apperr.New(apperr.ErrConflict, "idempotency_key_reused",
			"this Idempotency-Key was used for a different upload: use a new key")
	}
	if err := json.Unmarshal([]byte(prev.ResponseJSON), res); err != nil {
		return err
	}
	res.Replayed = true
	return nil
}

func (s *Service) parse(ctx context.Context, p *authz.Principal, req Request, body io.Reader) (*parsed, error) {
	loc, err := s.stores.StoreLocation(ctx, req.StoreID)
	if err != nil {
		return nil, err
	}
	depts, err := s.stores.StoreDepartments(ctx, p, req.StoreID)
	if err != nil {
		return nil, err
	}
	all, err := s.catalog.AllRefs(ctx)
	if err != nil {
		return nil, err
	}
	products := make(map[string]*catalog.Ref, len(all))
	for sku, ref := range all {
		products[sku] = &ref
	}
	pr := newProblems()
	rl := &rules{products: products, today: civil.Today(s.now(), loc), departments: depts, pr: pr,
		canSee: func(d string) bool { return p.CanSeeDepartment(req.StoreID, d) }}
	out := &parsed{}
	var visit visitor
	switch req.Kind {
	case KindSales:
		seen := duplicates[[2]int64]{}
		visit = func(r *rawLine, a at) { rl.sale(r, a, seen, &out.sales) }
	case KindReceipts:
		visit = func(r *rawLine, a at) { rl.receipt(r, a, &out.receipts) }
	case KindLabour:
		seen := duplicates[string]{}
		visit = func(r *rawLine, a at) { rl.labour(r, a, seen, &out.labour) }
	case KindExpenses:
		seen := duplicates[string]{}
		visit = func(r *rawLine, a at) { rl.expense(r, a, seen, &out.expenses) }
	default:
		return nil, fmt.Errorf("feeds: unknown kind %q", req.Kind)
	}
	read := readJSON
	if req.CSV {
		read = readCSV
	}
	out.n, err = read(body, req.Kind, pr, visit)
	if err != nil {
		return nil, err
	}
	if err := pr.err(); err != nil {
		return nil, err
	}
	if out.n == 0 {
		return nil, apperr.Field("lines", "must have at least one line")
	}
	return out, nil
}

func (s *Service) apply(ctx context.Context, tx *gorm.DB, p *authz.Principal, req Request, lines *parsed, sum string, res *Result) error {
	row := importRow{StoreID: req.StoreID, Kind: req.Kind, Source: res.Source, RequestHash: sum,
		Lines: lines.n, ActorID: p.ActorID(), ActorUsername: p.Username, CreatedAt: s.now()}
	if req.IdempotencyKey != "" {
		row.IdempotencyKey = &req.IdempotencyKey
	}
	if err := tx.Create(&row).Error; err != nil {
		return database.Translate(err, "import")
	}
	res.ImportID = row.ID
	var err error
	switch req.Kind {
	case KindSales:
		err = s.applySales(ctx, tx, p, req.StoreID, row.ID, lines.sales, res)
	case KindReceipts:
		err = s.applyReceipts(ctx, tx, p, req.StoreID, row.ID, lines.receipts, res)
	case KindLabour:
		err = s.applyLabour(ctx, tx, req.StoreID, row.ID, lines.labour, res)
	case KindExpenses:
		err = s.applyExpenses(ctx, tx, req.StoreID, row.ID, lines.expenses, res)
	}
	if err != nil {
		return err
	}
	b, err := json.Marshal(res)
	if err != nil {
		return err
	}
	err = tx.Model(&importRow{}).Where("id = ?", row.ID).Updates(map[string]any{"created": res.Created,
		"updated": res.Updated, "unchanged": res.Unchanged, "response_json": string(b)}).Error
	if err != nil {
		return err
	}
	storeID := req.StoreID
	return s.audit.Write(ctx, tx, p, audit.Entry{Action: "feed." + req.Kind, EntityType: "feed_import",
		EntityID: audit.ID(row.ID), StoreID: &storeID, After: res})
}

// Import is one accepted upload in a store's history.
type Import struct {
	ID             int64
	Kind           string
	Source         string
	Lines          int
	Created        int
	Updated        int
	Unchanged      int
	ActorUsername  string
	CreatedAt      time.Time
	IdempotencyKey *string
}

// History lists a store's accepted uploads, newest first; kind "" means every kind.
func (s *Service) History(ctx context.Context, storeID int64, kind string, offset, limit int) ([]Import, int64, error) {
	q := s.db.WithContext(ctx).Model(&importRow{}).Where("store_id = ?", storeID)
	if kind != "" {
		q = q.Where("kind = ?", kind)
	}
	var total int64
	if err := q.Count(&total).Error; err != nil {
		return nil, 0, err
	}
	var rows []importRow
	if err := q.Order("id DESC").Offset(offset).Limit(limit).Find(&rows).Error; err != nil {
		return nil, 0, err
	}
	out := make([]Import, len(rows))
	for i, r := range rows {
		out[i] = Import{ID: r.ID, Kind: r.Kind, Source: r.Source, Lines: r.Lines, Created: r.Created, Updated: r.Updated,
			Unchanged: r.Unchanged, ActorUsername: r.ActorUsername, CreatedAt: r.CreatedAt, IdempotencyKey: r.IdempotencyKey}
	}
	return out, total, nil
}
