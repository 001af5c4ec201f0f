package coldchain

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"gorm.io/gorm"

	"github.com/storeops/storeops/internal/org"
	"github.com/storeops/storeops/internal/platform/audit"
	"github.com/storeops/storeops/internal/platform/authz"
	"github.com/storeops/storeops/internal/platform/outbox"
	"github.com/storeops/storeops/internal/safety"
)

// TopicTemperatureAlert is the notification of a new temperature alert (Key: the alert's id).
const TopicTemperatureAlert = "safety.temperature_alert"

// runAlerts applies new readings to their equipment's alerts: opens, extends and closes
// excursions, opens one corrective action and one notification per new excursion, and keeps
// each piece of equipment's latest reading.
func (s *Service) runAlerts(ctx context.Context, tx *gorm.DB, p *authz.Principal, rs []reading, res *LogResult) error {
	byEq := map[int64][]Point{}
	eqs := map[int64]*equipmentRow{}
	var ids []int64
	for _, r := range rs {
		if eqs[r.eq.ID] == nil {
			eqs[r.eq.ID] = r.eq
			ids = append(ids, r.eq.ID)
		}
		byEq[r.eq.ID] = append(byEq[r.eq.ID], Point{At: r.at, Celsius: r.celsius, OutOfRange: r.out,
			InspectionID: r.inspectionID, ActionID: r.actionID})
	}
	if len(ids) == 0 {
		return nil
	}
	var active []excursionRow
	if err := tx.WithContext(ctx).Where("equipment_id IN ? AND status IN ?", ids, []string{AlertOpen, AlertAcknowledged}).
		Order("id").Find(&active).Error; err != nil {
		return err
	}
	cur := map[int64]*excursionRow{}
	for i := range active {
		cur[active[i].EquipmentID] = &active[i]
	}
	slices.Sort(ids)
	cache := &staffCache{}
	for _, id := range ids {
		if err := s.runEquipment(ctx, tx, p, cache, eqs[id], cur[id], byEq[id], res); err != nil {
			return err
		}
	}
	return nil
}

func (s *Service) runEquipment(ctx context.Context, tx *gorm.DB, p *authz.Principal, cache *staffCache, eq *equipmentRow, row *excursionRow, points []Point, res *LogResult) error {
	var start *Excursion
	if row != nil {
		start = &Excursion{ID: row.ID, Status: row.Status, StartedAt: row.StartedAt, LastSeenAt: row.LastSeenAt,
			Min: row.MinCelsius, Max: row.MaxCelsius, Count: row.ReadingCount, ActionID: row.ActionID, InspectionID: row.InspectionID}
	}
	now := s.now()
	for _, x := range Apply(start, points) {
		if !x.Changed {
			continue
		}
		if x.ID == 0 {
			id, err := s.openExcursion(ctx, tx, p, cache, eq, x)
			if err != nil {
				return err
			}
			x.ID = id
			res.AlertsOpened = append(res.AlertsOpened, id)
		}
		changes := map[string]any{"status": x.Status, "started_at": x.StartedAt, "last_seen_at": x.LastSeenAt,
			"ended_at": x.EndedAt, "min_celsius": x.Min, "max_celsius": x.Max, "reading_count": x.Count, "updated_at": now}
		if err := tx.WithContext(ctx).Model(&excursionRow{}).Where("id = ?", x.ID).Updates(changes).Error; err != nil {
			return err
		}
		if x.ClosedByRange {
			res.AlertsClosed = append(res.AlertsClosed, x.ID)
			err := s.Audit.Write(ctx, tx, p, audit.Entry{Action: "temperature_alert.close", EntityType: "temperature_alert",
				EntityID: audit.ID(x.ID), StoreID: &eq.StoreID, After: map[string]any{"status": AlertClosed, "reason": "back_in_range"}})
			if err != nil {
				return err
			}
		}
	}
	latest := points[0]
	for _, pt := range points {
		if pt.At.After(latest.At) {
			latest = pt
		}
	}
	if eq.LastReadingAt == nil || latest.At.After(*eq.LastReadingAt) {
		at, c := latest.At, latest.Celsius
		eq.LastReadingAt, eq.LastCelsius = &at, &c
		return tx.WithContext(ctx).Model(&equipmentRow{}).Where("id = ?", eq.ID).
			Updates(map[string]any{"last_reading_at": at, "last_celsius": c}).Error
	}
	return nil
}

// alertNotice is what a temperature alert notification says.
type alertNotice struct {
	AlertID        int64  `json:"alert_id"`
	StoreID        int64  `json:"store_id"`
	EquipmentID    int64  `json:"equipment_id"`
	EquipmentName  string `json:"equipment_name"`
	DepartmentCode string `json:"department_code"`
	Celsius        string `json:"celsius"`
	Range          string `json:"range"`
	ActionID       *int64 `json:"corrective_action_id"`
	Link           string `json:"link"`
}

// openExcursion writes a new alert with its corrective action (the inspection's, when the
// reading came from one that opened it; otherwise a new one) and its notification.
func (s *Service) openExcursion(ctx context.Context, tx *gorm.DB, p *authz.Principal, cache *staffCache, eq *equipmentRow, x *Excursion) (int64, error) {
	now := s.now()
	row := excursionRow{StoreID: eq.StoreID, EquipmentID: eq.ID, DepartmentCode: eq.DepartmentCode, Status: AlertOpen,
		StartedAt: x.StartedAt, LastSeenAt: x.LastSeenAt, MinCelsius: x.Min, MaxCelsius: x.Max, ReadingCount: x.Count,
		LimitMin: eq.MinCelsius, LimitMax: eq.MaxCelsius, InspectionID: x.InspectionID, ActionID: x.ActionID,
		Version: 1, CreatedAt: now, UpdatedAt: now}
	reading := x.Max
	if eq.MinCelsius != nil && x.Min < *eq.MinCelsius {
		reading = x.Min
	}
	if row.ActionID == nil {
		day, err := s.today(ctx, eq.StoreID)
		if err != nil {
			return 0, err
		}
		ownerID, owner, err := s.owner(ctx, cache, eq.StoreID, eq.DepartmentCode)
		if err != nil {
			return 0, err
		}
		id, err := s.Actions.OpenAction(ctx, tx, p, safety.NewAction{StoreID: eq.StoreID, DepartmentCode: eq.DepartmentCode,
			Title: "温度超标：" + eq.Name, Finding: fmt.Sprintf("%s °C（允许 %s）", reading, RangeText(eq.MinCelsius, eq.MaxCelsius)),
			Critical: true, OwnerID: ownerID, OwnerName: owner, DueDate: safety.DueDate(day, true)})
		if err != nil {
			return 0, err
		}
		row.ActionID = &id
	}
	if err := tx.WithContext(ctx).Create(&row).Error; err != nil {
		return 0, err
	}
	store := eq.StoreID
	_, err := s.Notify.Add(ctx, tx, outbox.Message{Topic: TopicTemperatureAlert, StoreID: &store,
		Key: fmt.Sprintf("%d", row.ID), Payload: alertNotice{AlertID: row.ID, StoreID: store, EquipmentID: eq.ID,
			EquipmentName: eq.Name, DepartmentCode: eq.DepartmentCode, Celsius: reading.String(),
			Range: RangeText(eq.MinCelsius, eq.MaxCelsius), ActionID: row.ActionID,
			Link: fmt.Sprintf("/safety/equipment/%d?store=%d", eq.ID, store)}})
	if err != nil {
		return 0, err
	}
	return row.ID, s.Audit.Write(ctx, tx, p, audit.Entry{Action: "temperature_alert.open", EntityType: "temperature_alert",
		EntityID: audit.ID(row.ID), StoreID: &store, After: map[string]any{"equipment_id": eq.ID, "celsius": reading,
			"corrective_action_id": row.ActionID}})
}

// RangeText writes an allowed range: "0.00–4.00 °C", "≤ -18.00 °C", "≥ 60.00 °C" or "any".
func RangeText(lo, hi *Celsius) string {
	switch {
	case lo != nil && hi != nil:
		return fmt.Sprintf("%s–%s °C", lo, hi)
	case hi != nil:
		return fmt.Sprintf("≤ %s °C", hi)
	case lo != nil:
		return fmt.Sprintf("≥ %s °C", lo)
	}
	return "any"
}

// staffCache keeps a store's staff for the alerts of one batch.
type staffCache struct {
	storeID int64
	users   []org.User
}

// owner picks who puts an alert right: an active supervisor of the department, else the
// store's manager, else nobody (the manager's board shows it unowned).
func (s *Service) owner(ctx context.Context, cache *staffCache, storeID int64, dept string) (*int64, string, error) {
	if cache.users == nil || cache.storeID != storeID {
		users, err := s.Users.StoreStaff(ctx, storeID)
		if err != nil {
			return nil, "", err
		}
		cache.storeID, cache.users = storeID, users
	}
	users := cache.users
	u, ok := PickOwner(users, dept)
	if !ok {
		return nil, "", nil
	}
	name := u.DisplayName
	if strings.TrimSpace(name) == "" {
		name = u.Username
	}
	return &u.ID, name, nil
}

// PickOwner chooses among a store's staff the owner of a department's alert: its first
// supervisor, else the first store manager.
func PickOwner(users []org.User, dept string) (org.User, bool) {
	for _, role := range []authz.Role{authz.RoleSupervisor, authz.RoleStoreManager} {
		for _, u := range users {
			if u.Role == role && !u.Disabled && (role != authz.RoleSupervisor || slices.Contains(u.DepartmentCodes, dept)) {
				return u, true
			}
		}
	}
	return org.User{}, false
}
