package audit

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"time"

	"github.com/storeops/storeops/internal/platform/paging"

	"github.com/gin-gonic/gin"
	"gorm.io/gorm"

	"github.com/storeops/storeops/internal/platform/apperr"
	"github.com/storeops/storeops/internal/platform/authz"
	"github.com/storeops/storeops/internal/platform/httpx"
)

// Filter narrows the audit log.
type Filter struct {
	EntityType string
	EntityID   string
	Action     string
	ActorID    *int64
	StoreID    *int64
	From       *time.Time
	To         *time.Time
}

// Record is one entry as read back.
type Record struct {
	ID            int64           `json:"id"`
	At            time.Time       `json:"at"`
	ActorID       *int64          `json:"actor_id"`
	ActorUsername string          `json:"actor_username"`
	Action        string          `json:"action"`
	EntityType    string          `json:"entity_type"`
	EntityID      string          `json:"entity_id"`
	StoreID       *int64          `json:"store_id"`
	Before        json.RawMessage `json:"before"`
	After         json.RawMessage `json:"after"`
	RequestID     string          `json:"request_id"`
}

// Reader answers GET /audit: admins read everything, store managers their own store.
type Reader struct{ db *gorm.DB }

// NewReader returns the audit log reader.
func NewReader(db *gorm.DB) *Reader { return &Reader{db: db} }

// Register adds the route.
func (rd *Reader) Register(r *httpx.Router) {
	r.GET("/audit", httpx.Roles(authz.RoleAdmin, authz.RoleStoreManager), rd.list)
}

// Find lists entries in the caller's scope, newest first by default.
func (rd *Reader) Find(ctx context.Context, p *authz.Principal, f Filter, pg paging.Page) ([]Record, int64, error) {
	q := rd.db.WithContext(ctx).Model(&row{})
	if only := p.StoreFilter(); only != nil {
		q = q.Where("store_id = ?", *only)
	}
	if f.StoreID != nil {
		q = q.Where("store_id = ?", *f.StoreID)
	}
	if f.EntityType != "" {
		q = q.Where("entity_type = ?", f.EntityType)
	}
	if f.EntityID != "" {
		q = q.Where("entity_id = ?", f.EntityID)
	}
	if f.Action != "" {
		q = q.Where("action = ?", f.Action)
	}
	if f.ActorID != nil {
		q = q.Where("actor_id = ?", *f.ActorID)
	}
	if f.From != nil {
		q = q.Where("at >= ?", *f.From)
	}
	if f.To != nil {
		q = q.Where("at < ?", *f.To)
	}
	var total int64
	if err := q.Count(&total).Error; err != nil {
		return nil, 0, err
	}
	order := "id DESC"
	if pg.Sort == "at" && !pg.Desc {
		order = "id ASC"
	}
	var rows []row
	if err := q.Order(order).Offset(pg.Offset()).Limit(pg.PageSize).Find(&rows).Error; err != nil {
		return nil, 0, err
	}
	out := make([]Record, len(rows))
	for i, r := range rows {
		out[i] = Record{ID: r.ID, At: r.At, ActorID: r.ActorID, ActorUsername: r.ActorUsername,
			Action: r.Action, EntityType: r.EntityType, EntityID: r.EntityID, StoreID: r.StoreID,
			Before: raw(r.BeforeJSON), After: raw(r.AfterJSON), RequestID: r.RequestID}
	}
	return out, total, nil
}

func raw(s *string) json.RawMessage {
	if s == nil {
		return json.RawMessage("null")
	}
	return json.RawMessage(*s)
}

func (rd *Reader) list(c *gin.Context) {
	pg, err := httpx.ParsePage(c, "at")
	if err != nil {
		httpx.Fail(c, err)
		return
	}
	if c.Query("sort") == "" {
		pg.Desc = true
	}
	fe := apperr.FieldErrors{}
	f := Filter{EntityType: c.Query("entity_type"), EntityID: c.Query("entity_id"), Action: c.Query("action"),
		ActorID: httpx.QueryInt64(c, "actor_id", fe), StoreID: httpx.QueryInt64(c, "store_id", fe),
		From: queryTime(c, "from", false, fe), To: queryTime(c, "to", true, fe)}
	if err := fe.Err(); err != nil {
		httpx.Fail(c, err)
		return
	}
	recs, total, err := rd.Find(c.Request.Context(), httpx.Principal(c), f, pg)
	if err != nil {
		httpx.Fail(c, err)
		return
	}
	c.JSON(http.StatusOK, httpx.NewList(recs, pg, total))
}

// queryTime accepts RFC 3339 or YYYY-MM-DD; a date as "to" includes that whole day (UTC).
func queryTime(c *gin.Context, name string, endOfDay bool, fe apperr.FieldErrors) *time.Time {
	v := strings.TrimSpace(c.Query(name))
	if v == "" {
		return nil
	}
	if t, err := time.Parse(time.RFC3339, v); err == nil {
		t = t.UTC()
		return &t
	}
	if t, err := time.Parse(time.DateOnly, v); err == nil {
		if endOfDay {
			t = t.AddDate(0, 0, 1)
		}
		return &t
	}
	fe.Add(name, "must be a date (YYYY-MM-DD) or an RFC 3339 time")
	return nil
}

// Models lists the rows of this package for the schema test.
func Models() []any { return []any{&row{}} }
