package feeds

import (
	"context"
	"errors"
	"io"
	"time"

	"gorm.io/gorm"

	"github.com/storeops/storeops/internal/catalog"
	"github.com/storeops/storeops/internal/inventory"
	"github.com/storeops/storeops/internal/platform/audit"
	"github.com/storeops/storeops/internal/platform/authz"
	"github.com/storeops/storeops/internal/platform/database"
	"github.com/storeops/storeops/internal/platform/idempotency"
	"github.com/storeops/storeops/internal/platform/upload"
)

// Catalog looks up the products a request names, and only those.
type Catalog interface {
	RefsBySKU(ctx context.Context, skus []string) (map[string]catalog.Ref, error)
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
	keys      *idempotency.Store
	now       func() time.Time
}

// NewService wires the feeds module.
func NewService(db *gorm.DB, cat Catalog, stores Stores, inv *inventory.Service, log *audit.Log,
	keys *idempotency.Store, now func() time.Time) *Service {
	return &Service{db: db, catalog: cat, stores: stores, inventory: inv, audit: log, keys: keys, now: now}
}

// Request is one upload.
type Request struct {
	StoreID int64
	Kind    string
	Body    io.Reader
	upload.Request
	// Scope and Query identify the request for Idempotency-Key replays: the endpoint with
	// its ids, and its query string.
	Scope, Query string
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
	DryRun    bool   `json:"dry_run"`
}

// errDryRun rolls a dry run's transaction back once its result is known.
var errDryRun = errors.New("feeds: dry run")

// Ingest validates the whole upload, then applies it in one transaction: nothing is written
// when any line is bad. A dry run does everything but commit, so its counts are exact.
func (s *Service) Ingest(ctx context.Context, p *authz.Principal, req Request) (Result, error) {
	if err := authz.Require(p); err != nil {
		return Result{}, err
	}
	lines, err := s.parse(ctx, p, req)
	if err != nil {
		return Result{}, err
	}
	key := idempotency.Key{Scope: req.Scope, Value: req.IdempotencyKey, Hash: idempotency.RequestHash(req.Query, lines.hash)}
	if req.DryRun {
		key = idempotency.Key{}
	}
	base := Result{Kind: req.Kind, Source: req.Format, Lines: lines.n, DryRun: req.DryRun}
	var res Result
	err = database.Tx(ctx, s.db, func(tx *gorm.DB) error {
		res = base // a lost race runs this again: start the counters afresh
		// The lock comes first: what was booked before is read after it.
		if _, err := s.inventory.Lock(ctx, tx, req.StoreID); err != nil {
			return err
		}
		replayed, err := s.keys.Claim(ctx, tx, key, &res)
		if err != nil || replayed {
			res.Replayed = replayed
			return err
		}
		if err := s.apply(ctx, tx, p, req, lines, key.Value, &res); err != nil {
			return err
		}
		if req.DryRun {
			res.ImportID = 0
			return errDryRun
		}
		return s.keys.Save(ctx, tx, key, res)
	})
	if errors.Is(err, errDryRun) {
		err = nil
	}
	return res, err
}

func (s *Service) apply(ctx context.Context, tx *gorm.DB, p *authz.Principal, req Request, lines *parsed, key string, res *Result) error {
	row := importRow{StoreID: req.StoreID, Kind: req.Kind, Source: res.Source, RequestHash: lines.hash,
		Lines: lines.n, ActorID: p.ActorID(), ActorUsername: p.Username, CreatedAt: s.now()}
	if key != "" {
		row.IdempotencyKey = &key
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
	if err := finishImport(ctx, tx, row.ID, *res); err != nil {
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

// History lists a store's accepted uploads in the caller's scope, newest first; kind ""
// means every kind. Supervisors book receipts: the store's other feeds are not theirs.
func (s *Service) History(ctx context.Context, p *authz.Principal, storeID int64, kind string, offset, limit int) ([]Import, int64, error) {
	if err := p.RequireStore(storeID); err != nil {
		return nil, 0, err
	}
	if p.Role == authz.RoleSupervisor {
		if kind != "" && kind != KindReceipts {
			return nil, 0, nil
		}
		kind = KindReceipts
	}
	return history(ctx, s.db, storeID, kind, offset, limit)
}
