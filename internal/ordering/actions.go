package ordering

import "github.com/storeops/storeops/internal/platform/authz"

// Actions a caller may take on a plan, as its allowed_actions names them (DESIGN.md §4: the
// browser shows buttons from them and never re-derives the rules).
const (
	ActionEditLines = "edit_lines" // PATCH /order-plans/{id}/lines/{sku}
	ActionSubmit    = "submit"     // POST /order-plans/{id}/submit
	ActionApprove   = "approve"    // POST /order-plans/{id}/approve
	ActionReject    = "reject"     // POST /order-plans/{id}/reject
	ActionReceive   = "receive"    // POST /order-plans/{id}/receive
	ActionDelete    = "delete"     // DELETE /order-plans/{id}
	ActionExport    = "export"     // GET /order-plans/{id}/export
)

// AllActions lists every action in the order allowed_actions answers them.
var AllActions = []string{ActionEditLines, ActionSubmit, ActionApprove, ActionReject, ActionReceive, ActionDelete,
	ActionExport}

// Relation is what allowed_actions needs to know about the caller and a plan in their scope.
type Relation struct {
	Role   authz.Role
	Deputy bool // the store's active deputy approver (a supervisor)
	Own    bool // the caller made or submitted the plan
}

// AllowedActions answers what the server would accept from the caller on the plan now:
//   - the store's staff (admins, the store manager, supervisors) edit, submit and delete a
//     draft and receive an approved plan;
//   - admins, the store manager and the store's active deputy approve or reject a submitted
//     plan, a deputy never one they made or submitted;
//   - everyone who sees a plan exports it.
//
// Whether the data is ready (something ordered, no discontinued product) is not an action's
// availability: those requests answer 422 saying what is missing.
func AllowedActions(pl Plan, rel Relation) []string {
	staff := rel.Role == authz.RoleAdmin || rel.Role == authz.RoleStoreManager || rel.Role == authz.RoleSupervisor
	approver := rel.Role == authz.RoleAdmin || rel.Role == authz.RoleStoreManager ||
		(rel.Role == authz.RoleSupervisor && rel.Deputy && !rel.Own)
	out := []string{}
	add := func(ok bool, actions ...string) {
		if ok {
			out = append(out, actions...)
		}
	}
	add(staff && pl.Status == StatusDraft, ActionEditLines, ActionSubmit)
	add(approver && pl.Status == StatusSubmitted, ActionApprove, ActionReject)
	add(staff && pl.Status == StatusApproved, ActionReceive)
	add(staff && pl.Status == StatusDraft, ActionDelete)
	add(true, ActionExport)
	return out
}
