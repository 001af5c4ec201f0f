package feeds

import (
	"context"
	"fmt"
	"slices"

	"gorm.io/gorm"

	"github.com/storeops/storeops/internal/platform/apperr"
	"github.com/storeops/storeops/internal/platform/civil"
	"github.com/storeops/storeops/internal/platform/fixed"
)

// Expense is one expense another module books into the ledger (a repair's cost), marked with
// where it came from: Source ("equipment_repair") and SourceRef (the record's id) make its
// note, which is part of the ledger's key, so posting it again adds nothing.
type Expense struct {
	StoreID        int64
	Date           civil.Date
	DepartmentCode string
	Category       string
	Amount         fixed.Money
	Source         string
	SourceRef      string
}

// Note is the ledger note that marks an expense with its source.
func (e Expense) Note() string { return e.Source + ":" + e.SourceRef }

// PostExpense books e into the expenses ledger inside the caller's transaction, the way an
// expense feed line is booked (the KPI report reads it on its category's line). It answers
// false when an expense with the same source reference was booked before: nothing is added
// then.
func (s *Service) PostExpense(ctx context.Context, tx *gorm.DB, e Expense) (bool, error) {
	if !slices.Contains(expenseCategories, e.Category) {
		return false, apperr.FieldErrors{"category": "must be one of: materials, repairs, other"}
	}
	if e.Source == "" || e.SourceRef == "" {
		return false, fmt.Errorf("feeds: an expense needs its source and reference")
	}
	if err := fixed.ExpenseLinesAmount.CheckMoney(e.Amount); err != nil {
		return false, apperr.FieldErrors{"amount": err.Error()}
	}
	var n int64
	err := tx.WithContext(ctx).Model(&expenseRow{}).Where("store_id = ? AND business_date = ? AND department_code = ? AND category = ? AND note = ?",
		e.StoreID, e.Date, e.DepartmentCode, e.Category, e.Note()).Count(&n).Error
	if err != nil || n > 0 {
		return false, err
	}
	row := expenseRow{StoreID: e.StoreID, BusinessDate: e.Date, DepartmentCode: e.DepartmentCode, Category: e.Category,
		Note: e.Note(), Amount: e.Amount}
	return true, tx.WithContext(ctx).Create(&row).Error
}
