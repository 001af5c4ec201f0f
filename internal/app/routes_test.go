package app_test

import (
	"fmt"
	"net/http"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/storeops/storeops/internal/catalog"
	"github.com/storeops/storeops/internal/platform/authz"
	"github.com/storeops/storeops/internal/platform/database"
	"github.com/storeops/storeops/internal/testutil"
)

var ginParam = regexp.MustCompile(`:([a-z_]+)`)

// specPath turns gin's /stores/:store_id into OpenAPI's /stores/{store_id}.
func specPath(p string) string { return ginParam.ReplaceAllString(p, "{$1}") }

// TestEveryRouteHasAPolicyAndASpec holds the registry, gin's router and api/openapi.yaml
// together: nothing is served without an access policy, and the spec lists exactly what is
// served, with the same roles.
func TestEveryRouteHasAPolicyAndASpec(t *testing.T) {
	env := testutil.NewEnv(t, database.SQLite)
	doc, _ := testutil.Spec(t)

	registered := map[string]bool{}
	for _, r := range env.App.Routes {
		registered[r.Method+" "+specPath(r.Path)] = true
	}
	for _, r := range env.App.Engine.Routes() {
		if !registered[r.Method+" "+specPath(r.Path)] {
			t.Errorf("%s %s is served but was not registered through httpx.Router (no access policy)", r.Method, r.Path)
		}
	}

	inSpec := map[string]bool{}
	for path, item := range doc.Paths.Map() {
		for method, op := range item.Operations() {
			key := method + " " + path
			inSpec[key] = true
			if !registered[key] {
				t.Errorf("api/openapi.yaml has %s but no such route is registered", key)
				continue
			}
			if op.OperationID == "" {
				t.Errorf("%s has no operationId", key)
			}
		}
	}
	for _, r := range env.App.Routes {
		key := r.Method + " " + specPath(r.Path)
		if !inSpec[key] {
			t.Errorf("%s is registered but missing from api/openapi.yaml", key)
			continue
		}
		op := doc.Paths.Find(specPath(r.Path)).GetOperation(r.Method)
		if got, want := specRoles(op.Extensions["x-roles"]), policyRoles(r.Public, r.Roles); got != want {
			t.Errorf("%s: x-roles in api/openapi.yaml is %q, the route allows %q", key, got, want)
		}
	}
}

func specRoles(v any) string {
	list, _ := v.([]any)
	out := make([]string, 0, len(list))
	for _, r := range list {
		out = append(out, fmt.Sprint(r))
	}
	sort.Strings(out)
	return strings.Join(out, ",")
}

func policyRoles(public bool, roles []authz.Role) string {
	if public {
		return "public"
	}
	out := make([]string, len(roles))
	for i, r := range roles {
		out[i] = string(r)
	}
	sort.Strings(out)
	return strings.Join(out, ",")
}

var demoUsers = map[authz.Role]string{
	authz.RoleAdmin:        "admin",
	authz.RoleStoreManager: "manager1",
	authz.RoleSupervisor:   "super1",
	authz.RoleHQPromotions: "hq1",
	authz.RoleHQQuality:    "qa1",
}

// TestRouteAccessWalk walks every registered route: anonymously (401 unless public), as each
// role (403 where the role may not, never 401/403/500 where it may) and, for store-bound
// roles, with the path pointing at another store's resources (404). New routes are covered
// without touching this test; a new path parameter needs a fixture below.
func TestRouteAccessWalk(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, dialect string) {
		env := testutil.NewEnv(t, dialect)
		ownPhoto, otherPhoto := attachmentFixtures(t, env)
		// In-store promotions, so that a store manager may manage their own and not the other.
		ownCampaign, ownTask := storeCampaignFixture(t, env, "sh-pudong", "manager1")
		otherCampaign, otherTask := storeCampaignFixture(t, env, "gz-tianhe", "manager2")
		own := map[string]string{
			"store_id": fmt.Sprint(storeID(t, env, "sh-pudong")),
			"user_id":  fmt.Sprint(userID(t, env, "super1")),
			"file":     "index.html",
			"sku":      catalog.FirstDemoSKU,
			// A month whose previous month has budgets, so copy-from-previous has something to copy.
			"month":           budgetMonthWithPrevious(t, env, storeID(t, env, "sh-pudong")),
			"department_code": "produce", // one of super1's departments
			"kpi":             "sales",
			"stocktake_id":    stocktakeFixture(t, env, "sh-pudong", "produce"),
			"attachment_id":   ownPhoto,
			"delegation_id":   delegationFixture(t, env, "sh-pudong", "super1"),
			"event_id":        calendarFixture(t, env),
			"supplier_id":     supplierFixture(t, env),
			"plan_id":         orderPlanFixture(t, env, "sh-pudong", "produce"),
			"write_off_id":    writeOffFixture(t, env, "sh-pudong", "produce"),
			"markdown_id":     markdownFixture(t, env, "sh-pudong", "produce"),
			"recall_id":       recallFixture(t, env, "sh-pudong", "produce"),
			"campaign_id":     ownCampaign,
			"task_id":         ownTask,
			"promoter_id":     promoterFixture(t, env, ownCampaign, "sh-pudong"),
			"checklist_id":    storeChecklistFixture(t, env, "sh-pudong", "manager1"),
			"complaint_id":    complaintFixture(t, env, "sh-pudong"),
			"channel_id":      channelFixture(t, env, "sh-pudong"),
			"line_no":         "1",
			"daily_task_id":   dailyTaskFixture(t, env, "sh-pudong", "produce"),
			"meeting_id":      meetingFixture(t, env, "sh-pudong", "manager1", "super1"),
			"template_id":     taskTemplateFixture(t, env, "manager1"),
		}
		own["inspection_id"], own["action_id"] = inspectionFixture(t, env, "sh-pudong", "produce", "super1")
		own["survey_id"], own["change_request_id"] = priceSurveyFixture(t, env, "sh-pudong")
		own["equipment_id"], own["alert_id"] = equipmentFixture(t, env, "sh-pudong", "produce", "manager1")
		readinessEvent, readinessItems := readinessFixture(t, env)
		own["risk_id"], own["readiness_event_id"], own["readiness_item_id"] = "1", readinessEvent, readinessItems["sh-pudong"]
		own["incident_id"] = incidentFixture(t, env, "sh-pudong", "super1")
		own["employee_id"], own["session_id"], own["certificate_id"] = trainingFixture(t, env, "sh-pudong")
		// Resources of another store; chain-wide ones (products) have no other-store variant.
		other := map[string]string{
			"store_id":        fmt.Sprint(storeID(t, env, "gz-tianhe")),
			"user_id":         fmt.Sprint(userID(t, env, "manager2")),
			"month":           own["month"],
			"department_code": "deli", // one of super2's departments
			"kpi":             "sales",
			"stocktake_id":    stocktakeFixture(t, env, "gz-tianhe", "deli"),
			"attachment_id":   otherPhoto,
			"delegation_id":   delegationFixture(t, env, "gz-tianhe", "super2"),
			"event_id":        own["event_id"],
			"supplier_id":     own["supplier_id"],
			"plan_id":         orderPlanFixture(t, env, "gz-tianhe", "deli"),
			"write_off_id":    writeOffFixture(t, env, "gz-tianhe", "deli"),
			"markdown_id":     markdownFixture(t, env, "gz-tianhe", "deli"),
			"recall_id":       recallFixture(t, env, "gz-tianhe", "deli"),
			"campaign_id":     otherCampaign,
			"task_id":         otherTask,
			"promoter_id":     promoterFixture(t, env, otherCampaign, "gz-tianhe"),
			"sku":             catalog.FirstDemoSKU,
			"checklist_id":    storeChecklistFixture(t, env, "gz-tianhe", "manager2"),
			"complaint_id":    complaintFixture(t, env, "gz-tianhe"),
			"channel_id":      channelFixture(t, env, "gz-tianhe"),
			"line_no":         "1",
			"daily_task_id":   dailyTaskFixture(t, env, "gz-tianhe", "deli"),
			"meeting_id":      meetingFixture(t, env, "gz-tianhe", "manager2", "super2"),
			"template_id":     taskTemplateFixture(t, env, "manager2"),
		}
		other["inspection_id"], other["action_id"] = inspectionFixture(t, env, "gz-tianhe", "deli", "super2")
		other["survey_id"], other["change_request_id"] = priceSurveyFixture(t, env, "gz-tianhe")
		other["equipment_id"], other["alert_id"] = equipmentFixture(t, env, "gz-tianhe", "deli", "manager2")
		other["risk_id"], other["readiness_event_id"], other["readiness_item_id"] = "1", readinessEvent, readinessItems["gz-tianhe"]
		other["incident_id"] = incidentFixture(t, env, "gz-tianhe", "super2")
		other["employee_id"], other["session_id"], other["certificate_id"] = trainingFixture(t, env, "gz-tianhe")
		doc, _ := testutil.Spec(t)
		for _, r := range env.App.Routes {
			name := r.Method + " " + r.Path
			path := fill(t, r.Path, own)
			// An action whose body is optional runs on an empty body: its domain may refuse
			// it (wrong state 409, a rule 422, a deputy rule 403), never 401 or 500.
			fine := []int{200, 201, 204, 400}
			if op := doc.Paths.Find(specPath(r.Path)).GetOperation(r.Method); op != nil && op.RequestBody != nil && !op.RequestBody.Value.Required {
				fine = append(fine, 403, 409, 422)
			}
			if !r.Public {
				if res := env.Anonymous().Do(r.Method, path, nil); res.Status != http.StatusUnauthorized {
					t.Errorf("%s anonymously: got %d, want 401", name, res.Status)
				}
			}
			for _, role := range authz.AllRoles {
				c := env.Login(demoUsers[role])
				res := c.Do(r.Method, path, nil)
				if !env.App.FrontendBuilt && strings.HasPrefix(r.Path, "/api/docs") {
					// Built by `npm run build`; `make test` builds it before the Go tests.
					if res.Status != http.StatusNotFound {
						t.Errorf("%s without a front-end build: got %d, want 404", name, res.Status)
					}
					continue
				}
				switch {
				case !r.Allows(role) && res.Status != http.StatusForbidden:
					t.Errorf("%s as %s: got %d, want 403", name, role, res.Status)
				case r.Allows(role) && !slices.Contains(fine, res.Status):
					t.Errorf("%s as %s: got %d %s, want success or 400 for the empty body", name, role, res.Status, res.Body)
				}
				if !r.Allows(role) || !role.StoreBound() || !storeScoped(r.Path) || r.Public {
					continue
				}
				res = env.Login(demoUsers[role]).Do(r.Method, fill(t, r.Path, other), nil)
				if res.Status != http.StatusNotFound {
					t.Errorf("%s as %s on another store's resource: got %d, want 404", name, role, res.Status)
				}
			}
		}
	})
}

// storeScoped reports whether a path names a store's own resource.
func storeScoped(path string) bool {
	return strings.Contains(path, ":store_id") || strings.Contains(path, ":user_id") ||
		strings.Contains(path, ":stocktake_id") || strings.Contains(path, ":attachment_id") ||
		strings.Contains(path, ":delegation_id") || strings.Contains(path, ":plan_id") ||
		strings.Contains(path, ":write_off_id") || strings.Contains(path, ":markdown_id") ||
		strings.Contains(path, ":recall_id") || strings.Contains(path, ":campaign_id") ||
		strings.Contains(path, ":task_id") || strings.Contains(path, ":promoter_id") ||
		strings.Contains(path, ":checklist_id") || strings.Contains(path, ":inspection_id") ||
		strings.Contains(path, ":action_id") || strings.Contains(path, ":daily_task_id") ||
		strings.Contains(path, ":template_id") || strings.Contains(path, ":channel_id") ||
		strings.Contains(path, ":equipment_id") || strings.Contains(path, ":alert_id") ||
		strings.Contains(path, ":incident_id") || strings.Contains(path, ":readiness_item_id") ||
		strings.Contains(path, ":employee_id") || strings.Contains(path, ":session_id") || strings.Contains(path, ":certificate_id") ||
		strings.Contains(path, ":meeting_id")
}

func fill(t *testing.T, path string, params map[string]string) string {
	return ginParam.ReplaceAllStringFunc(path, func(m string) string {
		v, ok := params[m[1:]]
		if !ok {
			t.Fatalf("path parameter %s of %s has no fixture in TestRouteAccessWalk", m, path)
		}
		return v
	})
}

func storeID(t *testing.T, env *testutil.Env, code string) int64 {
	var id int64
	if err := env.DB.Table("stores").Where("code = ?", code).Pluck("id", &id).Error; err != nil || id == 0 {
		t.Fatalf("store %s: %v", code, err)
	}
	return id
}

func userID(t *testing.T, env *testutil.Env, username string) int64 {
	var id int64
	if err := env.DB.Table("users").Where("username = ?", username).Pluck("id", &id).Error; err != nil || id == 0 {
		t.Fatalf("user %s: %v", username, err)
	}
	return id
}
