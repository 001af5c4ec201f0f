package safety

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"gorm.io/gorm"

	"github.com/storeops/storeops/internal/platform/apperr"
	"github.com/storeops/storeops/internal/platform/attachments"
	"github.com/storeops/storeops/internal/platform/audit"
	"github.com/storeops/storeops/internal/platform/authz"
	"github.com/storeops/storeops/internal/platform/civil"
	"github.com/storeops/storeops/internal/platform/database"
	"github.com/storeops/storeops/internal/platform/fixed"
	"github.com/storeops/storeops/internal/platform/paging"
)

// Inspection is a template version filled for a store's department on a business day.
type Inspection struct {
	ID              int64
	StoreID         int64
	DepartmentCode  string
	Area            string
	TemplateID      int64
	TemplateVersion int
	Title           string
	BusinessDate    civil.Date
	Score           fixed.Money
	PassScore       int
	Passed          bool
	CriticalFailed  bool
	FailedCount     int
	Note            string
	InspectorID     *int64
	InspectorName   string
	CreatedAt       time.Time
	// Results are the items with their answers (only when one inspection is read).
	Results []Result
}

func toInspection(r inspectionRow) Inspection {
	return Inspection{ID: r.ID, StoreID: r.StoreID, DepartmentCode: r.DepartmentCode, Area: r.Area,
		TemplateID: r.TemplateID, TemplateVersion: r.TemplateVersion, Title: r.Title, BusinessDate: r.BusinessDate,
		Score: r.Score, PassScore: r.PassScore, Passed: r.Passed, CriticalFailed: r.CriticalFailed,
		FailedCount: r.FailedCount, Note: r.Note, InspectorID: r.InspectorID, InspectorName: r.InspectorName,
		CreatedAt: r.CreatedAt}
}

// NewInspection is an inspection as submitted.
type NewInspection struct {
	TemplateID      int64
	TemplateVersion int // 0: the current version
	DepartmentCode  string
	Answers         []Answer
	Note            string
	// Date enters an inspection of an earlier business day (the demo's history); 0: today.
	Date civil.Date
	// EquipmentID names the piece of equipment whose temperature the °C items read (nil:
	// none); the readings are recorded through the Readings seam.
	EquipmentID *int64
}

// InspectionFilter narrows a store's inspections.
type InspectionFilter struct {
	DepartmentCode, Area string
	Passed               *bool
	From, To             *civil.Date
}

// Submit records an inspection: the answers are checked and scored against the template
// version, and every failed item opens a corrective action owned by the inspector, due the
// same day when critical and within two days otherwise. Nothing is saved when anything is
// refused.
func (s *Service) Submit(ctx context.Context, p *authz.Principal, storeID int64, n NewInspection) (Inspection, error) {
	if err := p.RequireStore(storeID); err != nil {
		return Inspection{}, err
	}
	if err := p.RequireRole(authz.RoleAdmin, authz.RoleStoreManager, authz.RoleSupervisor); err != nil {
		return Inspection{}, err
	}
	if utf8.RuneCountInString(n.Note) > 500 {
		return Inspection{}, apperr.FieldErrors{"note": "must be at most 500 characters"}
	}
	if err := s.requireDepartment(ctx, p, storeID, "department_code", n.DepartmentCode); err != nil {
		return Inspection{}, err
	}
	c, err := s.checklist(ctx, s.db, p, n.TemplateID, n.TemplateVersion)
	if err != nil || (c.StoreID != nil && *c.StoreID != storeID) || !c.Active {
		if err == nil || errors.Is(err, apperr.ErrNotFound) {
			err = apperr.FieldErrors{"template_id": "is not a checklist of this store"}
		}
		return Inspection{}, err
	}
	if c.DepartmentCode != "" && c.DepartmentCode != n.DepartmentCode {
		return Inspection{}, apperr.FieldErrors{"department_code": "the checklist is for department " + c.DepartmentCode}
	}
	out, err := Judge(c.Items, c.PassScore, n.Answers)
	if err != nil {
		return Inspection{}, err
	}
	if err := s.checkEquipment(ctx, p, storeID, n.EquipmentID); err != nil {
		return Inspection{}, err
	}
	day, err := s.today(ctx, storeID)
	if err != nil {
		return Inspection{}, err
	}
	if n.Date != 0 && n.Date < day {
		day = n.Date
	}
	name := s.displayName(ctx, p)
	var row inspectionRow
	err = database.Tx(ctx, s.db, func(tx *gorm.DB) error {
		row = inspectionRow{StoreID: storeID, DepartmentCode: n.DepartmentCode, Area: c.Area, TemplateID: c.ID,
			TemplateVersion: c.Version, Title: c.Title, BusinessDate: day, Score: out.Score, PassScore: c.PassScore,
			Passed: out.Passed, CriticalFailed: out.CriticalFailed, FailedCount: out.FailedCount, Note: n.Note,
			InspectorID: p.ActorID(), InspectorName: name, CreatedAt: s.now()}
		if err := tx.Create(&row).Error; err != nil {
			return err
		}
		if err := s.saveResults(ctx, tx, p, row, out, name); err != nil {
			return err
		}
		return s.recordReadings(ctx, tx, p, row, out, n.EquipmentID)
	})
	if err != nil {
		return Inspection{}, err
	}
	return toInspection(row), nil
}

// saveResults writes the answers, links their photos, opens the corrective actions and
// writes the audit entries of a new inspection.
func (s *Service) saveResults(ctx context.Context, tx *gorm.DB, p *authz.Principal, row inspectionRow, out Outcome, owner string) error {
	var answers []answerRow
	var actions []actionRow
	photoOwner := attachments.Owner{Kind: KindInspection, ID: row.ID, StoreID: row.StoreID}
	now := s.now()
	for i, r := range out.Results {
		if !r.Answered && r.Answer.Note == "" && len(r.Answer.Photos) == 0 {
			continue
		}
		a := r.Answer
		answers = append(answers, answerRow{InspectionID: row.ID, ItemID: r.Item.ID, Kind: r.Item.Kind, BoolValue: a.Bool,
			NumberValue: a.Number, TextValue: a.Text, ChoiceValue: a.Choice, Photos: joinIDs(a.Photos), Note: a.Note,
			Failed: r.Failed})
		if err := s.Attachments.LinkField(ctx, tx, p, fmt.Sprintf("items[%d].photos", i+1), a.Photos, photoOwner); err != nil {
			return err
		}
		if r.Failed {
			actions = append(actions, actionRow{StoreID: row.StoreID, DepartmentCode: row.DepartmentCode,
				InspectionID: &row.ID, ItemID: r.Item.ID, Title: r.Item.Title, Finding: Finding(r.Item, a),
				Critical: r.Item.Critical, OwnerID: p.ActorID(), OwnerName: owner, DueDate: DueDate(row.BusinessDate, r.Item.Critical),
				Status: ActionOpen, Version: 1, CreatedAt: now, UpdatedAt: now})
		}
	}
	if len(answers) > 0 {
		if err := tx.Create(&answers).Error; err != nil {
			return err
		}
	}
	entries := []audit.Entry{{Action: "inspection.create", EntityType: KindInspection, EntityID: audit.ID(row.ID),
		StoreID: &row.StoreID, After: auditJSON(map[string]any{"template_id": row.TemplateID,
			"template_version": row.TemplateVersion, "department_code": row.DepartmentCode, "score": row.Score,
			"passed": row.Passed, "critical_failed": row.CriticalFailed, "failed_count": row.FailedCount})}}
	if len(actions) > 0 {
		if err := tx.Create(&actions).Error; err != nil {
			return err
		}
		for _, a := range actions {
			entries = append(entries, audit.Entry{Action: "corrective_action.open", EntityType: KindAction,
				EntityID: audit.ID(a.ID), StoreID: &row.StoreID, After: toActionAudit(a)})
		}
	}
	return s.Audit.WriteMany(ctx, tx, p, entries)
}

// Finding says what a failed answer was: the reading with its unit, the choice, or "no".
func Finding(it Item, a Answer) string {
	switch {
	case a.Number != nil:
		return strings.TrimSpace(a.Number.String() + " " + it.Unit)
	case a.Bool != nil:
		return strconv.FormatBool(*a.Bool)
	}
	return a.Choice
}

func joinIDs(ids []int64) string {
	parts := make([]string, len(ids))
	for i, id := range ids {
		parts[i] = strconv.FormatInt(id, 10)
	}
	return strings.Join(parts, ",")
}

func splitIDs(s string) []int64 {
	var out []int64
	for _, part := range strings.Split(s, ",") {
		if id, err := strconv.ParseInt(part, 10, 64); err == nil {
			out = append(out, id)
		}
	}
	return out
}

// displayName is p's name as shown on records: the display name, else the username.
func (s *Service) displayName(ctx context.Context, p *authz.Principal) string {
	if id := p.ActorID(); id != nil {
		if users, err := s.Users.UsersByID(ctx, p, []int64{*id}); err == nil && users[*id].DisplayName != "" {
			return users[*id].DisplayName
		}
	}
	return p.Username
}

// ListInspections answers a store's inspections in p's scope, newest first.
func (s *Service) ListInspections(ctx context.Context, p *authz.Principal, storeID int64, f InspectionFilter, pg paging.Page) ([]Inspection, int64, error) {
	if err := p.RequireStore(storeID); err != nil {
		return nil, 0, err
	}
	q := s.db.WithContext(ctx).Model(&inspectionRow{}).Where("store_id = ?", storeID)
	if depts := scopeDepartments(p); depts != nil {
		q = q.Where("department_code IN ?", append(depts, ""))
	}
	if f.DepartmentCode != "" {
		q = q.Where("department_code = ?", f.DepartmentCode)
	}
	if f.Area != "" {
		q = q.Where("area = ?", f.Area)
	}
	if f.Passed != nil {
		q = q.Where("passed = ?", *f.Passed)
	}
	if f.From != nil {
		q = q.Where("business_date >= ?", *f.From)
	}
	if f.To != nil {
		q = q.Where("business_date <= ?", *f.To)
	}
	var total int64
	if err := q.Count(&total).Error; err != nil {
		return nil, 0, err
	}
	var rows []inspectionRow
	if err := q.Order("business_date DESC, id DESC").Offset(pg.Offset()).Limit(pg.PageSize).Find(&rows).Error; err != nil {
		return nil, 0, err
	}
	out := make([]Inspection, len(rows))
	for i, r := range rows {
		out[i] = toInspection(r)
	}
	return out, total, nil
}

func (s *Service) loadInspection(ctx context.Context, db *gorm.DB, p *authz.Principal, id int64) (inspectionRow, error) {
	var r inspectionRow
	err := db.WithContext(ctx).Take(&r, id).Error
	if errors.Is(err, gorm.ErrRecordNotFound) || (err == nil && !p.CanSeeDepartment(r.StoreID, r.DepartmentCode)) {
		return r, notFound("inspection", id)
	}
	return r, err
}

// VisibleInspection answers 404 unless inspection id is in p's scope (also the visibility
// rule of its photos).
func (s *Service) VisibleInspection(ctx context.Context, p *authz.Principal, id int64) error {
	_, err := s.loadInspection(ctx, s.db, p, id)
	return err
}

// GetInspection answers an inspection with every item of its template version and the
// answers, and its photos.
func (s *Service) GetInspection(ctx context.Context, p *authz.Principal, id int64) (Inspection, []attachments.Attachment, error) {
	r, err := s.loadInspection(ctx, s.db, p, id)
	if err != nil {
		return Inspection{}, nil, err
	}
	c, err := s.checklist(ctx, s.db, authz.System("safety"), r.TemplateID, r.TemplateVersion)
	if err != nil {
		return Inspection{}, nil, err
	}
	var rows []answerRow
	if err := s.db.WithContext(ctx).Where("inspection_id = ?", id).Order("item_id").Find(&rows).Error; err != nil {
		return Inspection{}, nil, err
	}
	byItem := map[int]answerRow{}
	for _, a := range rows {
		byItem[a.ItemID] = a
	}
	out := toInspection(r)
	for _, it := range c.Items {
		res := Result{Item: it}
		if a, ok := byItem[it.ID]; ok {
			res.Answer = Answer{ItemID: it.ID, Bool: a.BoolValue, Number: a.NumberValue, Text: a.TextValue,
				Choice: a.ChoiceValue, Photos: splitIDs(a.Photos), Note: a.Note}
			res.Answered, res.Failed = res.Answer.answered(it.Kind), a.Failed
		}
		out.Results = append(out.Results, res)
	}
	photos, err := s.Attachments.ForOwner(ctx, KindInspection, id)
	return out, photos, err
}
