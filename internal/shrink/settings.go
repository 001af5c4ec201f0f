package shrink

import (
	"context"
	"fmt"
	"slices"

	"gorm.io/gorm"

	"github.com/storeops/storeops/internal/platform/apperr"
	"github.com/storeops/storeops/internal/platform/audit"
	"github.com/storeops/storeops/internal/platform/authz"
	"github.com/storeops/storeops/internal/platform/database"
	"github.com/storeops/storeops/internal/platform/fixed"
)

// Settings are a store's write-off threshold and its departments' markdown rules.
type Settings struct {
	StoreID     int64
	Threshold   fixed.Money
	Version     int // 0: the default threshold
	Departments []Rules
}

// Settings answers the store's settings, departments it runs in order, defaults filled in.
func (s *Service) Settings(ctx context.Context, p *authz.Principal, storeID int64) (Settings, error) {
	depts, err := s.Stores.StoreDepartments(ctx, p, storeID)
	if err != nil {
		return Settings{}, err
	}
	return s.settings(ctx, s.db, storeID, depts)
}

func (s *Service) settings(ctx context.Context, db *gorm.DB, storeID int64, depts []string) (Settings, error) {
	threshold, version, err := loadThreshold(ctx, db, storeID)
	if err != nil {
		return Settings{}, err
	}
	rules, err := loadRules(ctx, db, storeID, depts)
	if err != nil {
		return Settings{}, err
	}
	out := Settings{StoreID: storeID, Threshold: threshold, Version: version}
	for _, d := range depts {
		out.Departments = append(out.Departments, rules[d])
	}
	return out, nil
}

// mayConfigure: the store manager of the store, or an admin.
func mayConfigure(p *authz.Principal, storeID int64) error {
	if err := p.RequireStore(storeID); err != nil {
		return err
	}
	return p.RequireRole(authz.RoleAdmin, authz.RoleStoreManager)
}

// PutThreshold sets the store's write-off threshold; version is the stored one (0 for the default).
func (s *Service) PutThreshold(ctx context.Context, p *authz.Principal, storeID int64, threshold fixed.Money, version int) (Settings, error) {
	if err := mayConfigure(p, storeID); err != nil {
		return Settings{}, err
	}
	fe := apperr.FieldErrors{}
	if threshold < 0 {
		fe.Add("write_off_threshold", "must not be negative")
	} else {
		fixed.ShrinkSettingsWriteOffThreshold.FieldMoney(fe, "write_off_threshold", threshold)
	}
	if err := fe.Err(); err != nil {
		return Settings{}, err
	}
	depts, err := s.Stores.StoreDepartments(ctx, p, storeID)
	if err != nil {
		return Settings{}, err
	}
	var out Settings
	err = database.Tx(ctx, s.db, func(tx *gorm.DB) error {
		before, have, err := loadThreshold(ctx, tx, storeID)
		if err != nil {
			return err
		}
		if have != version {
			return stale("the threshold")
		}
		now := s.now()
		if version == 0 {
			err = tx.Create(&settingsRow{StoreID: storeID, WriteOffThreshold: threshold, Version: 1, UpdatedAt: now}).Error
		} else {
			res := tx.Model(&settingsRow{}).Where("store_id = ? AND version = ?", storeID, version).Updates(map[string]any{
				"write_off_threshold": threshold, "version": version + 1, "updated_at": now})
			if err = res.Error; err == nil && res.RowsAffected == 0 {
				err = stale("the threshold")
			}
		}
		if err != nil {
			return database.Translate(err, "the threshold")
		}
		if err := s.Audit.Write(ctx, tx, p, audit.Entry{Action: "shrink_settings.update", EntityType: "shrink_settings",
			EntityID: audit.ID(storeID), StoreID: &storeID, Before: map[string]any{"write_off_threshold": before},
			After: map[string]any{"write_off_threshold": threshold}}); err != nil {
			return err
		}
		out, err = s.settings(ctx, tx, storeID, depts)
		return err
	})
	return out, err
}

// PutRules sets a department's markdown rules in the store.
func (s *Service) PutRules(ctx context.Context, p *authz.Principal, storeID int64, r Rules) (Rules, error) {
	if err := mayConfigure(p, storeID); err != nil {
		return Rules{}, err
	}
	depts, err := s.Stores.StoreDepartments(ctx, p, storeID)
	if err != nil {
		return Rules{}, err
	}
	if !slices.Contains(depts, r.DepartmentCode) {
		return Rules{}, apperr.New(apperr.ErrNotFound, "not_found", fmt.Sprintf("the store runs no department %s", r.DepartmentCode))
	}
	if err := r.Validate(); err != nil {
		return Rules{}, err
	}
	var out Rules
	err = database.Tx(ctx, s.db, func(tx *gorm.DB) error {
		have, err := loadRules(ctx, tx, storeID, []string{r.DepartmentCode})
		if err != nil {
			return err
		}
		before := have[r.DepartmentCode]
		if before.Version != r.Version {
			return stale("the markdown rules")
		}
		now := s.now()
		row := rulesRow{StoreID: storeID, DepartmentCode: r.DepartmentCode, Ladder: FormatLadder(r.Ladder),
			MaxDiscountPct: r.MaxDiscount, WindowDays: r.WindowDays, Schedule: FormatSchedule(r.Schedule),
			Version: r.Version + 1, UpdatedAt: now}
		if r.Version == 0 {
			err = tx.Create(&row).Error
		} else {
			res := tx.Model(&rulesRow{}).Where("store_id = ? AND department_code = ? AND version = ?", storeID,
				r.DepartmentCode, r.Version).Select("*").Updates(row)
			if err = res.Error; err == nil && res.RowsAffected == 0 {
				err = stale("the markdown rules")
			}
		}
		if err != nil {
			return database.Translate(err, "the markdown rules")
		}
		out = r
		out.Version = row.Version
		return s.Audit.Write(ctx, tx, p, audit.Entry{Action: "markdown_rules.update", EntityType: "markdown_rules",
			EntityID: r.DepartmentCode, StoreID: &storeID, Before: rulesAudit(before), After: rulesAudit(out)})
	})
	return out, err
}

func rulesAudit(r Rules) map[string]any {
	return map[string]any{"ladder": FormatLadder(r.Ladder), "max_discount_pct": r.MaxDiscount,
		"window_days": r.WindowDays, "schedule": FormatSchedule(r.Schedule)}
}

// PutLayout sets the chain's label layout (admins).
func (s *Service) PutLayout(ctx context.Context, p *authz.Principal, l Layout) (Layout, error) {
	if err := p.RequireRole(authz.RoleAdmin); err != nil {
		return Layout{}, err
	}
	if !l.Enabled && l.Prefix == "" {
		l.Prefix, l.ItemDigits, l.PriceDigits = DefaultLayout.Prefix, DefaultLayout.ItemDigits, DefaultLayout.PriceDigits
	}
	if err := l.Validate(); err != nil {
		return Layout{}, err
	}
	var out Layout
	err := database.Tx(ctx, s.db, func(tx *gorm.DB) error {
		before, err := loadLayout(ctx, tx)
		if err != nil {
			return err
		}
		if before.Version != l.Version {
			return stale("the label layout")
		}
		row := layoutRow{ID: 1, Enabled: l.Enabled, Prefix: l.Prefix, ItemDigits: l.ItemDigits, PriceDigits: l.PriceDigits,
			Version: l.Version + 1, UpdatedAt: s.now()}
		if l.Version == 0 {
			err = tx.Create(&row).Error
		} else {
			res := tx.Model(&layoutRow{}).Where("id = 1 AND version = ?", l.Version).Select("*").Updates(row)
			if err = res.Error; err == nil && res.RowsAffected == 0 {
				err = stale("the label layout")
			}
		}
		if err != nil {
			return database.Translate(err, "the label layout")
		}
		out = l
		out.Version = row.Version
		return s.Audit.Write(ctx, tx, p, audit.Entry{Action: "label_layout.update", EntityType: "label_layout",
			EntityID: "1", Before: before, After: out})
	})
	return out, err
}
