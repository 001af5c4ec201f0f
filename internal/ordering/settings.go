package ordering

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"gorm.io/gorm"

	"github.com/storeops/storeops/internal/platform/apperr"
	"github.com/storeops/storeops/internal/platform/audit"
	"github.com/storeops/storeops/internal/platform/authz"
	"github.com/storeops/storeops/internal/platform/civil"
	"github.com/storeops/storeops/internal/platform/database"
	"github.com/storeops/storeops/internal/platform/fixed"
)

// Settings are a department's ordering rules: the weekdays it takes deliveries (digits of
// time.Weekday, "0123456" daily), its service level in percent, and the warmest delivery it
// accepts in °C (nil: not checked; chilled and frozen departments set it).
type Settings struct {
	DepartmentCode   string
	DeliveryWeekdays string
	ServiceLevel     fixed.Money // percent, 2 decimals
	MaxDeliveryTemp  *fixed.Money
	Version          int // 0: the defaults, never saved
}

// Delivers reports whether the department takes deliveries on day d.
func (st Settings) Delivers(d civil.Date) bool { return deliversOn(st.DeliveryWeekdays, d) }

func deliversOn(weekdays string, d civil.Date) bool {
	return strings.ContainsRune(weekdays, rune('0'+d.Weekday()))
}

// defaults are the settings of a department without a row: daily at 95 %, no temperature check.
func defaults(dept string) Settings {
	return Settings{DepartmentCode: dept, DeliveryWeekdays: DefaultWeekdays, ServiceLevel: defaultServiceLevel}
}

// Default settings of a department without a row.
const DefaultWeekdays = "0123456"

var defaultServiceLevel = fixed.Money(9500)

// Service-level bounds in percent (hundredths).
var (
	minServiceLevel = fixed.Money(5000)
	maxServiceLevel = fixed.Money(9990)
	maxTemp         = fixed.Money(4000)
)

// ValidateSettings checks a department's settings, naming the field.
func ValidateSettings(st Settings) error {
	fe := apperr.FieldErrors{}
	if !ValidWeekdays(st.DeliveryWeekdays) {
		fe.Add("delivery_weekdays", "must list weekday digits 0 (Sunday) to 6, each once, at least one")
	}
	if st.ServiceLevel < minServiceLevel || st.ServiceLevel > maxServiceLevel {
		fe.Add("service_level", fmt.Sprintf("must be from %s to %s (percent)", minServiceLevel, maxServiceLevel))
	}
	if t := st.MaxDeliveryTemp; t != nil && (*t < -maxTemp || *t > maxTemp) {
		fe.Add("max_delivery_temp", fmt.Sprintf("must be from -%s to %s (°C)", maxTemp, maxTemp))
	} else if t != nil && int64(*t)%10 != 0 {
		fe.Add("max_delivery_temp", "must have at most 1 decimal place")
	}
	return fe.Err()
}

// settings answers a department's settings, the defaults when none are stored.
func (s *Service) settings(ctx context.Context, dept string) (Settings, error) {
	var r settingsRow
	err := s.db.WithContext(ctx).Where("department_code = ?", dept).Take(&r).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return defaults(dept), nil
	}
	return toSettings(r), err
}

func toSettings(r settingsRow) Settings {
	return Settings{DepartmentCode: r.DepartmentCode, DeliveryWeekdays: r.DeliveryWeekdays, ServiceLevel: r.ServiceLevel,
		MaxDeliveryTemp: r.MaxDeliveryTemp, Version: r.Version}
}

// ListSettings answers every department's settings (stored or default), for everyone.
func (s *Service) ListSettings(ctx context.Context, depts []string) ([]Settings, error) {
	var rows []settingsRow
	if err := s.db.WithContext(ctx).Find(&rows).Error; err != nil {
		return nil, err
	}
	have := map[string]settingsRow{}
	for _, r := range rows {
		have[r.DepartmentCode] = r
	}
	out := make([]Settings, len(depts))
	for i, d := range depts {
		if r, ok := have[d]; ok {
			out[i] = toSettings(r)
		} else {
			out[i] = defaults(d)
		}
	}
	return out, nil
}

// PutSettings stores a department's settings (admins). version is the stored version, 0 when
// the department has the defaults; a stale one answers 409.
func (s *Service) PutSettings(ctx context.Context, p *authz.Principal, st Settings) (Settings, error) {
	if p.Role != authz.RoleAdmin {
		return Settings{}, apperr.New(apperr.ErrForbidden, "forbidden", "only administrators set ordering rules")
	}
	if err := ValidateSettings(st); err != nil {
		return Settings{}, err
	}
	now := s.now()
	err := database.Tx(ctx, s.db, func(tx *gorm.DB) error {
		var before settingsRow
		err := tx.Where("department_code = ?", st.DepartmentCode).Take(&before).Error
		switch {
		case errors.Is(err, gorm.ErrRecordNotFound):
			if st.Version != 0 {
				return staleSettings()
			}
			r := settingsRow{DepartmentCode: st.DepartmentCode, DeliveryWeekdays: st.DeliveryWeekdays,
				ServiceLevel: st.ServiceLevel, MaxDeliveryTemp: st.MaxDeliveryTemp, Version: 1, UpdatedAt: now}
			if err := tx.Create(&r).Error; err != nil {
				return database.Translate(err, "ordering settings")
			}
		case err != nil:
			return err
		default:
			res := tx.Model(&settingsRow{}).Where("department_code = ? AND version = ?", st.DepartmentCode, st.Version).
				Updates(map[string]any{"delivery_weekdays": st.DeliveryWeekdays, "service_level": st.ServiceLevel,
					"max_delivery_temp": st.MaxDeliveryTemp, "version": gorm.Expr("version + 1"), "updated_at": now})
			if res.Error != nil {
				return res.Error
			}
			if res.RowsAffected == 0 {
				return staleSettings()
			}
		}
		st.Version++
		return s.Audit.Write(ctx, tx, p, audit.Entry{Action: "order_settings.update", EntityType: "order_settings",
			EntityID: st.DepartmentCode, Before: auditJSON(toSettingsJSON(toSettings(before))), After: auditJSON(toSettingsJSON(st))})
	})
	return st, err
}

func staleSettings() error {
	return apperr.New(apperr.ErrConflict, "stale_version", "the ordering settings were changed by someone else: reload them and try again")
}
