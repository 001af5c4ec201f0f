package budget

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"time"

	"gorm.io/gorm"

	"github.com/storeops/storeops/internal/org"
	"github.com/storeops/storeops/internal/platform/apperr"
	"github.com/storeops/storeops/internal/platform/audit"
	"github.com/storeops/storeops/internal/platform/authz"
	"github.com/storeops/storeops/internal/platform/database"
)

// Stores tells which departments a store runs, its time zone and its code; the organisation
// module implements it.
type Stores interface {
	GetStore(ctx context.Context, p *authz.Principal, id int64) (org.Store, error)
	StoreDepartments(ctx context.Context, p *authz.Principal, storeID int64) ([]string, error)
	StoreLocation(ctx context.Context, storeID int64) (*time.Location, error)
}

// Service is the budgets' use cases. Every change runs in one transaction with its audit
// entries.
type Service struct {
	db     *gorm.DB
	stores Stores
	audit  *audit.Log
	now    func() time.Time
}

// NewService wires the budget module.
func NewService(db *gorm.DB, stores Stores, log *audit.Log, now func() time.Time) *Service {
	return &Service{db: db, stores: stores, audit: log, now: now}
}

// CurrentMonth is this month in the store's time zone.
func (s *Service) CurrentMonth(ctx context.Context, storeID int64) (string, error) {
	loc, err := s.stores.StoreLocation(ctx, storeID)
	if err != nil {
		return "", err
	}
	return MonthOf(s.now().In(loc)), nil
}

// departments lists the store's departments the caller may see: all of them, except for a
// supervisor, who sees the ones assigned to them.
func (s *Service) departments(ctx context.Context, p *authz.Principal, storeID int64) ([]string, error) {
	all, err := s.stores.StoreDepartments(ctx, p, storeID)
	if err != nil {
		return nil, err
	}
	return slices.DeleteFunc(all, func(d string) bool { return !p.CanSeeDepartment(storeID, d) }), nil
}

// Month answers one budget per department in the caller's scope, stored or not.
func (s *Service) Month(ctx context.Context, p *authz.Principal, storeID int64, month string) ([]Budget, error) {
	if err := CheckMonth("month", month); err != nil {
		return nil, err
	}
	deps, err := s.departments(ctx, p, storeID)
	if err != nil {
		return nil, err
	}
	return s.monthOf(ctx, s.db, storeID, month, deps)
}

func (s *Service) monthOf(ctx context.Context, db *gorm.DB, storeID int64, month string, deps []string) ([]Budget, error) {
	rows, err := monthRows(ctx, db, storeID, month)
	if err != nil {
		return nil, err
	}
	out := make([]Budget, len(deps))
	for i, d := range deps {
		if r, ok := rows[d]; ok {
			out[i] = toBudget(r)
		} else {
			out[i] = Budget{StoreID: storeID, Month: month, DepartmentCode: d}
		}
	}
	return out, nil
}

// Get answers one department's budget; a department the store does not run, or one outside
// the caller's scope, is not found.
func (s *Service) Get(ctx context.Context, p *authz.Principal, storeID int64, month, dept string) (Budget, error) {
	list, err := s.Month(ctx, p, storeID, month)
	if err != nil {
		return Budget{}, err
	}
	for _, b := range list {
		if b.DepartmentCode == dept {
			return b, nil
		}
	}
	return Budget{}, fmt.Errorf("department %s of store %d: %w", dept, storeID, apperr.ErrNotFound)
}

// Save sets one department's budget of a month (store managers and admins). fe holds the
// problems already found reading the request; they are answered with the rule checks'.
func (s *Service) Save(ctx context.Context, p *authz.Principal, storeID int64, month string, e Edit, fe apperr.FieldErrors) (Budget, error) {
	if err := CheckMonth("month", month); err != nil {
		return Budget{}, err
	}
	deps, err := s.departments(ctx, p, storeID)
	if err != nil {
		return Budget{}, err
	}
	if !slices.Contains(deps, e.DepartmentCode) {
		return Budget{}, fmt.Errorf("department %s of store %d: %w", e.DepartmentCode, storeID, apperr.ErrNotFound)
	}
	ValidateAmounts(e.Amounts, "", fe)
	if err := fe.Err(); err != nil {
		return Budget{}, err
	}
	out, err := s.applyAll(ctx, p, storeID, month, []Edit{e}, []string{e.DepartmentCode})
	if err != nil {
		return Budget{}, err
	}
	return out[0], nil
}

// SaveMonth applies several departments' edits of one month, all or nothing. Problems are
// named items[i].field, together with those in fe found reading the request; the answer is
// the whole month.
func (s *Service) SaveMonth(ctx context.Context, p *authz.Principal, storeID int64, month string, edits []Edit, fe apperr.FieldErrors) ([]Budget, error) {
	if err := CheckMonth("month", month); err != nil {
		return nil, err
	}
	deps, err := s.departments(ctx, p, storeID)
	if err != nil {
		return nil, err
	}
	seen := map[string]bool{}
	for i, e := range edits {
		prefix := "items[" + strconv.Itoa(i) + "]."
		switch {
		case !slices.Contains(deps, e.DepartmentCode):
			fe.Add(prefix+"department_code", "department "+e.DepartmentCode+" is not run by this store")
		case seen[e.DepartmentCode]:
			fe.Add(prefix+"department_code", "department "+e.DepartmentCode+" appears more than once")
		}
		seen[e.DepartmentCode] = true
		ValidateAmounts(e.Amounts, prefix, fe)
	}
	if err := fe.Err(); err != nil {
		return nil, err
	}
	return s.applyAll(ctx, p, storeID, month, edits, deps)
}

// applyAll writes validated edits in one transaction and answers the month's budgets of deps.
func (s *Service) applyAll(ctx context.Context, p *authz.Principal, storeID int64, month string, edits []Edit, deps []string) ([]Budget, error) {
	var out []Budget
	err := database.Tx(ctx, s.db, func(tx *gorm.DB) error {
		rows, err := monthRows(ctx, tx, storeID, month)
		if err != nil {
			return err
		}
		for _, e := range edits {
			prev, exists := rows[e.DepartmentCode]
			if err := s.apply(ctx, tx, p, storeID, month, e, prev, exists); err != nil {
				return err
			}
		}
		out, err = s.monthOf(ctx, tx, storeID, month, deps)
		return err
	})
	return out, err
}

// apply writes one edit inside tx. An edit that changes nothing writes nothing, but its
// version must still be current.
func (s *Service) apply(ctx context.Context, tx *gorm.DB, p *authz.Principal, storeID int64, month string, e Edit, prev budgetRow, exists bool) error {
	what := describe(storeID, month, e.DepartmentCode)
	switch {
	case exists && prev.Version != e.Version, !exists && e.Version != 0:
		return staleVersion(what)
	case exists && toBudget(prev).Amounts.Equal(e.Amounts), !exists && e.Amounts.Empty():
		return nil
	}
	now := s.now()
	if !exists {
		return s.create(ctx, tx, p, storeID, month, e.DepartmentCode, e.Amounts, "budget.create")
	}
	if err := updateRow(ctx, tx, prev.ID, e.Version, e.Amounts, p.Username, now, what); err != nil {
		return err
	}
	after := prev
	after.SalesTarget, after.GrossMarginPctTarget, after.LabourBudget = e.SalesTarget, e.GrossMarginPctTarget, e.LabourBudget
	after.MaterialsBudget, after.RepairsBudget, after.ShrinkBudget = e.MaterialsBudget, e.RepairsBudget, e.ShrinkBudget
	after.SalesPerHeadTarget = e.SalesPerHeadTarget
	after.Version, after.UpdatedAt, after.UpdatedBy = prev.Version+1, now, p.Username
	return s.audit.Write(ctx, tx, p, audit.Entry{Action: "budget.update", EntityType: "budget", EntityID: audit.ID(prev.ID),
		StoreID: &storeID, Before: BudgetToJSON(toBudget(prev)), After: BudgetToJSON(toBudget(after))})
}

func (s *Service) create(ctx context.Context, tx *gorm.DB, p *authz.Principal, storeID int64, month, dept string, a Amounts, action string) error {
	now := s.now()
	r := budgetRow{StoreID: storeID, BudgetMonth: month, DepartmentCode: dept, SalesTarget: a.SalesTarget,
		GrossMarginPctTarget: a.GrossMarginPctTarget, LabourBudget: a.LabourBudget, MaterialsBudget: a.MaterialsBudget,
		RepairsBudget: a.RepairsBudget, ShrinkBudget: a.ShrinkBudget, SalesPerHeadTarget: a.SalesPerHeadTarget,
		Version: 1, CreatedAt: now, UpdatedAt: now, UpdatedBy: p.Username}
	if err := insertRow(ctx, tx, &r, describe(storeID, month, dept)); err != nil {
		return err
	}
	return s.audit.Write(ctx, tx, p, audit.Entry{Action: action, EntityType: "budget", EntityID: audit.ID(r.ID),
		StoreID: &storeID, After: BudgetToJSON(toBudget(r))})
}

// CopyFromPrevious copies last month's budgets into the departments of month that have
// none; existing budgets are never overwritten. Nothing stored last month is a 422.
func (s *Service) CopyFromPrevious(ctx context.Context, p *authz.Principal, storeID int64, month string) ([]Budget, error) {
	if err := CheckMonth("month", month); err != nil {
		return nil, err
	}
	deps, err := s.departments(ctx, p, storeID)
	if err != nil {
		return nil, err
	}
	prevMonth := PreviousMonth(month)
	var out []Budget
	err = database.Tx(ctx, s.db, func(tx *gorm.DB) error {
		prev, err := monthRows(ctx, tx, storeID, prevMonth)
		if err != nil {
			return err
		}
		cur, err := monthRows(ctx, tx, storeID, month)
		if err != nil {
			return err
		}
		copyable := 0
		for _, d := range deps {
			r, ok := prev[d]
			if !ok {
				continue
			}
			copyable++
			if _, has := cur[d]; has {
				continue
			}
			if err := s.create(ctx, tx, p, storeID, month, d, toBudget(r).Amounts, "budget.copy"); err != nil {
				return err
			}
		}
		if copyable == 0 {
			return apperr.New(apperr.ErrRule, "nothing_to_copy", "there are no budgets for "+prevMonth+" to copy")
		}
		out, err = s.monthOf(ctx, tx, storeID, month, deps)
		return err
	})
	return out, err
}

// ForStores answers the stored budgets of the months fromMonth..toMonth (YYYY-MM, inclusive)
// of some stores, nil meaning every store, in one read. The KPI engine pro-rates them.
func (s *Service) ForStores(ctx context.Context, storeIDs []int64, fromMonth, toMonth string) ([]Budget, error) {
	rows, err := rangeRows(ctx, s.db, storeIDs, fromMonth, toMonth)
	out := make([]Budget, len(rows))
	for i, r := range rows {
		out[i] = toBudget(r)
	}
	return out, err
}
