package stocktake

import (
	"context"

	"github.com/storeops/storeops/internal/platform/authz"
)

// Actions a caller may take on a stocktake, as its allowed_actions names them (DESIGN.md §4:
// the browser shows buttons from them and never re-derives the rules).
const (
	ActionStart          = "start"           // POST /stocktakes/{id}/start
	ActionCount          = "count"           // POST /stocktakes/{id}/counts
	ActionRecount        = "recount"         // POST /stocktakes/{id}/counts with recount: true
	ActionConfirmZero    = "confirm_zero"    // POST /stocktakes/{id}/confirm-zero
	ActionAssignRecounts = "assign_recounts" // POST /stocktakes/{id}/recounts
	ActionSubmit         = "submit"          // POST /stocktakes/{id}/submit
	ActionApprove        = "approve"         // POST /stocktakes/{id}/approve
	ActionReject         = "reject"          // POST /stocktakes/{id}/reject
	ActionViewVariance   = "view_variance"   // GET /stocktakes/{id}/variance
	ActionPrintSheet     = "print_sheet"     // GET /stocktakes/{id}/sheet
)

// AllActions lists every action in the order allowed_actions answers them.
var AllActions = []string{ActionStart, ActionCount, ActionRecount, ActionConfirmZero, ActionAssignRecounts,
	ActionSubmit, ActionApprove, ActionReject, ActionViewVariance, ActionPrintSheet}

// Relation is what allowed_actions needs to know about the caller and one stocktake that
// is in their scope (the caller's departments or a whole-store count for a supervisor, any
// of the store's for its active deputy): within that scope the department changes nothing.
type Relation struct {
	Role authz.Role
	// Deputy: the caller is the store's active deputy approver (a supervisor).
	Deputy bool
	// Counted: the caller sent a count or recount sheet of this stocktake. Only a deputy's
	// matters (separation of duties), so it is looked up for deputies only.
	Counted bool
}

// AllowedActions answers what the server would accept from the caller on st now, by role and
// status; the rules are those of the service:
//   - admins, store managers and supervisors (the counters) start a planned stocktake; count,
//     recount, confirm zero, ask for recounts and submit while counting; recount and ask for
//     recounts while submitted;
//   - admins, the store manager and the store's active deputy approve and reject a submitted
//     one, except that a deputy never approves a count they took part in;
//   - everyone who sees it reads the variance once the book is frozen (counting onwards),
//     except a supervisor counting a blind stocktake, and prints the count sheet.
//
// Whether the data is ready (every SKU counted, no recount open, the lines a recount names
// needing one) is not an action's availability: those requests answer 422 saying what is
// missing, which the person can act on.
func AllowedActions(st Stocktake, rel Relation) []string {
	counter := rel.Role == authz.RoleAdmin || rel.Role == authz.RoleStoreManager || rel.Role == authz.RoleSupervisor
	approver := rel.Role == authz.RoleAdmin || rel.Role == authz.RoleStoreManager ||
		(rel.Role == authz.RoleSupervisor && rel.Deputy)
	ownCount := rel.Role == authz.RoleSupervisor && rel.Counted
	out := []string{}
	add := func(ok bool, actions ...string) {
		if ok {
			out = append(out, actions...)
		}
	}
	switch st.Status {
	case StatusPlanned:
		add(counter, ActionStart)
	case StatusCounting:
		add(counter, ActionCount, ActionRecount, ActionConfirmZero, ActionAssignRecounts, ActionSubmit)
	case StatusSubmitted:
		add(counter, ActionRecount, ActionAssignRecounts)
		add(approver && !ownCount, ActionApprove)
		add(approver, ActionReject)
	}
	add(st.Status != StatusPlanned && !HidesBook(&authz.Principal{Role: rel.Role}, st), ActionViewVariance)
	add(true, ActionPrintSheet)
	return out
}

// View is a stocktake with what the caller may do to it now.
type View struct {
	Stocktake
	AllowedActions []string
}

// Actions answers allowed_actions of one stocktake in the caller's scope: at most two
// queries (is the caller the store's deputy, and did they count it), for supervisors only.
func (s *Service) Actions(ctx context.Context, p *authz.Principal, st Stocktake) ([]string, error) {
	views, err := s.views(ctx, p, st.StoreID, []Stocktake{st}, nil)
	if err != nil {
		return nil, err
	}
	return views[0].AllowedActions, nil
}

// views adds allowed_actions to stocktakes of one store, asking once for the whole list
// whether the caller is the store's deputy (unless deputy says already) and, for a deputy,
// which of them they counted: a page costs the same few queries whatever its length.
func (s *Service) views(ctx context.Context, p *authz.Principal, storeID int64, sts []Stocktake, deputy *bool) ([]View, error) {
	if err := authz.Require(p); err != nil {
		return nil, err
	}
	if deputy == nil {
		d, err := s.isDeputy(ctx, s.db, p, storeID)
		if err != nil {
			return nil, err
		}
		deputy = &d
	}
	counted := map[int64]bool{}
	if *deputy {
		ids := make([]int64, len(sts))
		for i, st := range sts {
			ids[i] = st.ID
		}
		var err error
		if counted, err = countedBy(ctx, s.db, p.UserID, ids); err != nil {
			return nil, err
		}
	}
	out := make([]View, len(sts))
	for i, st := range sts {
		out[i] = View{Stocktake: st, AllowedActions: AllowedActions(st, Relation{Role: p.Role, Deputy: *deputy, Counted: counted[st.ID]})}
	}
	return out, nil
}
