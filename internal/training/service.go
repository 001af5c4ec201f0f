package training

import (
	"context"
	"fmt"
	"slices"
	"time"

	"gorm.io/gorm"

	"github.com/storeops/storeops/internal/org"
	"github.com/storeops/storeops/internal/platform/apperr"
	"github.com/storeops/storeops/internal/platform/attachments"
	"github.com/storeops/storeops/internal/platform/authz"
	"github.com/storeops/storeops/internal/platform/civil"
	"github.com/storeops/storeops/internal/platform/outbox"
)

// KindCertificate is the attachment owner kind of a health certificate's photos.
const KindCertificate = "health_certificate"

// Org answers a store's time zone, the chain's departments and users by id (the
// organisation module).
type Org interface {
	StoreLocation(ctx context.Context, storeID int64) (*time.Location, error)
	DepartmentCodes(ctx context.Context) ([]string, error)
	UsersByID(ctx context.Context, p *authz.Principal, ids []int64) (map[int64]org.User, error)
}

// Notifier takes a notification inside the transaction of the event it announces.
type Notifier interface {
	Add(ctx context.Context, tx *gorm.DB, m outbox.Message) (string, error)
}

// Deps are the modules training works with.
type Deps struct {
	Org         Org
	Attachments *attachments.Service
	Notify      Notifier
}

// Service is the training and health certificate use cases; each change is one transaction.
type Service struct {
	db *gorm.DB
	Deps
	now func() time.Time
}

// NewService wires the training module.
func NewService(db *gorm.DB, d Deps, now func() time.Time) *Service {
	return &Service{db: db, Deps: d, now: now}
}

// manages: the store's manager and admins keep the register, sessions and certificates.
func manages(p *authz.Principal) bool { return p.HasRole(authz.RoleAdmin, authz.RoleStoreManager) }

// records: the store's staff tick attendance.
func records(p *authz.Principal) bool {
	return p.HasRole(authz.RoleAdmin, authz.RoleStoreManager, authz.RoleSupervisor)
}

func notFound(what string, id int64) error {
	return apperr.New(apperr.ErrNotFound, "not_found", fmt.Sprintf("%s %d not found", what, id))
}

func stale(what string) error {
	return apperr.New(apperr.ErrConflict, "stale_version", what+" was changed by someone else: reload it and try again")
}

// today is the store's date now.
func (s *Service) today(ctx context.Context, storeID int64) (civil.Date, error) {
	loc, err := s.Org.StoreLocation(ctx, storeID)
	if err != nil {
		return 0, err
	}
	return civil.Today(s.now(), loc), nil
}

// checkDepartments answers a 400 naming field unless every code is a chain department.
func (s *Service) checkDepartments(ctx context.Context, field string, codes ...string) error {
	all, err := s.Org.DepartmentCodes(ctx)
	if err != nil {
		return err
	}
	fe := apperr.FieldErrors{}
	for _, c := range codes {
		if c != "" && !slices.Contains(all, c) {
			fe.Add(field, fmt.Sprintf("the chain has no department %q", c))
		}
	}
	return fe.Err()
}

// employee reads employee id of storeID: another store's is 404.
func (s *Service) employee(ctx context.Context, db *gorm.DB, storeID, id int64) (employeeRow, error) {
	var rows []employeeRow
	if err := db.WithContext(ctx).Where("id = ? AND store_id = ?", id, storeID).Limit(1).Find(&rows).Error; err != nil {
		return employeeRow{}, err
	}
	if len(rows) == 0 {
		return employeeRow{}, notFound("employee", id)
	}
	return rows[0], nil
}

// rules reads the chain's required trainings.
func (s *Service) rules(ctx context.Context) ([]Rule, error) {
	var rows []ruleRow
	if err := s.db.WithContext(ctx).Order("topic").Find(&rows).Error; err != nil {
		return nil, err
	}
	out := make([]Rule, len(rows))
	for i, r := range rows {
		out[i] = Rule(r)
	}
	return out, nil
}
