// Package delegation lets a store manager name a deputy approver for a period (DESIGN.md §1):
// a supervisor of the same store who, while the delegation is active, may approve what the
// store manager approves. Every module that has an approval step asks this package through
// (*Service).MayApprove, so the rule of who may approve lives in one place.
//
// A store has at most one deputy at a time: delegations of one store may not overlap in
// time, whoever the deputy is (409 overlap). A deputy acts for the manager, so the manager
// always knows exactly who else can approve, and an approval never depends on which of two
// deputies was asked first.
package delegation

import (
	"fmt"
	"time"
	"unicode/utf8"

	"github.com/storeops/storeops/internal/platform/apperr"
	"github.com/storeops/storeops/internal/platform/authz"
)

// Limits of a delegation.
const (
	// MaxPeriod is the longest delegation: a longer absence calls for a new store manager,
	// not a deputy.
	MaxPeriod = 90 * 24 * time.Hour
	// MaxLead is how far ahead a delegation may start.
	MaxLead = 365 * 24 * time.Hour
	// PastGrace is how far in the past a delegation may start, so that "from now" sent by a
	// browser whose clock is a little behind is still accepted.
	PastGrace = time.Minute
	// MaxNoteLen bounds the note and the revocation reason.
	MaxNoteLen = 500
)

// Statuses of a delegation at a given instant.
const (
	StatusScheduled = "scheduled" // starts later
	StatusActive    = "active"    // the deputy may approve now
	StatusEnded     = "ended"     // its period is over
	StatusRevoked   = "revoked"   // ended early (or cancelled before it started)
)

// Actions a caller may take on a delegation (its allowed_actions).
const (
	ActionRevoke = "revoke"
)

// Delegation names a deputy approver of a store for [StartsAt, EndsAt).
type Delegation struct {
	ID           int64
	StoreID      int64
	DeputyUserID int64
	StartsAt     time.Time
	EndsAt       time.Time
	Note         string
	CreatedBy    *int64
	CreatedAt    time.Time
	RevokedAt    *time.Time
	RevokedBy    *int64
	RevokeReason string
}

// End is when the delegation stops counting: its end, or the moment it was revoked if that
// came first.
func (d Delegation) End() time.Time {
	if d.RevokedAt != nil && d.RevokedAt.Before(d.EndsAt) {
		return *d.RevokedAt
	}
	return d.EndsAt
}

// ActiveAt reports whether the deputy may approve at t: from StartsAt (inclusive) to End()
// (exclusive).
func (d Delegation) ActiveAt(t time.Time) bool {
	return !t.Before(d.StartsAt) && t.Before(d.End())
}

// Status says where the delegation stands at now.
func (d Delegation) Status(now time.Time) string {
	switch {
	case d.RevokedAt != nil && !d.RevokedAt.After(now) && d.RevokedAt.Before(d.EndsAt):
		return StatusRevoked
	case !now.Before(d.EndsAt):
		return StatusEnded
	case now.Before(d.StartsAt):
		return StatusScheduled
	}
	return StatusActive
}

// Open reports whether the delegation still matters at now: active or scheduled.
func (d Delegation) Open(now time.Time) bool {
	s := d.Status(now)
	return s == StatusActive || s == StatusScheduled
}

// Overlaps reports whether two delegations share an instant, counting each until its End().
func Overlaps(a, b Delegation) bool {
	return a.StartsAt.Before(b.End()) && b.StartsAt.Before(a.End())
}

// Validate checks a new delegation's period and note against now; whether the deputy is an
// enabled supervisor of the store is the service's, which asks the organisation.
func Validate(d Delegation, now time.Time) error {
	fe := apperr.FieldErrors{}
	switch {
	case d.StartsAt.Before(now.Add(-PastGrace)):
		fe.Add("starts_at", "must not be in the past")
	case d.StartsAt.After(now.Add(MaxLead)):
		fe.Add("starts_at", "must be at most one year ahead")
	}
	switch {
	case !d.EndsAt.After(d.StartsAt):
		fe.Add("ends_at", "must be after starts_at")
	case d.EndsAt.Sub(d.StartsAt) > MaxPeriod:
		fe.Add("ends_at", fmt.Sprintf("must be at most %d days after starts_at", int(MaxPeriod.Hours()/24)))
	}
	if utf8.RuneCountInString(d.Note) > MaxNoteLen {
		fe.Add("note", fmt.Sprintf("must be at most %d characters", MaxNoteLen))
	}
	return fe.Err()
}

// MayManage reports whether p may name or revoke deputies of storeID: an admin, or a store
// manager of that store.
func MayManage(p *authz.Principal, storeID int64) bool {
	return p.HasRole(authz.RoleAdmin) || (p.HasRole(authz.RoleStoreManager) && p.CanSeeStore(storeID))
}

// AllowedActions answers what p may do to d at now: revoke it while it is open, if p may
// manage the store's deputies.
func AllowedActions(p *authz.Principal, d Delegation, now time.Time) []string {
	out := []string{}
	if MayManage(p, d.StoreID) && d.Open(now) {
		out = append(out, ActionRevoke)
	}
	return out
}

// Capacities in which a caller approves for a store's manager.
const (
	AsAdmin        = "admin"
	AsStoreManager = "store_manager"
	AsDeputy       = "deputy"
)

// Capacity says in what capacity p may approve for storeID's manager, given the user id
// of the store's active deputy (0: none): AsAdmin, AsStoreManager, AsDeputy, or "" when p
// may not approve.
func Capacity(p *authz.Principal, storeID, activeDeputy int64) string {
	switch {
	case p == nil:
		return ""
	case p.Role == authz.RoleAdmin:
		return AsAdmin
	case p.Role == authz.RoleStoreManager && p.CanSeeStore(storeID):
		return AsStoreManager
	case p.Role == authz.RoleSupervisor && p.CanSeeStore(storeID) && activeDeputy != 0 && activeDeputy == p.UserID:
		return AsDeputy
	}
	return ""
}
