package complaints

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"time"

	"gorm.io/gorm"

	"github.com/storeops/storeops/internal/catalog"
	"github.com/storeops/storeops/internal/org"
	"github.com/storeops/storeops/internal/platform/apperr"
	"github.com/storeops/storeops/internal/platform/attachments"
	"github.com/storeops/storeops/internal/platform/audit"
	"github.com/storeops/storeops/internal/platform/authz"
	"github.com/storeops/storeops/internal/platform/database"
	"github.com/storeops/storeops/internal/platform/paging"
)

// KindStep is the attachment owner kind of a handling step's photos.
const KindStep = "complaint_step"

// Catalog resolves SKUs to products.
type Catalog interface {
	RefsBySKU(ctx context.Context, skus []string) (map[string]catalog.Ref, error)
}

// Org answers the chain's department codes, a store's time zone and the stores' names.
type Org interface {
	DepartmentCodes(ctx context.Context) ([]string, error)
	StoreLocation(ctx context.Context, storeID int64) (*time.Location, error)
	StoresByID(ctx context.Context, ids []int64) (map[int64]org.Store, error)
}

// Deps are the modules complaints work with.
type Deps struct {
	Catalog     Catalog
	Org         Org
	Attachments *attachments.Service
	Audit       *audit.Log
}

// Service is the complaints use cases; every change is one transaction with its audit entry.
type Service struct {
	db *gorm.DB
	Deps
	now func() time.Time
}

// NewService wires the complaints module.
func NewService(db *gorm.DB, d Deps, now func() time.Time) *Service {
	return &Service{db: db, Deps: d, now: now}
}

// handles: the store's staff (and admins) create and handle complaints; HQ reads.
func handles(p *authz.Principal) bool {
	return p.HasRole(authz.RoleAdmin, authz.RoleStoreManager, authz.RoleSupervisor)
}

// reopens: the store manager (and admins) reopen a resolved complaint.
func reopens(p *authz.Principal) bool { return p.HasRole(authz.RoleAdmin, authz.RoleStoreManager) }

func notFound(id int64) error {
	return apperr.New(apperr.ErrNotFound, "not_found", fmt.Sprintf("complaint %d not found", id))
}

// load reads complaint id of storeID in p's scope: another store's is 404.
func (s *Service) load(ctx context.Context, db *gorm.DB, p *authz.Principal, storeID, id int64) (complaintRow, error) {
	if err := p.RequireStore(storeID); err != nil {
		return complaintRow{}, err
	}
	var rows []complaintRow
	if err := db.WithContext(ctx).Where("id = ? AND store_id = ?", id, storeID).Limit(1).Find(&rows).Error; err != nil {
		return complaintRow{}, err
	}
	if len(rows) == 0 {
		return complaintRow{}, notFound(id)
	}
	return rows[0], nil
}

// location is the store's time zone, by which date filters are days.
func (s *Service) location(ctx context.Context, storeID int64) (*time.Location, error) {
	return s.Org.StoreLocation(ctx, storeID)
}

// Visible answers 404 unless complaint id of storeID is in p's scope.
func (s *Service) Visible(ctx context.Context, p *authz.Principal, storeID, id int64) error {
	_, err := s.load(ctx, s.db, p, storeID, id)
	return err
}

// VisibleStep is the attachments' rule for a step's photos: seen by whoever sees the complaint.
func (s *Service) VisibleStep(ctx context.Context, p *authz.Principal, stepID int64) error {
	var c complaintRow
	err := s.db.WithContext(ctx).Table("complaints").Select("complaints.id, complaints.store_id").
		Joins("JOIN complaint_steps ON complaint_steps.complaint_id = complaints.id").
		Where("complaint_steps.id = ?", stepID).Take(&c).Error
	if errors.Is(err, gorm.ErrRecordNotFound) || (err == nil && !p.CanSeeStore(c.StoreID)) {
		return apperr.New(apperr.ErrNotFound, "not_found", fmt.Sprintf("complaint step %d not found", stepID))
	}
	return err
}

// Actions answers allowed_actions of c for p.
func (s *Service) Actions(p *authz.Principal, c Complaint) []string {
	return Actions(c, handles(p), reopens(p))
}

// List answers a page of a store's complaints, newest received first.
func (s *Service) List(ctx context.Context, p *authz.Principal, storeID int64, f Filter, pg paging.Page) ([]Complaint, int64, error) {
	if err := p.RequireStore(storeID); err != nil {
		return nil, 0, err
	}
	rows, total, err := page(ctx, s.db, storeID, f, pg)
	out := make([]Complaint, len(rows))
	for i, r := range rows {
		out[i] = toComplaint(r)
	}
	return out, total, err
}

// Detail is a complaint with its timeline.
type Detail struct {
	Complaint
	Steps  []Step
	Photos map[int64][]attachments.Attachment // by step id
}

// Get answers a complaint, its steps and their photos.
func (s *Service) Get(ctx context.Context, p *authz.Principal, storeID, id int64) (Detail, error) {
	r, err := s.load(ctx, s.db, p, storeID, id)
	if err != nil {
		return Detail{}, err
	}
	var rows []stepRow
	if err := s.db.WithContext(ctx).Where("complaint_id = ?", id).Order("id").Find(&rows).Error; err != nil {
		return Detail{}, err
	}
	d := Detail{Complaint: toComplaint(r), Steps: make([]Step, len(rows))}
	ids := make([]int64, len(rows))
	for i, st := range rows {
		d.Steps[i], ids[i] = toStep(st), st.ID
	}
	d.Photos, err = s.Attachments.ForOwners(ctx, KindStep, ids)
	return d, err
}

// Create records a complaint received by the store.
func (s *Service) Create(ctx context.Context, p *authz.Principal, storeID int64, n NewComplaint) (Complaint, error) {
	if err := p.RequireStore(storeID); err != nil {
		return Complaint{}, err
	}
	if !handles(p) {
		return Complaint{}, apperr.New(apperr.ErrForbidden, "forbidden", "only the store's staff record complaints")
	}
	if err := n.Validate(s.now()); err != nil {
		return Complaint{}, err
	}
	now := s.now()
	r := complaintRow{StoreID: storeID, Channel: n.Channel, Category: n.Category, DepartmentCode: n.DepartmentCode,
		Description: n.Description, ReceivedAt: n.ReceivedAt.UTC().Truncate(time.Microsecond), Status: StatusOpen,
		CreatedBy: p.ActorID(), CreatedByName: p.Username, Version: 1, CreatedAt: now, UpdatedAt: now}
	if err := s.resolveRefs(ctx, &r, n); err != nil {
		return Complaint{}, err
	}
	err := database.Tx(ctx, s.db, func(tx *gorm.DB) error {
		if err := tx.Create(&r).Error; err != nil {
			return err
		}
		return s.Audit.Write(ctx, tx, p, audit.Entry{Action: "complaint.create", EntityType: "complaint",
			EntityID: audit.ID(r.ID), StoreID: &storeID, After: auditOf(r)})
	})
	return toComplaint(r), err
}

// resolveRefs checks the department against the chain's and the SKU against the catalogue; a
// product fills in the department when none was given.
func (s *Service) resolveRefs(ctx context.Context, r *complaintRow, n NewComplaint) error {
	fe := apperr.FieldErrors{}
	if n.DepartmentCode != "" {
		codes, err := s.Org.DepartmentCodes(ctx)
		if err != nil {
			return err
		}
		if !slices.Contains(codes, n.DepartmentCode) {
			fe.Add("department_code", "is not a department of the chain")
		}
	}
	if n.SKU != "" {
		refs, err := s.Catalog.RefsBySKU(ctx, []string{n.SKU})
		if err != nil {
			return err
		}
		ref, ok := refs[n.SKU]
		if !ok {
			fe.Add("sku", "is not a product of the catalogue")
		} else {
			r.ProductID, r.SKU, r.ProductName = &ref.ID, ref.SKU, ref.Name
			if r.DepartmentCode == "" {
				r.DepartmentCode = ref.DepartmentCode
			}
		}
	}
	return fe.Err()
}

// AddStep adds a handling step (a note and photos) to an open complaint's timeline.
func (s *Service) AddStep(ctx context.Context, p *authz.Principal, storeID, id int64, note string, photos []int64) (Step, error) {
	if _, err := s.load(ctx, s.db, p, storeID, id); err != nil {
		return Step{}, err
	}
	if !handles(p) {
		return Step{}, apperr.New(apperr.ErrForbidden, "forbidden", "only the store's staff handle complaints")
	}
	if err := ValidateStep(note, len(photos)); err != nil {
		return Step{}, err
	}
	var out stepRow
	err := database.Tx(ctx, s.db, func(tx *gorm.DB) error {
		c, err := s.load(ctx, tx, p, storeID, id)
		if err != nil {
			return err
		}
		if c.Status != StatusOpen {
			return wrongStatus(c.Status, StatusOpen)
		}
		out = stepRow{ComplaintID: id, Note: note, CreatedBy: p.ActorID(), CreatedByName: p.Username, CreatedAt: s.now()}
		if err := tx.Create(&out).Error; err != nil {
			return err
		}
		owner := attachments.Owner{Kind: KindStep, ID: out.ID, StoreID: storeID}
		if err := s.Attachments.LinkField(ctx, tx, p, "photos", photos, owner); err != nil {
			return err
		}
		return s.Audit.Write(ctx, tx, p, audit.Entry{Action: "complaint.step", EntityType: "complaint",
			EntityID: audit.ID(id), StoreID: &storeID, After: map[string]any{"note": note, "photos": len(photos)}})
	})
	return toStep(out), err
}

// Resolve closes an open complaint with its resolution and compensation.
func (s *Service) Resolve(ctx context.Context, p *authz.Principal, storeID, id int64, res Resolution, version *int) (Complaint, error) {
	if _, err := s.load(ctx, s.db, p, storeID, id); err != nil {
		return Complaint{}, err
	}
	if !handles(p) {
		return Complaint{}, apperr.New(apperr.ErrForbidden, "forbidden", "only the store's staff resolve complaints")
	}
	if err := res.Validate(); err != nil {
		return Complaint{}, err
	}
	now := s.now()
	return s.change(ctx, p, storeID, id, version, StatusOpen, "complaint.resolve", map[string]any{"status": StatusResolved,
		"resolution": res.Text, "compensation": res.Compensation, "resolved_at": now, "resolved_by": p.ActorID()})
}

// Reopen opens a resolved complaint again (the store manager's call); its resolution stays
// until it is resolved again.
func (s *Service) Reopen(ctx context.Context, p *authz.Principal, storeID, id int64, version *int) (Complaint, error) {
	if _, err := s.load(ctx, s.db, p, storeID, id); err != nil {
		return Complaint{}, err
	}
	if !reopens(p) {
		return Complaint{}, apperr.New(apperr.ErrForbidden, "forbidden", "only the store manager reopens a complaint")
	}
	return s.change(ctx, p, storeID, id, version, StatusResolved, "complaint.reopen", map[string]any{"status": StatusOpen,
		"resolved_at": nil, "resolved_by": nil})
}

// change updates a complaint in status from, guarded by its version, with an audit entry.
func (s *Service) change(ctx context.Context, p *authz.Principal, storeID, id int64, version *int, from, action string, set map[string]any) (Complaint, error) {
	var out complaintRow
	err := database.Tx(ctx, s.db, func(tx *gorm.DB) error {
		before, err := s.load(ctx, tx, p, storeID, id)
		if err != nil {
			return err
		}
		if version != nil && *version != before.Version {
			return apperr.New(apperr.ErrConflict, "stale_version", "the complaint was changed by someone else: reload it and try again")
		}
		if before.Status != from {
			return wrongStatus(before.Status, from)
		}
		set["version"], set["updated_at"] = before.Version+1, s.now()
		res := tx.Model(&complaintRow{}).Where("id = ? AND version = ?", id, before.Version).Updates(set)
		if res.Error != nil {
			return res.Error
		}
		if res.RowsAffected != 1 {
			return apperr.New(apperr.ErrConflict, "stale_version", "the complaint was changed by someone else: reload it and try again")
		}
		if out, err = s.load(ctx, tx, p, storeID, id); err != nil {
			return err
		}
		return s.Audit.Write(ctx, tx, p, audit.Entry{Action: action, EntityType: "complaint", EntityID: audit.ID(id),
			StoreID: &storeID, Before: auditOf(before), After: auditOf(out)})
	})
	return toComplaint(out), err
}

func wrongStatus(have, want string) error {
	return apperr.New(apperr.ErrConflict, "wrong_status", fmt.Sprintf("the complaint is %s, not %s", have, want))
}

func auditOf(r complaintRow) map[string]any {
	return map[string]any{"channel": r.Channel, "category": r.Category, "department_code": r.DepartmentCode, "sku": r.SKU,
		"status": r.Status, "resolution": r.Resolution, "compensation": r.Compensation}
}

// Report summarises the complaints received in [from, to) of storeID, or of every store when
// storeID is nil (HQ and admins only).
func (s *Service) Report(ctx context.Context, p *authz.Principal, storeID *int64, from, to time.Time) (Report, error) {
	if storeID == nil && !p.SeesAllStores() {
		return Report{}, apperr.New(apperr.ErrForbidden, "forbidden", "the chain-wide report is HQ's")
	}
	if storeID != nil {
		if err := p.RequireStore(*storeID); err != nil {
			return Report{}, err
		}
	}
	rows, err := all(ctx, s.db, storeID, from, to)
	if err != nil {
		return Report{}, err
	}
	list := make([]Complaint, len(rows))
	for i, r := range rows {
		list[i] = toComplaint(r)
	}
	rep := Summarise(list)
	if storeID != nil {
		rep.ByStore = nil
		return rep, nil
	}
	ids := make([]int64, len(rep.ByStore))
	for i, g := range rep.ByStore {
		ids[i] = g.StoreID
	}
	named, err := s.Org.StoresByID(ctx, ids)
	if err != nil {
		return Report{}, err
	}
	for i, g := range rep.ByStore {
		rep.ByStore[i].StoreName = named[g.StoreID].Name
	}
	return rep, nil
}
