// Package audit is the append-only audit log. Entries are written inside the caller's
// transaction, so a change and its audit entry commit or roll back together; the table's
// triggers refuse UPDATE and DELETE on both dialects.
package audit

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"time"

	"gorm.io/gorm"

	"github.com/storeops/storeops/internal/platform/authz"
	"github.com/storeops/storeops/internal/platform/database"
	"github.com/storeops/storeops/internal/platform/reqid"
)

// Entry is one audited change: who did what to which entity, before → after.
type Entry struct {
	Action     string // e.g. "user.create", "store.update"
	EntityType string // e.g. "user"
	EntityID   string
	StoreID    *int64 // the store the entity belongs to, for store managers' view
	Before     any    // marshalled to JSON; nil for creations
	After      any    // marshalled to JSON; nil for deletions
}

// ID formats an integer id for Entry.EntityID.
func ID(id int64) string { return strconv.FormatInt(id, 10) }

// row is the audit_log table.
type row struct {
	ID            int64 `gorm:"primaryKey"`
	At            time.Time
	ActorID       *int64
	ActorUsername string
	Action        string
	EntityType    string
	EntityID      string
	StoreID       *int64
	BeforeJSON    *string
	AfterJSON     *string
	RequestID     string
}

func (row) TableName() string { return "audit_log" }

// Log writes audit entries. It has no state beyond its clock.
type Log struct {
	now func() time.Time
}

// New returns a Log that stamps entries with now.
func New(now func() time.Time) *Log { return &Log{now: now} }

// Write appends e inside tx, done by actor (a signed-in user, or authz.System for work no
// user asked for, recorded as "system:<name>"). The request id comes from ctx. A nil actor
// is refused: every change has someone behind it.
func (l *Log) Write(ctx context.Context, tx *gorm.DB, actor *authz.Principal, e Entry) error {
	return l.WriteMany(ctx, tx, actor, []Entry{e})
}

// WriteMany appends entries inside tx with multi-row INSERTs: imports touching thousands
// of records write their audit trail in a few statements.
func (l *Log) WriteMany(ctx context.Context, tx *gorm.DB, actor *authz.Principal, entries []Entry) error {
	if err := authz.Require(actor); err != nil {
		return fmt.Errorf("audit: %w", err)
	}
	rows := make([]row, len(entries))
	at := l.now().UTC()
	for i, e := range entries {
		r := row{At: at, ActorID: actor.ActorID(), ActorUsername: actor.Username, Action: e.Action,
			EntityType: e.EntityType, EntityID: e.EntityID, StoreID: e.StoreID, RequestID: reqid.From(ctx)}
		var err error
		if r.BeforeJSON, err = marshal(e.Before); err != nil {
			return fmt.Errorf("audit %s: before: %w", e.Action, err)
		}
		if r.AfterJSON, err = marshal(e.After); err != nil {
			return fmt.Errorf("audit %s: after: %w", e.Action, err)
		}
		rows[i] = r
	}
	err := bulk.Insert(ctx, tx, len(rows), func(i int, args []any) []any {
		r := rows[i]
		return append(args, r.At, r.ActorID, r.ActorUsername, r.Action, r.EntityType, r.EntityID, r.StoreID,
			r.BeforeJSON, r.AfterJSON, r.RequestID)
	})
	if err != nil {
		return fmt.Errorf("audit: %w", err)
	}
	return nil
}

var bulk = database.Bulk{Table: "audit_log", Columns: []string{"at", "actor_id", "actor_username", "action",
	"entity_type", "entity_id", "store_id", "before_json", "after_json", "request_id"}}

func marshal(v any) (*string, error) {
	if v == nil {
		return nil, nil
	}
	b, err := json.Marshal(v)
	if err != nil {
		return nil, err
	}
	s := string(b)
	return &s, nil
}
