package coldchain

import (
	"context"
	"slices"
	"strconv"
	"strings"
	"time"

	"gorm.io/gorm"

	"github.com/storeops/storeops/internal/feeds"
	"github.com/storeops/storeops/internal/platform/apperr"
	"github.com/storeops/storeops/internal/platform/audit"
	"github.com/storeops/storeops/internal/platform/authz"
	"github.com/storeops/storeops/internal/platform/civil"
	"github.com/storeops/storeops/internal/platform/database"
	"github.com/storeops/storeops/internal/platform/fixed"
	"github.com/storeops/storeops/internal/platform/idempotency"
	"github.com/storeops/storeops/internal/platform/paging"
)

// ExpenseSource marks a repair's cost in the expenses ledger.
const ExpenseSource = "equipment_repair"

// Maintenance is one maintenance or repair record of a piece of equipment.
type Maintenance struct {
	ID            int64
	EquipmentID   int64
	StoreID       int64
	Kind          string
	DoneOn        civil.Date
	Vendor        string
	Note          string
	Cost          fixed.Money
	CostViaERP    bool
	ExpensePosted bool
	CreatedByName string
	CreatedAt     time.Time
}

func toMaintenance(r maintenanceRow) Maintenance {
	return Maintenance{ID: r.ID, EquipmentID: r.EquipmentID, StoreID: r.StoreID, Kind: r.Kind, DoneOn: r.DoneOn,
		Vendor: r.Vendor, Note: r.Note, Cost: r.Cost, CostViaERP: r.CostViaERP, ExpensePosted: r.ExpensePosted,
		CreatedByName: r.CreatedByName, CreatedAt: r.CreatedAt}
}

// Validate checks a record as sent; today bounds its date.
func (m *Maintenance) Validate(today civil.Date) error {
	fe := apperr.FieldErrors{}
	if !slices.Contains([]string{MaintenanceRoutine, MaintenanceRepair}, m.Kind) {
		fe.Add("kind", "must be one of: maintenance, repair")
	}
	if m.DoneOn == 0 || m.DoneOn > today || m.DoneOn < today.AddDays(-366) {
		fe.Add("date", "is required, within the last year and not in the future")
	}
	m.Vendor, m.Note = strings.TrimSpace(m.Vendor), strings.TrimSpace(m.Note)
	if runes(m.Vendor) > 100 {
		fe.Add("vendor", "must be at most 100 characters")
	}
	if runes(m.Note) > 500 {
		fe.Add("note", "must be at most 500 characters")
	}
	if m.Cost < 0 {
		fe.Add("cost", "must not be negative")
	} else {
		fixed.EquipmentMaintenanceCost.FieldMoney(fe, "cost", m.Cost)
	}
	return fe.Err()
}

// ListMaintenance answers a piece of equipment's records, newest first.
func (s *Service) ListMaintenance(ctx context.Context, p *authz.Principal, equipmentID int64, pg paging.Page) ([]Maintenance, int64, error) {
	if _, err := s.loadEquipment(ctx, s.db, p, equipmentID); err != nil {
		return nil, 0, err
	}
	q := s.db.WithContext(ctx).Model(&maintenanceRow{}).Where("equipment_id = ?", equipmentID)
	var total int64
	if err := q.Count(&total).Error; err != nil {
		return nil, 0, err
	}
	var rows []maintenanceRow
	if err := q.Order("done_on DESC, id DESC").Offset(pg.Offset()).Limit(pg.PageSize).Find(&rows).Error; err != nil {
		return nil, 0, err
	}
	out := make([]Maintenance, len(rows))
	for i, r := range rows {
		out[i] = toMaintenance(r)
	}
	return out, total, nil
}

// AddMaintenance records maintenance or a repair. Maintenance moves the next due date one
// interval on from its date; a repair's cost is posted once to the expenses ledger (category
// repairs, the equipment's department) unless it arrives through the ERP's expense feed.
// An Idempotency-Key replays the first answer of a retried request.
func (s *Service) AddMaintenance(ctx context.Context, p *authz.Principal, equipmentID int64, m Maintenance, key idempotency.Key) (Maintenance, error) {
	eq, err := s.loadEquipment(ctx, s.db, p, equipmentID)
	if err != nil {
		return Maintenance{}, err
	}
	if err := p.RequireRole(authz.RoleAdmin, authz.RoleStoreManager, authz.RoleSupervisor); err != nil {
		return Maintenance{}, err
	}
	today, err := s.today(ctx, eq.StoreID)
	if err != nil {
		return Maintenance{}, err
	}
	if err := m.Validate(today); err != nil {
		return Maintenance{}, err
	}
	var out maintenanceRow
	err = database.Tx(ctx, s.db, func(tx *gorm.DB) error {
		var replay maintenanceRow
		replayed, err := s.Keys.Claim(ctx, tx, key, &replay)
		if err != nil || replayed {
			out = replay
			return err
		}
		out = maintenanceRow{EquipmentID: eq.ID, StoreID: eq.StoreID, Kind: m.Kind, DoneOn: m.DoneOn, Vendor: m.Vendor,
			Note: m.Note, Cost: m.Cost, CostViaERP: m.CostViaERP, CreatedBy: p.ActorID(), CreatedByName: p.Username,
			CreatedAt: s.now()}
		if err := tx.WithContext(ctx).Create(&out).Error; err != nil {
			return err
		}
		if err := s.postCost(ctx, tx, eq, &out); err != nil {
			return err
		}
		if m.Kind == MaintenanceRoutine && eq.MaintenanceIntervalDays > 0 {
			next := NextDue(m.DoneOn, eq.MaintenanceIntervalDays)
			if eq.NextMaintenanceDue == nil || *next > *eq.NextMaintenanceDue {
				if err := tx.WithContext(ctx).Model(&equipmentRow{}).Where("id = ?", eq.ID).
					Updates(map[string]any{"next_maintenance_due": next, "updated_at": s.now()}).Error; err != nil {
					return err
				}
			}
		}
		err = s.Audit.Write(ctx, tx, p, audit.Entry{Action: "equipment." + m.Kind, EntityType: "equipment_maintenance",
			EntityID: audit.ID(out.ID), StoreID: &eq.StoreID, After: toMaintenance(out)})
		if err != nil {
			return err
		}
		return s.Keys.Save(ctx, tx, key, out)
	})
	return toMaintenance(out), err
}

// postCost books a repair's cost to the ledger once and marks the record.
func (s *Service) postCost(ctx context.Context, tx *gorm.DB, eq equipmentRow, r *maintenanceRow) error {
	if !Posts(r.Kind, r.Cost, r.CostViaERP) {
		return nil
	}
	if _, err := s.Expenses.PostExpense(ctx, tx, feeds.Expense{StoreID: r.StoreID, Date: r.DoneOn,
		DepartmentCode: eq.DepartmentCode, Category: "repairs", Amount: r.Cost, Source: ExpenseSource,
		SourceRef: strconv.FormatInt(r.ID, 10)}); err != nil {
		return err
	}
	r.ExpensePosted = true
	return tx.WithContext(ctx).Model(&maintenanceRow{}).Where("id = ?", r.ID).Update("expense_posted", true).Error
}
