package training

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"gorm.io/gorm"

	"github.com/storeops/storeops/internal/platform/apperr"
	"github.com/storeops/storeops/internal/platform/attachments"
	"github.com/storeops/storeops/internal/platform/authz"
	"github.com/storeops/storeops/internal/platform/civil"
	"github.com/storeops/storeops/internal/platform/database"
	"github.com/storeops/storeops/internal/platform/outbox"
	"github.com/storeops/storeops/internal/platform/paging"
)

// CertificateInput is a new certificate or the fields of a change (nil: unchanged).
type CertificateInput struct {
	EmployeeID *int64
	Number     *string
	IssuedOn   *civil.Date
	ExpiresOn  *civil.Date
	Photos     []int64
	Version    int
}

// CertificateView is a certificate with its employee, state and photos.
type CertificateView struct {
	CertStatus
	Photos []attachments.Attachment
}

// ListCertificates answers a page of a store's certificates, soonest expiry first, each with
// its state as of the store's today.
func (s *Service) ListCertificates(ctx context.Context, p *authz.Principal, storeID int64, pg paging.Page) ([]CertificateView, int64, error) {
	if err := p.RequireStore(storeID); err != nil {
		return nil, 0, err
	}
	today, err := s.today(ctx, storeID)
	if err != nil {
		return nil, 0, err
	}
	q := s.db.WithContext(ctx).Model(&certificateRow{}).Where("store_id = ?", storeID)
	var total int64
	if err := q.Count(&total).Error; err != nil {
		return nil, 0, err
	}
	var rows []certificateRow
	if err := q.Order("expires_on, id").Offset(pg.Offset()).Limit(pg.PageSize).Find(&rows).Error; err != nil {
		return nil, 0, err
	}
	out, err := s.views(ctx, storeID, rows, today)
	return out, total, err
}

// Standing answers the store's active food handlers whose latest certificate is missing,
// expired or expires within days, worst first.
func (s *Service) Standing(ctx context.Context, p *authz.Principal, storeID int64, days int) ([]CertificateView, error) {
	if err := p.RequireStore(storeID); err != nil {
		return nil, err
	}
	return s.standing(ctx, storeID, days)
}

func (s *Service) standing(ctx context.Context, storeID int64, days int) ([]CertificateView, error) {
	today, err := s.today(ctx, storeID)
	if err != nil {
		return nil, err
	}
	var emps []employeeRow
	if err := s.db.WithContext(ctx).Where("store_id = ? AND active = ? AND food_handler = ?", storeID, true, true).
		Order("name, id").Limit(maxAttendees).Find(&emps).Error; err != nil {
		return nil, err
	}
	latest, err := s.latest(ctx, storeID)
	if err != nil {
		return nil, err
	}
	var rows []certificateRow
	var bare []CertificateView
	for _, e := range emps {
		c, ok := latest[e.ID]
		switch {
		case !ok:
			bare = append(bare, CertificateView{CertStatus: CertStatus{Employee: toEmployee(e), State: CertMissing}})
		case int(c.ExpiresOn-today) <= days:
			rows = append(rows, c)
		}
	}
	out, err := s.views(ctx, storeID, rows, today)
	if err != nil {
		return nil, err
	}
	return append(bare, out...), nil
}

// latest maps each employee of the store to their certificate expiring last.
func (s *Service) latest(ctx context.Context, storeID int64) (map[int64]certificateRow, error) {
	var rows []certificateRow
	if err := s.db.WithContext(ctx).Where("store_id = ?", storeID).Where(
		"NOT EXISTS (SELECT 1 FROM health_certificates n WHERE n.employee_id = health_certificates.employee_id AND " +
			"(n.expires_on > health_certificates.expires_on OR (n.expires_on = health_certificates.expires_on AND n.id > health_certificates.id)))").
		Order("expires_on, id").Find(&rows).Error; err != nil {
		return nil, err
	}
	out := map[int64]certificateRow{}
	for _, r := range rows {
		out[r.EmployeeID] = r
	}
	return out, nil
}

// views adds employees, states and photos to certificate rows.
func (s *Service) views(ctx context.Context, storeID int64, rows []certificateRow, today civil.Date) ([]CertificateView, error) {
	empIDs, ids := make([]int64, len(rows)), make([]int64, len(rows))
	for i, r := range rows {
		empIDs[i], ids[i] = r.EmployeeID, r.ID
	}
	emps := map[int64]employeeRow{}
	if len(rows) > 0 {
		var list []employeeRow
		if err := s.db.WithContext(ctx).Where("store_id = ? AND id IN ?", storeID, empIDs).Find(&list).Error; err != nil {
			return nil, err
		}
		for _, e := range list {
			emps[e.ID] = e
		}
	}
	photos, err := s.Attachments.ForOwners(ctx, KindCertificate, ids)
	if err != nil {
		return nil, err
	}
	out := make([]CertificateView, len(rows))
	for i, r := range rows {
		c := toCertificate(r)
		state, left := CertState(&c, today, ExpiringWindow)
		out[i] = CertificateView{CertStatus: CertStatus{Employee: toEmployee(emps[r.EmployeeID]), Certificate: &c,
			State: state, DaysLeft: left}, Photos: photos[r.ID]}
	}
	return out, nil
}

// CreateCertificate records a health certificate of one of the store's employees.
func (s *Service) CreateCertificate(ctx context.Context, p *authz.Principal, storeID int64, in CertificateInput) (CertificateView, error) {
	if err := p.RequireStore(storeID); err != nil {
		return CertificateView{}, err
	}
	if !manages(p) {
		return CertificateView{}, apperr.New(apperr.ErrForbidden, "forbidden", "only the store manager records health certificates")
	}
	if in.EmployeeID == nil || in.Number == nil || in.IssuedOn == nil || in.ExpiresOn == nil {
		return CertificateView{}, apperr.FieldErrors{"employee_id": "employee_id, number, issued_on and expires_on are required"}
	}
	now := s.now()
	r := certificateRow{StoreID: storeID, EmployeeID: *in.EmployeeID, Number: strings.TrimSpace(*in.Number),
		IssuedOn: *in.IssuedOn, ExpiresOn: *in.ExpiresOn, Version: 1, CreatedBy: p.ActorID(), CreatedAt: now, UpdatedAt: now}
	if err := toCertificate(r).Validate(); err != nil {
		return CertificateView{}, err
	}
	err := database.Tx(ctx, s.db, func(tx *gorm.DB) error {
		if _, err := s.employee(ctx, tx, storeID, r.EmployeeID); err != nil {
			return err
		}
		if err := tx.Create(&r).Error; err != nil {
			return err
		}
		return s.Attachments.Link(ctx, tx, p, in.Photos, attachments.Owner{Kind: KindCertificate, ID: r.ID, StoreID: storeID})
	})
	if err != nil {
		return CertificateView{}, err
	}
	return s.certificate(ctx, p, r.ID)
}

// PatchCertificate corrects or renews a certificate; a stale version is 409. Photos given
// are added to the ones linked.
func (s *Service) PatchCertificate(ctx context.Context, p *authz.Principal, id int64, in CertificateInput) (CertificateView, error) {
	err := database.Tx(ctx, s.db, func(tx *gorm.DB) error {
		var rows []certificateRow
		if err := tx.Where("id = ?", id).Limit(1).Find(&rows).Error; err != nil {
			return err
		}
		if len(rows) == 0 || !p.CanSeeStore(rows[0].StoreID) {
			return notFound("health certificate", id)
		}
		if !manages(p) {
			return apperr.New(apperr.ErrForbidden, "forbidden", "only the store manager records health certificates")
		}
		r := rows[0]
		if r.Version != in.Version {
			return stale("the health certificate")
		}
		if in.EmployeeID != nil {
			if _, err := s.employee(ctx, tx, r.StoreID, *in.EmployeeID); err != nil {
				return err
			}
			r.EmployeeID = *in.EmployeeID
		}
		if in.Number != nil {
			r.Number = strings.TrimSpace(*in.Number)
		}
		if in.IssuedOn != nil {
			r.IssuedOn = *in.IssuedOn
		}
		if in.ExpiresOn != nil {
			r.ExpiresOn = *in.ExpiresOn
		}
		if err := toCertificate(r).Validate(); err != nil {
			return err
		}
		r.Version++
		r.UpdatedAt = s.now()
		res := tx.Model(&certificateRow{}).Where("id = ? AND version = ?", id, in.Version).Select("*").Updates(&r)
		if res.Error != nil {
			return res.Error
		}
		if res.RowsAffected != 1 {
			return stale("the health certificate")
		}
		return s.Attachments.Link(ctx, tx, p, in.Photos, attachments.Owner{Kind: KindCertificate, ID: id, StoreID: r.StoreID})
	})
	if err != nil {
		return CertificateView{}, err
	}
	return s.certificate(ctx, p, id)
}

// certificate reads one certificate's view in p's scope.
func (s *Service) certificate(ctx context.Context, p *authz.Principal, id int64) (CertificateView, error) {
	var r certificateRow
	err := s.db.WithContext(ctx).Where("id = ?", id).Take(&r).Error
	if errors.Is(err, gorm.ErrRecordNotFound) || (err == nil && !p.CanSeeStore(r.StoreID)) {
		return CertificateView{}, notFound("health certificate", id)
	}
	if err != nil {
		return CertificateView{}, err
	}
	today, err := s.today(ctx, r.StoreID)
	if err != nil {
		return CertificateView{}, err
	}
	out, err := s.views(ctx, r.StoreID, []certificateRow{r}, today)
	if err != nil {
		return CertificateView{}, err
	}
	return out[0], nil
}

// VisibleCertificate is the attachments' rule for a certificate's photos: seen by whoever
// sees the store.
func (s *Service) VisibleCertificate(ctx context.Context, p *authz.Principal, id int64) error {
	var storeID int64
	err := s.db.WithContext(ctx).Model(&certificateRow{}).Where("id = ?", id).Limit(1).Pluck("store_id", &storeID).Error
	if err != nil {
		return err
	}
	if storeID == 0 || !p.CanSeeStore(storeID) {
		return notFound("health certificate", id)
	}
	return nil
}

// reminderNotice is what a certificate reminder says.
type reminderNotice struct {
	CertificateID int64  `json:"certificate_id"`
	EmployeeID    int64  `json:"employee_id"`
	EmployeeName  string `json:"employee_name"`
	Number        string `json:"number"`
	ExpiresOn     string `json:"expires_on"`
	DaysLeft      int    `json:"days_left"`
	Threshold     int    `json:"threshold"`
	Link          string `json:"link"`
}

// reminderRow is a certificate to remind of with its employee's name.
type reminderRow struct {
	ID         int64
	EmployeeID int64
	Number     string
	ExpiresOn  civil.Date
	Name       string
}

// TopicCertificateExpiring is the outbox topic of a reminder before a certificate lapses.
const TopicCertificateExpiring = "training.certificate_expiring"

// RemindCertificates writes the reminders due on today for a store's current certificates of
// active employees: one per certificate and threshold (30 and 7 days before expiry), keyed
// so that a second run adds nothing. It answers how many reminders are due today (a rerun
// answers the same number and adds nothing).
func (s *Service) RemindCertificates(ctx context.Context, storeID int64, today civil.Date) (int, error) {
	var rows []reminderRow
	err := s.db.WithContext(ctx).Table("health_certificates").
		Select("health_certificates.id, health_certificates.employee_id, health_certificates.number, health_certificates.expires_on, employees.name").
		Joins("JOIN employees ON employees.id = health_certificates.employee_id").
		Where("health_certificates.store_id = ? AND health_certificates.expires_on >= ? AND health_certificates.expires_on <= ?",
			storeID, today, today.AddDays(ReminderThresholds[0])).
		Where("employees.active = ?", true).
		Where("NOT EXISTS (SELECT 1 FROM health_certificates n WHERE n.employee_id = health_certificates.employee_id AND n.expires_on > health_certificates.expires_on)").
		Scan(&rows).Error
	if err != nil {
		return 0, err
	}
	added := 0
	err = database.Tx(ctx, s.db, func(tx *gorm.DB) error {
		added = 0
		for _, r := range rows {
			left := int(r.ExpiresOn - today)
			t := ReminderDue(left)
			if t == 0 {
				continue
			}
			store := storeID
			c := certificateRow{ID: r.ID, EmployeeID: r.EmployeeID, Number: r.Number, ExpiresOn: r.ExpiresOn}
			if _, err := s.Notify.Add(ctx, tx, messageFor(store, c, r.Name, left, t)); err != nil {
				return err
			}
			added++
		}
		return nil
	})
	return added, err
}

func reminderKey(id int64, threshold int) string { return fmt.Sprintf("%d:%d", id, threshold) }

// messageFor is the outbox message of one reminder.
func messageFor(storeID int64, c certificateRow, name string, left, threshold int) outbox.Message {
	return outbox.Message{Topic: TopicCertificateExpiring, StoreID: &storeID, Key: reminderKey(c.ID, threshold),
		Payload: reminderNotice{CertificateID: c.ID, EmployeeID: c.EmployeeID, EmployeeName: name, Number: c.Number,
			ExpiresOn: c.ExpiresOn.String(), DaysLeft: left, Threshold: threshold, Link: "/training?tab=certificates"}}
}
