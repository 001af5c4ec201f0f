// Package shrinkfeed is the contract between the modules where shrink (损耗) happens and the
// KPI cockpit that reports it: shrink is write-offs at cost + markdown loss + negative
// stocktake variance (DESIGN §2), and each of those modules reports its part as daily rows
// through Source. The package holds only the row type, the reasons and the interface, so
// that a source (stocktake, later shrink's write-offs and markdowns) and the reader (kpi)
// both depend on it and never on each other: kpi imports no module that feeds it, and no
// module imports kpi.
package shrinkfeed

import (
	"context"

	"github.com/storeops/storeops/internal/platform/civil"
	"github.com/storeops/storeops/internal/platform/fixed"
)

// Reasons of shrink: where the loss was recorded.
const (
	ReasonStocktake = "stocktake" // negative variance posted by an approved stocktake
	ReasonWriteOff  = "write_off" // goods written off, at cost
	ReasonMarkdown  = "markdown"  // regular price − markdown price of units sold marked down
)

// Daily is the shrink of one reason in one department of a store on one business day; a
// loss is a positive Amount.
type Daily struct {
	StoreID        int64
	Date           civil.Date
	DepartmentCode string
	Reason         string
	Amount         fixed.Money
}

// Source reports shrink per store, day, department and reason over from..to (inclusive) in
// the stores named (nil: every store). A module reports only its own reasons; the cockpit
// sums every registered source.
type Source interface {
	DailyShrink(ctx context.Context, storeIDs []int64, from, to civil.Date) ([]Daily, error)
}
