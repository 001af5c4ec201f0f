package app_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/storeops/storeops/internal/catalog"
	"github.com/storeops/storeops/internal/platform/authz"
	"github.com/storeops/storeops/internal/testutil"
)

// TestBadBodiesAreRefusedEverywhere sends malformed JSON, unknown fields, wrong types, a
// wrong content type and oversized bodies to every route whose spec takes a body. Each must
// answer 400 or 413 in the error model, never 500, and write nothing (the audit log, which
// every change writes to, stays as it was).
func TestBadBodiesAreRefusedEverywhere(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, dialect string) {
		env := testutil.NewEnv(t, dialect)
		doc, _ := testutil.Spec(t)
		params := map[string]string{
			"store_id":        fmt.Sprint(storeID(t, env, "sh-pudong")),
			"user_id":         fmt.Sprint(userID(t, env, "super1")),
			"file":            "index.html",
			"sku":             catalog.FirstDemoSKU,
			"month":           "2026-10",
			"department_code": "produce",
			"kpi":             "sales",
			"stocktake_id":    stocktakeFixture(t, env, "sh-pudong", "produce"),
			"delegation_id":   delegationFixture(t, env, "sh-pudong", "super1"),
			"event_id":        calendarFixture(t, env),
			"supplier_id":     supplierFixture(t, env),
			"plan_id":         orderPlanFixture(t, env, "sh-pudong", "produce"),
			"write_off_id":    writeOffFixture(t, env, "sh-pudong", "produce"),
			"markdown_id":     markdownFixture(t, env, "sh-pudong", "produce"),
		}
		params["campaign_id"], params["task_id"] = campaignFixture(t, env, "sh-pudong")
		params["promoter_id"] = promoterFixture(t, env, params["campaign_id"], "sh-pudong")
		params["checklist_id"] = storeChecklistFixture(t, env, "sh-pudong", "manager1")
		params["inspection_id"], params["action_id"] = inspectionFixture(t, env, "sh-pudong", "produce", "super1")
		params["complaint_id"] = complaintFixture(t, env, "sh-pudong")
		params["channel_id"] = channelFixture(t, env, "sh-pudong")
		params["survey_id"], params["change_request_id"] = priceSurveyFixture(t, env, "sh-pudong")
		params["employee_id"], params["session_id"], params["certificate_id"] = trainingFixture(t, env, "sh-pudong")
		params["line_no"] = "1"
		params["daily_task_id"] = dailyTaskFixture(t, env, "sh-pudong", "produce")
		params["meeting_id"] = meetingFixture(t, env, "sh-pudong", "manager1", "super1")
		params["template_id"] = taskTemplateFixture(t, env, "manager1")
		params["equipment_id"], params["alert_id"] = equipmentFixture(t, env, "sh-pudong", "produce", "manager1")
		ev, items := readinessFixture(t, env)
		params["risk_id"], params["readiness_event_id"], params["readiness_item_id"] = "1", ev, items["sh-pudong"]
		params["incident_id"] = incidentFixture(t, env, "sh-pudong", "super1")
		auditCount := func() int64 {
			var n int64
			env.DB.Table("audit_log").Count(&n)
			return n
		}
		before := auditCount()
		checked := 0
		for _, r := range env.App.Routes {
			op := doc.Paths.Find(specPath(r.Path)).GetOperation(r.Method)
			if op == nil || op.RequestBody == nil {
				continue
			}
			checked++
			role := authz.RoleAdmin
			if !r.Allows(role) {
				role = r.Roles[0]
			}
			c := env.Login(demoUsers[role])
			path := fill(t, r.Path, params)
			name := r.Method + " " + r.Path
			if op.RequestBody.Value.Content.Get("application/json") == nil {
				refuseBadUploads(t, c, name, path, r.BodyLimit, op)
				continue
			}
			field, wrong := firstField(op)
			cases := []struct {
				name, body  string
				contentType string
				status      int
				field       string
			}{
				{"malformed", `{"a":`, "application/json", 400, "body"},
				{"not an object", `[1,2]`, "application/json", 400, "body"},
				{"unknown field", `{"zz_unknown":1}`, "application/json", 400, "zz_unknown"},
				{"wrong type", fmt.Sprintf(`{%q:%s}`, field, wrong), "application/json", 400, field},
				{"trailing data", `{} {}`, "application/json", 400, "body"},
				{"empty", ``, "application/json", 400, "body"},
				{"form encoded", `a=1`, "application/x-www-form-urlencoded", 400, "content_type"},
				{"oversized", `{"x":"` + strings.Repeat("a", int(r.BodyLimit)) + `"}`, "application/json", 413, ""},
			}
			for _, tc := range cases {
				if tc.name == "empty" && !op.RequestBody.Value.Required {
					continue // an optional body may be left out: see TestActionsTakeAnEmptyBody
				}
				c.Headers = map[string]string{"Content-Type": tc.contentType}
				res := c.Do(r.Method, path, []byte(tc.body))
				if res.Status != tc.status {
					t.Errorf("%s %s: got %d %s, want %d", name, tc.name, res.Status, res.Body, tc.status)
					continue
				}
				if res.ErrorCode() == "" {
					t.Errorf("%s %s: no error code in %s", name, tc.name, res.Body)
				}
				if tc.field != "" && res.Fields()[tc.field] == "" {
					t.Errorf("%s %s: error does not name field %q: %s", name, tc.name, tc.field, res.Body)
				}
			}
		}
		if checked == 0 {
			t.Fatal("no route with a request body was found in the spec")
		}
		if after := auditCount(); after != before {
			t.Errorf("refused requests wrote %d audit entries", after-before)
		}
	})
}

// firstField picks a property of the operation's JSON body and a value of the wrong type.
func firstField(op *openapi3.Operation) (string, string) {
	mt := op.RequestBody.Value.Content.Get("application/json")
	if mt == nil || mt.Schema == nil || mt.Schema.Value == nil {
		return "body", "1"
	}
	for _, name := range mt.Schema.Value.Required {
		p := mt.Schema.Value.Properties[name]
		if p == nil || p.Value == nil || p.Value.Type == nil {
			continue
		}
		switch {
		case p.Value.Type.Is("string"):
			return name, "12345"
		case p.Value.Type.Is("integer"), p.Value.Type.Is("number"), p.Value.Type.Is("boolean"):
			return name, `"not-a-number"`
		case p.Value.Type.Is("array"):
			return name, `{"a":1}`
		}
	}
	return "body", "1"
}
