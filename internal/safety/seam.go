package safety

import (
	"context"

	"gorm.io/gorm"

	"github.com/storeops/storeops/internal/platform/apperr"
	"github.com/storeops/storeops/internal/platform/audit"
	"github.com/storeops/storeops/internal/platform/authz"
	"github.com/storeops/storeops/internal/platform/civil"
)

// UnitCelsius is the unit of a number item that reads a temperature.
const UnitCelsius = "°C"

// Readings takes the temperatures an inspection read off a piece of equipment (the cold chain
// module implements it; app.go wires it), so that safety needs no import of that module.
type Readings interface {
	// CheckEquipment answers a 400 naming equipment_id unless the store has that active
	// piece of equipment in p's scope.
	CheckEquipment(ctx context.Context, p *authz.Principal, storeID, equipmentID int64) error
	// RecordInspection records the readings inside the inspection's transaction.
	RecordInspection(ctx context.Context, tx *gorm.DB, p *authz.Principal, r InspectionReadings) error
}

// InspectionReadings are the answered °C items of one inspection naming one piece of
// equipment.
type InspectionReadings struct {
	InspectionID, StoreID, EquipmentID int64
	Readings                           []ItemReading
}

// ItemReading is one °C item's answer with its limits and the corrective action its failure
// opened (nil when it passed).
type ItemReading struct {
	ItemID   int
	Min, Max *Reading
	Celsius  Reading
	ActionID *int64
}

// SetReadings wires the module that records an inspection's temperatures.
func (s *Service) SetReadings(r Readings) { s.readings = r }

func (s *Service) checkEquipment(ctx context.Context, p *authz.Principal, storeID int64, id *int64) error {
	switch {
	case id == nil:
		return nil
	case s.readings == nil:
		return apperr.FieldErrors{"equipment_id": "this installation keeps no equipment register"}
	}
	return s.readings.CheckEquipment(ctx, p, storeID, *id)
}

// recordReadings hands the inspection's answered °C items to the Readings seam.
func (s *Service) recordReadings(ctx context.Context, tx *gorm.DB, p *authz.Principal, row inspectionRow, out Outcome, equipmentID *int64) error {
	if equipmentID == nil || s.readings == nil {
		return nil
	}
	var actions []actionRow
	if err := tx.WithContext(ctx).Where("inspection_id = ?", row.ID).Find(&actions).Error; err != nil {
		return err
	}
	byItem := map[int]int64{}
	for _, a := range actions {
		byItem[a.ItemID] = a.ID
	}
	in := InspectionReadings{InspectionID: row.ID, StoreID: row.StoreID, EquipmentID: *equipmentID}
	for _, r := range out.Results {
		if r.Item.Kind != KindNumber || r.Item.Unit != UnitCelsius || r.Answer.Number == nil {
			continue
		}
		ir := ItemReading{ItemID: r.Item.ID, Min: r.Item.Min, Max: r.Item.Max, Celsius: *r.Answer.Number}
		if id, ok := byItem[r.Item.ID]; ok {
			ir.ActionID = &id
		}
		in.Readings = append(in.Readings, ir)
	}
	if len(in.Readings) == 0 {
		return nil
	}
	return s.readings.RecordInspection(ctx, tx, p, in)
}

// NewAction is a corrective action another module opens (a temperature alert): it belongs to
// no inspection.
type NewAction struct {
	StoreID        int64
	DepartmentCode string
	Title, Finding string
	Critical       bool
	OwnerID        *int64
	OwnerName      string
	DueDate        civil.Date
}

// OpenAction opens a corrective action inside the caller's transaction, with its audit entry,
// and answers its id.
func (s *Service) OpenAction(ctx context.Context, tx *gorm.DB, p *authz.Principal, n NewAction) (int64, error) {
	now := s.now()
	r := actionRow{StoreID: n.StoreID, DepartmentCode: n.DepartmentCode, Title: truncate(n.Title, 200),
		Finding: truncate(n.Finding, 200), Critical: n.Critical, OwnerID: n.OwnerID, OwnerName: n.OwnerName,
		DueDate: n.DueDate, Status: ActionOpen, Version: 1, CreatedAt: now, UpdatedAt: now}
	if err := tx.WithContext(ctx).Create(&r).Error; err != nil {
		return 0, err
	}
	return r.ID, s.Audit.Write(ctx, tx, p, audit.Entry{Action: "corrective_action.open", EntityType: KindAction,
		EntityID: audit.ID(r.ID), StoreID: &r.StoreID, After: toActionAudit(r)})
}

func truncate(s string, n int) string {
	r := []rune(s)
	if len(r) > n {
		return string(r[:n])
	}
	return s
}
