package risk

import (
	"context"
	"fmt"
	"strings"
	"unicode/utf8"

	"gorm.io/gorm"

	"github.com/storeops/storeops/internal/platform/apperr"
	"github.com/storeops/storeops/internal/platform/attachments"
	"github.com/storeops/storeops/internal/platform/audit"
	"github.com/storeops/storeops/internal/platform/authz"
	"github.com/storeops/storeops/internal/platform/database"
)

// IncidentPatch changes an open or responding incident; nil fields stay.
type IncidentPatch struct {
	Level, Title, Description *string
	OwnerID                   *int64
	Version                   int
}

func wrongStatus(have, action string) error {
	return apperr.New(apperr.ErrConflict, "wrong_status", fmt.Sprintf("the incident is %s: it cannot %s", have, action))
}

// step runs action on incident id in one transaction: it checks scope, role, version and
// status, lets change fill in the row's new fields, writes the row, a timeline entry (note)
// and the audit entry.
func (s *Service) step(ctx context.Context, p *authz.Principal, id int64, version *int, action, note string,
	photos []int64, change func(tx *gorm.DB, r *incidentRow) error) error {
	return database.Tx(ctx, s.db, func(tx *gorm.DB) error {
		before, err := s.loadIncident(ctx, tx, p, id)
		if err != nil {
			return err
		}
		allowedRole := (action == ActionClose && closes(p)) || (action != ActionClose && handles(p))
		if !allowedRole {
			return forbidden("your role may not " + action + " an incident")
		}
		if version != nil && *version != before.Version {
			return stale("incident")
		}
		next, ok := Transition(before.Status, action)
		if !ok {
			return wrongStatus(before.Status, action)
		}
		after := before
		after.Status, after.Version, after.UpdatedAt = next, before.Version+1, s.now()
		if change != nil {
			if err := change(tx, &after); err != nil {
				return err
			}
		}
		res := tx.Model(&incidentRow{}).Where("id = ? AND version = ?", id, before.Version).Select("*").Omit("id", "created_at").Updates(&after)
		if res.Error != nil {
			return res.Error
		}
		if res.RowsAffected != 1 {
			return stale("incident")
		}
		if note != "" {
			kind := map[string]string{ActionAddAction: "action", ActionResolve: "resolve", ActionClose: "close"}[action]
			a := actionRow{IncidentID: id, Kind: kind, Note: note, CreatedBy: p.ActorID(), CreatedByName: p.Username, CreatedAt: s.now()}
			if err := tx.Create(&a).Error; err != nil {
				return err
			}
			if len(photos) > 0 {
				owner := attachments.Owner{Kind: KindAction, ID: a.ID, StoreID: before.StoreID}
				if err := s.Attachments.LinkField(ctx, tx, p, "photos", photos, owner); err != nil {
					return err
				}
			}
		}
		return s.Audit.Write(ctx, tx, p, audit.Entry{Action: "incident." + action, EntityType: "incident",
			EntityID: audit.ID(id), StoreID: &before.StoreID, Before: auditOf(before), After: auditOf(after)})
	})
}

// UpdateIncident edits an open or responding incident; raising it to high alerts once.
func (s *Service) UpdateIncident(ctx context.Context, p *authz.Principal, id int64, ch IncidentPatch) error {
	fe := apperr.FieldErrors{}
	if ch.Level != nil {
		oneOf(fe, "level", *ch.Level, Levels)
	}
	if ch.Title != nil {
		*ch.Title = strings.TrimSpace(*ch.Title)
		text(fe, "title", *ch.Title, 200, true)
	}
	if ch.Description != nil {
		text(fe, "description", *ch.Description, 2000, false)
	}
	if err := fe.Err(); err != nil {
		return err
	}
	return s.step(ctx, p, id, &ch.Version, ActionEdit, "", nil, func(tx *gorm.DB, r *incidentRow) error {
		k, err := s.loadRisk(ctx, tx, r.RiskID)
		if err != nil {
			return err
		}
		if ch.Level != nil {
			if !Raised(*ch.Level, k.Level) {
				return apperr.Field("level", "may not be below the risk's level ("+k.Level+")")
			}
			r.Level = *ch.Level
		}
		if ch.Title != nil {
			r.Title = *ch.Title
		}
		if ch.Description != nil {
			r.Description = strings.TrimSpace(*ch.Description)
		}
		if ch.OwnerID != nil {
			if r.OwnerID, r.OwnerName, err = s.owner(ctx, p, r.StoreID, ch.OwnerID); err != nil {
				return err
			}
		}
		return s.alert(ctx, tx, *r, k)
	})
}

// AddAction adds a response action (note and photos) to an incident's timeline; the first
// one moves an open incident to responding.
func (s *Service) AddAction(ctx context.Context, p *authz.Principal, id int64, note string, photos []int64) error {
	note = strings.TrimSpace(note)
	fe := apperr.FieldErrors{}
	if note == "" || utf8.RuneCountInString(note) > 1000 {
		fe.Add("note", "is required, at most 1000 characters")
	}
	if len(photos) > 5 {
		fe.Add("photos", "at most 5 photos")
	}
	if err := fe.Err(); err != nil {
		return err
	}
	return s.step(ctx, p, id, nil, ActionAddAction, note, photos, nil)
}

// Resolve resolves an incident with its resolution (required).
func (s *Service) Resolve(ctx context.Context, p *authz.Principal, id int64, resolution string, version *int) error {
	resolution = strings.TrimSpace(resolution)
	if resolution == "" || utf8.RuneCountInString(resolution) > 2000 {
		return apperr.Field("resolution", "is required, at most 2000 characters")
	}
	return s.step(ctx, p, id, version, ActionResolve, resolution, nil, func(_ *gorm.DB, r *incidentRow) error {
		now := s.now()
		r.Resolution, r.ResolvedAt, r.ResolvedByName = resolution, &now, p.Username
		return nil
	})
}

// Close closes a resolved incident, with an optional note.
func (s *Service) Close(ctx context.Context, p *authz.Principal, id int64, note string, version *int) error {
	note = strings.TrimSpace(note)
	if utf8.RuneCountInString(note) > 1000 {
		return apperr.Field("note", "at most 1000 characters")
	}
	if note == "" {
		note = "—"
	}
	return s.step(ctx, p, id, version, ActionClose, note, nil, func(_ *gorm.DB, r *incidentRow) error {
		now := s.now()
		r.ClosedAt = &now
		return nil
	})
}
