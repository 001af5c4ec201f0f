package budget

import (
	"context"
	"errors"
	"fmt"
	"time"

	"gorm.io/gorm"

	"github.com/storeops/storeops/internal/platform/apperr"
	"github.com/storeops/storeops/internal/platform/database"
	"github.com/storeops/storeops/internal/platform/fixed"
)

// budgetRow is the budgets table. Only this file touches it.
type budgetRow struct {
	ID                   int64 `gorm:"primaryKey"`
	StoreID              int64
	BudgetMonth          string
	DepartmentCode       string
	SalesTarget          *fixed.Money
	GrossMarginPctTarget *fixed.Money
	LabourBudget         *fixed.Money
	MaterialsBudget      *fixed.Money
	RepairsBudget        *fixed.Money
	ShrinkBudget         *fixed.Money
	SalesPerHeadTarget   *fixed.Money
	Version              int
	CreatedAt            time.Time
	UpdatedAt            time.Time
	UpdatedBy            string
}

func (budgetRow) TableName() string { return "budgets" }

// Models lists the rows of this module for the schema test.
func Models() []any { return []any{&budgetRow{}} }

func toBudget(r budgetRow) Budget {
	at := r.UpdatedAt
	return Budget{StoreID: r.StoreID, Month: r.BudgetMonth, DepartmentCode: r.DepartmentCode,
		Amounts: Amounts{SalesTarget: r.SalesTarget, GrossMarginPctTarget: r.GrossMarginPctTarget,
			LabourBudget: r.LabourBudget, MaterialsBudget: r.MaterialsBudget, RepairsBudget: r.RepairsBudget,
			ShrinkBudget: r.ShrinkBudget, SalesPerHeadTarget: r.SalesPerHeadTarget},
		Version: r.Version, UpdatedAt: &at, UpdatedBy: r.UpdatedBy}
}

func amountColumns(a Amounts) map[string]any {
	m := make(map[string]any, 7)
	for _, f := range a.Fields() {
		m[f.Name] = *f.Value
	}
	return m
}

// monthRows answers a store's budgets of one month keyed by department.
func monthRows(ctx context.Context, db *gorm.DB, storeID int64, month string) (map[string]budgetRow, error) {
	var rows []budgetRow
	err := db.WithContext(ctx).Where("store_id = ? AND budget_month = ?", storeID, month).Find(&rows).Error
	out := make(map[string]budgetRow, len(rows))
	for _, r := range rows {
		out[r.DepartmentCode] = r
	}
	return out, err
}

// rangeRows answers the budgets of months from..to of some stores (nil: every store).
func rangeRows(ctx context.Context, db *gorm.DB, storeIDs []int64, fromMonth, toMonth string) ([]budgetRow, error) {
	q := db.WithContext(ctx).Where("budget_month >= ? AND budget_month <= ?", fromMonth, toMonth)
	if storeIDs != nil {
		q = q.Where("store_id IN ?", storeIDs)
	}
	var rows []budgetRow
	err := q.Order("store_id, budget_month, department_code").Find(&rows).Error
	return rows, err
}

func staleVersion(what string) error {
	return apperr.New(apperr.ErrConflict, "stale_version", what+" was changed by someone else: reload it and try again")
}

// insertRow creates a budget; a row created meanwhile by someone else is a stale version.
func insertRow(ctx context.Context, tx *gorm.DB, r *budgetRow, what string) error {
	err := tx.WithContext(ctx).Create(r).Error
	if errors.Is(err, gorm.ErrDuplicatedKey) {
		return staleVersion(what)
	}
	return database.Translate(err, what)
}

// updateRow changes a budget's amounts if its version is still `version`, bumping it.
func updateRow(ctx context.Context, tx *gorm.DB, id int64, version int, a Amounts, by string, now time.Time, what string) error {
	changes := amountColumns(a)
	changes["version"] = gorm.Expr("version + 1")
	changes["updated_at"] = now
	changes["updated_by"] = by
	res := tx.WithContext(ctx).Model(&budgetRow{}).Where("id = ? AND version = ?", id, version).Updates(changes)
	if res.Error != nil {
		return database.Translate(res.Error, what)
	}
	if res.RowsAffected == 0 {
		return staleVersion(what)
	}
	return nil
}

func describe(storeID int64, month, dept string) string {
	return fmt.Sprintf("budget of %s for %s of store %d", dept, month, storeID)
}
