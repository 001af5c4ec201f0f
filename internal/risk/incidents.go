package risk

import (
	"context"
	"errors"
	"fmt"
	"strconv"

	"gorm.io/gorm"

	"github.com/storeops/storeops/internal/platform/apperr"
	"github.com/storeops/storeops/internal/platform/attachments"
	"github.com/storeops/storeops/internal/platform/audit"
	"github.com/storeops/storeops/internal/platform/authz"
	"github.com/storeops/storeops/internal/platform/database"
	"github.com/storeops/storeops/internal/platform/outbox"
	"github.com/storeops/storeops/internal/platform/paging"
)

// TopicIncidentOpened is the outbox alert of an incident of level high.
const TopicIncidentOpened = "risk.incident_opened"

func incidentNotFound(id int64) error {
	return apperr.New(apperr.ErrNotFound, "not_found", fmt.Sprintf("incident %d not found", id))
}

// loadIncident reads incident id in p's scope: another store's is 404.
func (s *Service) loadIncident(ctx context.Context, db *gorm.DB, p *authz.Principal, id int64) (incidentRow, error) {
	var r incidentRow
	err := db.WithContext(ctx).Where("id = ?", id).Take(&r).Error
	if errors.Is(err, gorm.ErrRecordNotFound) || (err == nil && !p.CanSeeStore(r.StoreID)) {
		return r, incidentNotFound(id)
	}
	return r, err
}

// VisibleAction is the attachments' rule for an action's photos: seen by whoever sees the
// incident.
func (s *Service) VisibleAction(ctx context.Context, p *authz.Principal, actionID int64) error {
	var a actionRow
	err := s.db.WithContext(ctx).Where("id = ?", actionID).Take(&a).Error
	if err == nil {
		_, err = s.loadIncident(ctx, s.db, p, a.IncidentID)
	}
	if errors.Is(err, gorm.ErrRecordNotFound) || errors.Is(err, apperr.ErrNotFound) {
		return apperr.New(apperr.ErrNotFound, "not_found", fmt.Sprintf("incident action %d not found", actionID))
	}
	return err
}

// Allowed answers allowed_actions of an incident for p.
func (s *Service) Allowed(p *authz.Principal, in Incident) []string {
	return IncidentActions(in.Status, handles(p) && p.CanSeeStore(in.StoreID), closes(p) && p.CanSeeStore(in.StoreID))
}

func (s *Service) withRisks(ctx context.Context, rows []incidentRow) ([]Incident, error) {
	ids := make([]int64, len(rows))
	for i, r := range rows {
		ids[i] = r.RiskID
	}
	risks, err := risksByID(ctx, s.db, ids)
	out := make([]Incident, len(rows))
	for i, r := range rows {
		out[i] = toIncident(r, risks[r.RiskID])
	}
	return out, err
}

// Board answers a page of incidents, newest first: of one store (f.StoreID) or, for HQ,
// of every store. A store-bound caller only ever sees their own store.
func (s *Service) Board(ctx context.Context, p *authz.Principal, f IncidentFilter, pg paging.Page) ([]Incident, int64, error) {
	if err := authz.Require(p); err != nil {
		return nil, 0, err
	}
	if f.StoreID != nil {
		if err := p.RequireStore(*f.StoreID); err != nil {
			return nil, 0, err
		}
	} else if !p.SeesAllStores() {
		f.StoreID = p.StoreID
		if f.StoreID == nil {
			return []Incident{}, 0, nil
		}
	}
	rows, total, err := incidentPage(ctx, s.db, f, pg)
	if err != nil {
		return nil, 0, err
	}
	out, err := s.withRisks(ctx, rows)
	return out, total, err
}

// IncidentDetail is an incident with its timeline.
type IncidentDetail struct {
	Incident
	Actions []IncidentAction
	Photos  map[int64][]attachments.Attachment // by action id
}

// GetIncident answers an incident, its timeline and the timeline's photos.
func (s *Service) GetIncident(ctx context.Context, p *authz.Principal, id int64) (IncidentDetail, error) {
	r, err := s.loadIncident(ctx, s.db, p, id)
	if err != nil {
		return IncidentDetail{}, err
	}
	list, err := s.withRisks(ctx, []incidentRow{r})
	if err != nil {
		return IncidentDetail{}, err
	}
	var rows []actionRow
	if err := s.db.WithContext(ctx).Where("incident_id = ?", id).Order("id").Limit(1000).Find(&rows).Error; err != nil {
		return IncidentDetail{}, err
	}
	d := IncidentDetail{Incident: list[0], Actions: make([]IncidentAction, len(rows))}
	ids := make([]int64, len(rows))
	for i, a := range rows {
		d.Actions[i], ids[i] = IncidentAction(a), a.ID
	}
	d.Photos, err = s.Attachments.ForOwners(ctx, KindAction, ids)
	return d, err
}

// owner checks that ownerID is a user who sees the store; nil means the caller.
func (s *Service) owner(ctx context.Context, p *authz.Principal, storeID int64, ownerID *int64) (*int64, string, error) {
	if ownerID == nil {
		return p.ActorID(), p.Username, nil
	}
	users, err := s.Org.UsersByID(ctx, authz.System("risk"), []int64{*ownerID})
	if err != nil {
		return nil, "", err
	}
	u, ok := users[*ownerID]
	if !ok || u.Disabled || (u.Role.StoreBound() && (u.StoreID == nil || *u.StoreID != storeID)) {
		return nil, "", apperr.Field("owner_id", "is not a user of this store or head office")
	}
	name := u.DisplayName
	if name == "" {
		name = u.Username
	}
	return &u.ID, name, nil
}

// CreateIncident logs an incident at storeID against a risk; a high one alerts through the
// outbox in the same transaction.
func (s *Service) CreateIncident(ctx context.Context, p *authz.Principal, storeID int64, n NewIncident) (Incident, error) {
	if err := p.RequireStore(storeID); err != nil {
		return Incident{}, err
	}
	if !handles(p) {
		return Incident{}, forbidden("only the store's staff log incidents")
	}
	if err := n.Validate(s.now()); err != nil {
		return Incident{}, err
	}
	k, err := s.loadRisk(ctx, s.db, n.RiskID)
	if errors.Is(err, apperr.ErrNotFound) || (err == nil && !k.Active) {
		return Incident{}, apperr.Field("risk_id", "is not an active risk of the register")
	} else if err != nil {
		return Incident{}, err
	}
	if n.Level == "" {
		n.Level = k.Level
	} else if !Raised(n.Level, k.Level) {
		return Incident{}, apperr.Field("level", "may not be below the risk's level ("+k.Level+")")
	}
	ownerID, ownerName, err := s.owner(ctx, p, storeID, n.OwnerID)
	if err != nil {
		return Incident{}, err
	}
	now := s.now()
	r := incidentRow{StoreID: storeID, RiskID: k.ID, Level: n.Level, Title: n.Title, Description: n.Description,
		OccurredAt: n.OccurredAt.UTC().Truncate(1000), OwnerID: ownerID, OwnerName: ownerName, Status: StatusOpen,
		CreatedBy: p.ActorID(), CreatedByName: p.Username, Version: 1, CreatedAt: now, UpdatedAt: now}
	err = database.Tx(ctx, s.db, func(tx *gorm.DB) error {
		if err := tx.Create(&r).Error; err != nil {
			return err
		}
		if err := s.alert(ctx, tx, r, k); err != nil {
			return err
		}
		return s.Audit.Write(ctx, tx, p, audit.Entry{Action: "incident.create", EntityType: "incident",
			EntityID: audit.ID(r.ID), StoreID: &storeID, After: auditOf(r)})
	})
	return toIncident(r, k), err
}

// alertNotice is what the risk.incident_opened alert says.
type alertNotice struct {
	IncidentID int64  `json:"incident_id"`
	StoreID    int64  `json:"store_id"`
	RiskCode   string `json:"risk_code"`
	RiskName   string `json:"risk_name"`
	Level      string `json:"level"`
	Title      string `json:"title"`
	Link       string `json:"link"`
}

// alert adds the outbox alert of a high incident, keyed by its id so that raising it again
// adds nothing.
func (s *Service) alert(ctx context.Context, tx *gorm.DB, r incidentRow, k riskRow) error {
	if r.Level != LevelHigh || s.Notify == nil {
		return nil
	}
	store := r.StoreID
	_, err := s.Notify.Add(ctx, tx, outbox.Message{Topic: TopicIncidentOpened, StoreID: &store,
		Key: strconv.FormatInt(r.ID, 10), Payload: alertNotice{IncidentID: r.ID, StoreID: r.StoreID, RiskCode: k.Code,
			RiskName: k.Name, Level: r.Level, Title: r.Title, Link: fmt.Sprintf("/incidents/%d", r.ID)}})
	return err
}

func auditOf(r incidentRow) map[string]any {
	return map[string]any{"risk_id": r.RiskID, "level": r.Level, "title": r.Title, "status": r.Status,
		"owner_id": r.OwnerID, "resolution": r.Resolution}
}
