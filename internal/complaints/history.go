package complaints

import (
	"context"
	"fmt"
	"time"

	"gorm.io/gorm"

	"github.com/storeops/storeops/internal/platform/apperr"
	"github.com/storeops/storeops/internal/platform/audit"
	"github.com/storeops/storeops/internal/platform/authz"
	"github.com/storeops/storeops/internal/platform/database"
)

// PastStep is a handling step of a complaint of the past, at its time.
type PastStep struct {
	Note string
	At   time.Time
}

// Past is a complaint handled before it was entered (one kept on paper, or the demo's
// history): its steps at their times and, when Resolution is set, resolved at ResolvedAt.
type Past struct {
	NewComplaint
	Steps      []PastStep
	Resolution *Resolution
	ResolvedAt time.Time
}

// Record enters a complaint of the past under the same rules as Create, AddStep and
// Resolve, with its own times (none after now), in one transaction.
func (s *Service) Record(ctx context.Context, p *authz.Principal, storeID int64, past Past) (Complaint, error) {
	if err := p.RequireStore(storeID); err != nil {
		return Complaint{}, err
	}
	if !handles(p) {
		return Complaint{}, apperr.New(apperr.ErrForbidden, "forbidden", "only the store's staff record complaints")
	}
	now := s.now()
	n := past.NewComplaint
	if err := n.Validate(now); err != nil {
		return Complaint{}, err
	}
	fe := apperr.FieldErrors{}
	for i, st := range past.Steps {
		if err := ValidateStep(st.Note, 0); err != nil || st.At.Before(n.ReceivedAt) || st.At.After(now) {
			fe.Add(fmt.Sprintf("steps[%d]", i), "needs a note, at or after received_at and not in the future")
		}
	}
	if past.Resolution != nil {
		if err := past.Resolution.Validate(); err != nil {
			return Complaint{}, err
		}
		if past.ResolvedAt.Before(n.ReceivedAt) || past.ResolvedAt.After(now) {
			fe.Add("resolved_at", "must be from received_at to now")
		}
	}
	if err := fe.Err(); err != nil {
		return Complaint{}, err
	}
	r := complaintRow{StoreID: storeID, Channel: n.Channel, Category: n.Category, DepartmentCode: n.DepartmentCode,
		Description: n.Description, ReceivedAt: n.ReceivedAt.UTC(), Status: StatusOpen, CreatedBy: p.ActorID(),
		CreatedByName: p.Username, Version: 1, CreatedAt: n.ReceivedAt.UTC(), UpdatedAt: n.ReceivedAt.UTC()}
	if err := s.resolveRefs(ctx, &r, n); err != nil {
		return Complaint{}, err
	}
	if past.Resolution != nil {
		at := past.ResolvedAt.UTC()
		r.Status, r.Resolution, r.Compensation, r.ResolvedAt, r.ResolvedBy = StatusResolved, past.Resolution.Text,
			past.Resolution.Compensation, &at, p.ActorID()
		r.UpdatedAt, r.Version = at, 2
	}
	err := database.Tx(ctx, s.db, func(tx *gorm.DB) error {
		if err := tx.Create(&r).Error; err != nil {
			return err
		}
		for _, st := range past.Steps {
			step := stepRow{ComplaintID: r.ID, Note: st.Note, CreatedBy: p.ActorID(), CreatedByName: p.Username, CreatedAt: st.At.UTC()}
			if err := tx.Create(&step).Error; err != nil {
				return err
			}
		}
		return s.Audit.Write(ctx, tx, p, audit.Entry{Action: "complaint.create", EntityType: "complaint",
			EntityID: audit.ID(r.ID), StoreID: &storeID, After: auditOf(r)})
	})
	return toComplaint(r), err
}
