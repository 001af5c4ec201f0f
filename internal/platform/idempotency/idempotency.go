// Package idempotency is the one store of Idempotency-Key answers for every bulk endpoint:
// the same key with the same body replays the first answer, the same key with another body
// is a 409, and no key means no idempotency. A use case claims the key inside the
// transaction that does the work and saves its answer there, so the answer exists exactly
// when the work committed.
package idempotency

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"gorm.io/gorm"

	"github.com/storeops/storeops/internal/platform/apperr"
	"github.com/storeops/storeops/internal/platform/database"
)

// Key identifies one request: Scope is the endpoint with its ids ("POST
// /api/v1/stores/3/sales"), Value the client's Idempotency-Key (empty: none), Hash the
// SHA-256 of what the request asked (its body, and query when it has one).
type Key struct {
	Scope, Value, Hash string
}

// Set reports whether the request carried a key.
func (k Key) Set() bool { return k.Value != "" }

type row struct {
	Scope        string `gorm:"primaryKey"`
	IdemKey      string `gorm:"primaryKey"`
	RequestHash  string
	ResponseJSON string `gorm:"column:response_json"`
	CreatedAt    time.Time
}

func (row) TableName() string { return "idempotency_keys" }

// Models lists the rows of this package for the schema test.
func Models() []any { return []any{&row{}} }

// Store keeps the answers.
type Store struct {
	now func() time.Time
}

// New returns the store, stamping keys with now.
func New(now func() time.Time) *Store { return &Store{now: now} }

// ErrReused is the 409 of a key sent again with another request.
var ErrReused = apperr.New(apperr.ErrConflict, "idempotency_key_reused",
	"this Idempotency-Key was used for a different request: use a new key")

// Claim looks the key up inside tx. When a request with this key committed before, it
// decodes that request's answer into replay and answers true (the caller answers it as
// is); when that request had another hash it answers ErrReused. Otherwise it claims the key
// for this transaction and answers false: the caller does the work and calls Save. Two
// requests claiming one key at once serialise on its row; the loser's transaction is run
// again by database.Tx and then replays the winner's answer.
func (s *Store) Claim(ctx context.Context, tx *gorm.DB, k Key, replay any) (bool, error) {
	if !k.Set() {
		return false, nil
	}
	var prev []row
	if err := tx.WithContext(ctx).Where("scope = ? AND idem_key = ?", k.Scope, k.Value).Find(&prev).Error; err != nil {
		return false, err
	}
	if len(prev) > 0 {
		if prev[0].RequestHash != k.Hash {
			return false, ErrReused
		}
		if err := json.Unmarshal([]byte(prev[0].ResponseJSON), replay); err != nil {
			return false, fmt.Errorf("idempotency: stored answer of %s: %w", k.Scope, err)
		}
		return true, nil
	}
	err := tx.WithContext(ctx).Create(&row{Scope: k.Scope, IdemKey: k.Value, RequestHash: k.Hash,
		ResponseJSON: "null", CreatedAt: s.now()}).Error
	if errors.Is(database.Translate(err, "key"), apperr.ErrConflict) {
		return false, fmt.Errorf("idempotency: %s claimed at the same time: %w", k.Value, database.ErrRetry)
	}
	return false, err
}

// Save stores the answer of a claimed key inside the same transaction.
func (s *Store) Save(ctx context.Context, tx *gorm.DB, k Key, answer any) error {
	if !k.Set() {
		return nil
	}
	b, err := json.Marshal(answer)
	if err != nil {
		return err
	}
	return tx.WithContext(ctx).Model(&row{}).Where("scope = ? AND idem_key = ?", k.Scope, k.Value).
		Update("response_json", string(b)).Error
}

// Sweep deletes answers older than keep: a client retries within minutes or hours, and the
// table must not grow forever.
func (s *Store) Sweep(ctx context.Context, db *gorm.DB, keep time.Duration) (int64, error) {
	res := db.WithContext(ctx).Where("created_at < ?", s.now().Add(-keep)).Delete(&row{})
	return res.RowsAffected, res.Error
}

// RequestHash is the hash a Key carries: the body's SHA-256 (hex) when the request has no
// query string, otherwise the SHA-256 of the query and the body's hash, so that the same
// body sent to another variant of an endpoint (?zone=cold) is another request.
func RequestHash(rawQuery, bodyHash string) string {
	if rawQuery == "" {
		return bodyHash
	}
	sum := sha256.Sum256([]byte(rawQuery + "\n" + bodyHash))
	return hex.EncodeToString(sum[:])
}
