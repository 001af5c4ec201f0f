package coldchain

import (
	"context"
	"time"

	"gorm.io/gorm"

	"github.com/storeops/storeops/internal/platform/apperr"
	"github.com/storeops/storeops/internal/platform/authz"
	"github.com/storeops/storeops/internal/safety"
)

// CheckEquipment answers a 400 naming equipment_id unless the store has that active piece of
// equipment in p's scope (safety's Readings seam).
func (s *Service) CheckEquipment(ctx context.Context, p *authz.Principal, storeID, equipmentID int64) error {
	var r equipmentRow
	err := s.db.WithContext(ctx).Where("id = ? AND store_id = ?", equipmentID, storeID).Limit(1).Find(&r).Error
	if err != nil {
		return err
	}
	if r.ID == 0 || !r.Active || !p.CanSeeDepartment(storeID, r.DepartmentCode) {
		return apperr.FieldErrors{"equipment_id": "is not active equipment of this store"}
	}
	return nil
}

// RecordInspection stores the temperature an inspection read off a piece of equipment, as a
// reading of source inspection, inside the inspection's transaction (safety's Readings seam).
// Of several °C items, the one whose limits overlap the equipment's range is taken (a cold
// room's item, not the freezer's). An alert the reading opens takes the corrective action
// the inspection opened for the item, so there is one action, not two.
func (s *Service) RecordInspection(ctx context.Context, tx *gorm.DB, p *authz.Principal, in safety.InspectionReadings) error {
	var eq equipmentRow
	if err := tx.WithContext(ctx).Where("id = ? AND store_id = ?", in.EquipmentID, in.StoreID).Take(&eq).Error; err != nil {
		return err
	}
	i := PickReading(in.Readings, eq.MinCelsius, eq.MaxCelsius)
	if i < 0 {
		return nil
	}
	r := in.Readings[i]
	inspection := in.InspectionID
	rd := reading{eq: &eq, at: s.now().UTC().Truncate(time.Microsecond), celsius: r.Celsius,
		out: !InRange(r.Celsius, eq.MinCelsius, eq.MaxCelsius), note: "", inspectionID: &inspection, actionID: r.ActionID}
	_, err := s.store(ctx, tx, p, in.StoreID, SourceInspection, []reading{rd})
	return err
}

// PickReading answers which of an inspection's °C readings is the equipment's: the first
// whose item limits overlap the equipment's range, else the first; -1 when there is none.
func PickReading(rs []safety.ItemReading, lo, hi *Celsius) int {
	if len(rs) == 0 {
		return -1
	}
	for i, r := range rs {
		if overlaps(r.Min, r.Max, lo, hi) {
			return i
		}
	}
	return 0
}

// overlaps reports whether two ranges (nil: unbounded on that side) share a value.
func overlaps(aLo, aHi, bLo, bHi *Celsius) bool {
	if aLo != nil && bHi != nil && *aLo > *bHi {
		return false
	}
	if bLo != nil && aHi != nil && *bLo > *aHi {
		return false
	}
	return true
}
