package safety

import (
	"net/http"
	"slices"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/storeops/storeops/internal/platform/apperr"
	"github.com/storeops/storeops/internal/platform/attachments"
	"github.com/storeops/storeops/internal/platform/authz"
	"github.com/storeops/storeops/internal/platform/httpx"
	"github.com/storeops/storeops/internal/platform/paging"
)

// Handler serves the safety endpoints.
type Handler struct {
	svc *Service
	dec *httpx.Decoder
}

// NewHandler returns the safety handlers.
func NewHandler(svc *Service, dec *httpx.Decoder) *Handler { return &Handler{svc: svc, dec: dec} }

// Register adds the routes. Everyone reads in their scope; chain templates are edited by admin
// and HQ quality, a store's by its manager; the store's staff inspect and put things right;
// the store manager verifies, rejects, reassigns and schedules.
func (h *Handler) Register(r *httpx.Router) {
	editors := httpx.Roles(authz.RoleAdmin, authz.RoleHQQuality, authz.RoleStoreManager)
	staff := httpx.Roles(authz.RoleAdmin, authz.RoleStoreManager, authz.RoleSupervisor)
	managers := httpx.Roles(authz.RoleAdmin, authz.RoleStoreManager)
	r.GET("/checklists", httpx.AnyRole(), h.listChecklists)
	r.POST("/checklists", editors, h.createChecklist)
	r.GET("/checklists/:checklist_id", httpx.AnyRole(), h.getChecklist)
	r.PUT("/checklists/:checklist_id", editors, h.reviseChecklist)
	r.GET("/stores/:store_id/inspections", httpx.AnyRole(), h.listInspections)
	r.POST("/stores/:store_id/inspections", staff, h.submit)
	r.GET("/inspections/:inspection_id", httpx.AnyRole(), h.getInspection)
	r.GET("/stores/:store_id/inspection-schedules", httpx.AnyRole(), h.listSchedules)
	r.POST("/stores/:store_id/inspection-schedules", managers, h.setSchedule)
	r.GET("/stores/:store_id/corrective-actions", httpx.AnyRole(), h.listActions)
	r.GET("/corrective-actions/:action_id", httpx.AnyRole(), h.getAction)
	r.PATCH("/corrective-actions/:action_id", managers, h.patchAction)
	r.POST("/corrective-actions/:action_id/complete", staff, h.step(StepComplete))
	r.POST("/corrective-actions/:action_id/verify", managers, h.step(StepVerify))
	r.POST("/corrective-actions/:action_id/reject", managers, h.step(StepReject))
	r.GET("/reports/inspection-scores", httpx.AnyRole(), h.scoreReport)
}

func enumQuery(c *gin.Context, fe apperr.FieldErrors, name string, allowed []string) string {
	v := c.Query(name)
	if v != "" && !slices.Contains(allowed, v) {
		fe.Add(name, "must be one of: "+strings.Join(allowed, ", "))
	}
	return v
}

func (h *Handler) listChecklists(c *gin.Context) {
	pg, err := httpx.ParsePage(c)
	if err != nil {
		httpx.Fail(c, err)
		return
	}
	fe := apperr.FieldErrors{}
	f := ChecklistFilter{StoreID: httpx.QueryInt64(c, "store_id", fe), Area: enumQuery(c, fe, "area", Areas)}
	if b := httpx.QueryBool(c, "retired", fe); b != nil {
		f.Retired = *b
	}
	if err := fe.Err(); err != nil {
		httpx.Fail(c, err)
		return
	}
	items, total, err := h.svc.ListChecklists(c.Request.Context(), httpx.Principal(c), f, pg)
	if err != nil {
		httpx.Fail(c, err)
		return
	}
	out := make([]checklistJSON, len(items))
	for i, x := range items {
		out[i] = toChecklistJSON(httpx.Principal(c), x)
	}
	c.JSON(http.StatusOK, httpx.NewList(out, pg, total))
}

func (h *Handler) createChecklist(c *gin.Context) {
	var req checklistRequest
	if err := h.dec.DecodeRequest(c.Request, &req); err != nil {
		httpx.Fail(c, err)
		return
	}
	if req.Version != nil || req.Active != nil {
		httpx.Fail(c, apperr.FieldErrors{"version": "a new checklist has no version and is active"})
		return
	}
	out, err := h.svc.CreateChecklist(c.Request.Context(), httpx.Principal(c), req.StoreID, req.template())
	if err != nil {
		httpx.Fail(c, err)
		return
	}
	c.JSON(http.StatusCreated, toChecklistJSON(httpx.Principal(c), out))
}

func (h *Handler) getChecklist(c *gin.Context) {
	id, err := httpx.PathID(c, "checklist_id")
	fe := apperr.FieldErrors{}
	version := httpx.QueryInt64(c, "version", fe)
	if err == nil {
		err = fe.Err()
	}
	v := 0
	if version != nil {
		if *version < 1 || *version > 1<<20 {
			err = apperr.FieldErrors{"version": "must be a version number from 1"}
		}
		v = int(*version)
	}
	var out Checklist
	if err == nil {
		out, err = h.svc.GetChecklist(c.Request.Context(), httpx.Principal(c), id, v)
	}
	if err != nil {
		httpx.Fail(c, err)
		return
	}
	c.JSON(http.StatusOK, toChecklistJSON(httpx.Principal(c), out))
}

func (h *Handler) reviseChecklist(c *gin.Context) {
	id, err := httpx.PathID(c, "checklist_id")
	if err == nil {
		_, err = h.svc.GetChecklist(c.Request.Context(), httpx.Principal(c), id, 0)
	}
	var req checklistRequest
	if err == nil {
		err = h.dec.DecodeRequest(c.Request, &req)
	}
	if err == nil && req.Version == nil {
		err = apperr.FieldErrors{"version": "is required: the current version you edited"}
	}
	if err == nil && req.StoreID != nil {
		err = apperr.FieldErrors{"store_id": "a checklist's store cannot change"}
	}
	var out Checklist
	if err == nil {
		out, err = h.svc.ReviseChecklist(c.Request.Context(), httpx.Principal(c), id, *req.Version, req.template(), req.Active)
	}
	if err != nil {
		httpx.Fail(c, err)
		return
	}
	c.JSON(http.StatusOK, toChecklistJSON(httpx.Principal(c), out))
}

func (h *Handler) listInspections(c *gin.Context) {
	storeID, _ := httpx.PathID(c, "store_id")
	pg, err := httpx.ParsePage(c)
	if err != nil {
		httpx.Fail(c, err)
		return
	}
	fe := apperr.FieldErrors{}
	f := InspectionFilter{DepartmentCode: c.Query("department_code"), Area: enumQuery(c, fe, "area", Areas),
		Passed: httpx.QueryBool(c, "passed", fe), From: httpx.QueryDate(c, "from", fe), To: httpx.QueryDate(c, "to", fe)}
	if err := fe.Err(); err != nil {
		httpx.Fail(c, err)
		return
	}
	items, total, err := h.svc.ListInspections(c.Request.Context(), httpx.Principal(c), storeID, f, pg)
	if err != nil {
		httpx.Fail(c, err)
		return
	}
	out := make([]inspectionJSON, len(items))
	for i, x := range items {
		out[i] = toInspectionJSON(x)
	}
	c.JSON(http.StatusOK, httpx.NewList(out, pg, total))
}

func (h *Handler) submit(c *gin.Context) {
	storeID, _ := httpx.PathID(c, "store_id")
	p := httpx.Principal(c)
	if err := p.RequireStore(storeID); err != nil {
		httpx.Fail(c, err)
		return
	}
	var req inspectionRequest
	if err := h.dec.DecodeRequest(c.Request, &req); err != nil {
		httpx.Fail(c, err)
		return
	}
	in, err := h.svc.Submit(c.Request.Context(), p, storeID, req.inspection())
	if err != nil {
		httpx.Fail(c, err)
		return
	}
	h.answerInspection(c, http.StatusCreated, in.ID)
}

func (h *Handler) getInspection(c *gin.Context) {
	id, err := httpx.PathID(c, "inspection_id")
	if err != nil {
		httpx.Fail(c, err)
		return
	}
	h.answerInspection(c, http.StatusOK, id)
}

// answerInspection answers an inspection with its items, answers, photos and the corrective
// actions it opened.
func (h *Handler) answerInspection(c *gin.Context, status int, id int64) {
	p := httpx.Principal(c)
	in, photos, err := h.svc.GetInspection(c.Request.Context(), p, id)
	if err != nil {
		httpx.Fail(c, err)
		return
	}
	actions, _, err := h.svc.ListActions(c.Request.Context(), p, in.StoreID, ActionFilter{InspectionID: &id},
		firstPage())
	if err != nil {
		httpx.Fail(c, err)
		return
	}
	out := toInspectionJSON(in)
	out.Photos = attachmentsJSON(photos)
	out.Actions = []actionJSON{}
	for _, a := range actions {
		out.Actions = append(out.Actions, toActionJSON(a, nil, AllowedSteps(p, a)))
	}
	c.JSON(status, out)
}

func (h *Handler) listSchedules(c *gin.Context) {
	storeID, _ := httpx.PathID(c, "store_id")
	pg, err := httpx.ParsePage(c)
	if err != nil {
		httpx.Fail(c, err)
		return
	}
	fe := apperr.FieldErrors{}
	state := enumQuery(c, fe, "state", []string{DueDone, DueToday, DueOverdue, DueNotYet, DueOff})
	if err := fe.Err(); err != nil {
		httpx.Fail(c, err)
		return
	}
	items, err := h.svc.ListSchedules(c.Request.Context(), httpx.Principal(c), storeID, state)
	if err != nil {
		httpx.Fail(c, err)
		return
	}
	// A store has a few dozen schedules at most; their states are computed together, then paged.
	from, to := min(pg.Offset(), len(items)), min(pg.Offset()+pg.PageSize, len(items))
	out := make([]scheduleJSON, 0, to-from)
	for _, x := range items[from:to] {
		out = append(out, toScheduleJSON(x))
	}
	c.JSON(http.StatusOK, httpx.NewList(out, pg, int64(len(items))))
}

func (h *Handler) setSchedule(c *gin.Context) {
	storeID, _ := httpx.PathID(c, "store_id")
	p := httpx.Principal(c)
	if err := p.RequireStore(storeID); err != nil {
		httpx.Fail(c, err)
		return
	}
	var req scheduleRequest
	if err := h.dec.DecodeRequest(c.Request, &req); err != nil {
		httpx.Fail(c, err)
		return
	}
	out, err := h.svc.SetSchedule(c.Request.Context(), p, storeID, NewSchedule(req))
	if err != nil {
		httpx.Fail(c, err)
		return
	}
	c.JSON(http.StatusOK, toScheduleJSON(out))
}

func firstPage() paging.Page { return paging.Page{Page: 1, PageSize: 500} }

func attachmentsJSON(list []attachments.Attachment) []attachments.JSON {
	return attachments.ToJSONList(list)
}
