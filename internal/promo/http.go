package promo

import (
	"net/http"
	"slices"

	"github.com/gin-gonic/gin"

	"github.com/storeops/storeops/internal/platform/apperr"
	"github.com/storeops/storeops/internal/platform/attachments"
	"github.com/storeops/storeops/internal/platform/authz"
	"github.com/storeops/storeops/internal/platform/civil"
	"github.com/storeops/storeops/internal/platform/fixed"
	"github.com/storeops/storeops/internal/platform/httpx"
	"github.com/storeops/storeops/internal/platform/paging"
)

// Handler serves the promotion endpoints.
type Handler struct {
	svc *Service
	dec *httpx.Decoder
}

// NewHandler returns the promotion handlers.
func NewHandler(svc *Service, dec *httpx.Decoder) *Handler { return &Handler{svc: svc, dec: dec} }

// Register adds the routes: HQ promotions and admins plan, publish and watch; a store's staff
// do its tasks.
func (h *Handler) Register(r *httpx.Router) {
	planners := httpx.Roles(authz.RoleAdmin, authz.RoleHQPromotions)
	managers := httpx.Roles(authz.RoleAdmin, authz.RoleHQPromotions, authz.RoleStoreManager)
	staff := httpx.Roles(authz.RoleAdmin, authz.RoleStoreManager, authz.RoleSupervisor)
	r.GET("/campaigns", httpx.AnyRole(), h.list)
	r.POST("/campaigns", managers, h.create)
	r.GET("/campaigns/:campaign_id", httpx.AnyRole(), h.get)
	r.PATCH("/campaigns/:campaign_id", managers, h.update)
	r.POST("/campaigns/:campaign_id/publish", managers, h.publish)
	r.POST("/campaigns/:campaign_id/end", managers, h.end)
	r.GET("/campaigns/:campaign_id/compliance", httpx.AnyRole(), h.compliance)
	r.GET("/campaigns/:campaign_id/effect", httpx.AnyRole(), h.effect)
	r.GET("/campaigns/:campaign_id/effect/export", httpx.AnyRole(), h.exportEffect)
	r.PUT("/campaigns/:campaign_id/stores/:store_id/review", staff, h.putReview)
	r.GET("/stores/:store_id/campaign-executions", httpx.AnyRole(), h.executions)
	r.GET("/campaign-tasks/:task_id", httpx.AnyRole(), h.getTask)
	r.POST("/campaign-tasks/:task_id/complete", staff, h.complete)
	r.POST("/campaign-tasks/:task_id/problem", staff, h.problem)
	r.POST("/campaign-tasks/:task_id/answer", planners, h.answer)
	h.registerMore(r, staff)
}

func (h *Handler) list(c *gin.Context) {
	pg, err := httpx.ParsePage(c)
	if err != nil {
		httpx.Fail(c, err)
		return
	}
	f := ListFilter{Status: c.Query("status"), Owner: c.Query("owner")}
	if f.Status != "" && !slices.Contains([]string{StatusDraft, StatusPublished, StatusEnded}, f.Status) {
		httpx.Fail(c, apperr.Field("status", "must be one of: draft, published, ended"))
		return
	}
	if f.Owner != "" && !slices.Contains([]string{OwnerHQ, OwnerStore, OwnerAll}, f.Owner) {
		httpx.Fail(c, apperr.Field("owner", "must be one of: hq, store, all"))
		return
	}
	items, total, err := h.svc.List(c.Request.Context(), httpx.Principal(c), f, pg)
	if err != nil {
		httpx.Fail(c, err)
		return
	}
	out := make([]campaignJSON, len(items))
	for i, v := range items {
		out[i] = toCampaignJSON(v, false, manages(c, v))
	}
	c.JSON(http.StatusOK, httpx.NewList(out, pg, total))
}

type itemRequest struct {
	SKU        string       `json:"sku" validate:"required,max=32"`
	PromoPrice *fixed.Money `json:"promo_price" validate:"required"`
	BelowCost  bool         `json:"below_cost"`
}

type taskRequest struct {
	Kind          string `json:"kind" validate:"required"`
	Title         string `json:"title" validate:"required,max=200"`
	Instructions  string `json:"instructions" validate:"max=2000"`
	DueHours      int    `json:"due_hours" validate:"min=0,max=1440"`
	PhotoRequired bool   `json:"photo_required"`
}

type campaignRequest struct {
	Name           string        `json:"name" validate:"required,max=200"`
	Mechanic       string        `json:"mechanic" validate:"required"`
	StartsOn       *civil.Date   `json:"starts_on" validate:"required"`
	EndsOn         *civil.Date   `json:"ends_on" validate:"required"`
	TargetKind     string        `json:"target_kind" validate:"required"`
	TargetRegion   string        `json:"target_region" validate:"max=64"`
	TargetStoreIDs []int64       `json:"target_store_ids" validate:"max=1000"`
	Priority       int           `json:"priority" validate:"min=0,max=100"`
	Note           string        `json:"note" validate:"max=1000"`
	Items          []itemRequest `json:"items" validate:"required,min=1,max=1000,dive"`
	Tasks          []taskRequest `json:"tasks" validate:"max=20,dive"`
	Version        *int          `json:"version"`
}

func (r campaignRequest) draft() Draft {
	d := Draft{Campaign: Campaign{Name: r.Name, Mechanic: r.Mechanic, StartsOn: *r.StartsOn, EndsOn: *r.EndsOn,
		TargetKind: r.TargetKind, TargetRegion: r.TargetRegion, TargetStoreIDs: r.TargetStoreIDs, Priority: r.Priority,
		Note: r.Note}}
	for _, it := range r.Items {
		d.ItemInputs = append(d.ItemInputs, ItemInput{SKU: it.SKU, PromoPrice: *it.PromoPrice, BelowCost: it.BelowCost})
	}
	for _, t := range r.Tasks {
		d.Tasks = append(d.Tasks, Task{Kind: t.Kind, Title: t.Title, Instructions: t.Instructions, DueHours: t.DueHours,
			PhotoRequired: t.PhotoRequired})
	}
	return d
}

func (h *Handler) create(c *gin.Context) {
	var req campaignRequest
	if err := h.dec.DecodeRequest(c.Request, &req); err != nil {
		httpx.Fail(c, err)
		return
	}
	out, err := h.svc.Create(c.Request.Context(), httpx.Principal(c), req.draft())
	if err != nil {
		httpx.Fail(c, err)
		return
	}
	c.JSON(http.StatusCreated, toCampaignJSON(out, true, manages(c, out)))
}

// campaignID reads the path's campaign and answers 404 outside the caller's scope.
func (h *Handler) campaignID(c *gin.Context) (int64, bool) {
	id, err := httpx.PathID(c, "campaign_id")
	if err == nil {
		_, err = h.svc.load(c.Request.Context(), h.svc.db, httpx.Principal(c), id)
	}
	if err != nil {
		httpx.Fail(c, err)
		return 0, false
	}
	return id, true
}

func (h *Handler) get(c *gin.Context) {
	id, ok := h.campaignID(c)
	if !ok {
		return
	}
	out, err := h.svc.Get(c.Request.Context(), httpx.Principal(c), id)
	if err != nil {
		httpx.Fail(c, err)
		return
	}
	c.JSON(http.StatusOK, toCampaignJSON(out, true, manages(c, out)))
}

func (h *Handler) update(c *gin.Context) {
	id, ok := h.campaignID(c)
	if !ok {
		return
	}
	var req campaignRequest
	if err := h.dec.DecodeRequest(c.Request, &req); err != nil {
		httpx.Fail(c, err)
		return
	}
	if req.Version == nil {
		httpx.Fail(c, apperr.Field("version", "is required: the campaign's version"))
		return
	}
	out, err := h.svc.Update(c.Request.Context(), httpx.Principal(c), id, *req.Version, req.draft())
	if err != nil {
		httpx.Fail(c, err)
		return
	}
	c.JSON(http.StatusOK, toCampaignJSON(out, true, manages(c, out)))
}

func (h *Handler) publish(c *gin.Context) {
	id, ok := h.campaignID(c)
	if !ok {
		return
	}
	out, added, err := h.svc.Publish(c.Request.Context(), httpx.Principal(c), id)
	if err != nil {
		httpx.Fail(c, err)
		return
	}
	c.JSON(http.StatusOK, gin.H{"campaign": toCampaignJSON(out, true, manages(c, out)), "stores_added": added.Stores,
		"tasks_added": added.Runs})
}

type versionRequest struct {
	Version *int `json:"version" validate:"required,min=1"`
}

func (h *Handler) end(c *gin.Context) {
	id, ok := h.campaignID(c)
	if !ok {
		return
	}
	var req versionRequest
	if err := h.dec.DecodeRequest(c.Request, &req); err != nil {
		httpx.Fail(c, err)
		return
	}
	out, err := h.svc.End(c.Request.Context(), httpx.Principal(c), id, *req.Version)
	if err != nil {
		httpx.Fail(c, err)
		return
	}
	c.JSON(http.StatusOK, toCampaignJSON(out, true, manages(c, out)))
}

func (h *Handler) compliance(c *gin.Context) {
	id, ok := h.campaignID(c)
	if !ok {
		return
	}
	out, err := h.svc.Compliance(c.Request.Context(), httpx.Principal(c), id)
	if err != nil {
		httpx.Fail(c, err)
		return
	}
	c.JSON(http.StatusOK, toComplianceJSON(out))
}

func (h *Handler) executions(c *gin.Context) {
	storeID, _ := httpx.PathID(c, "store_id")
	fe := apperr.FieldErrors{}
	f := TaskFilter{}
	if v := httpx.QueryBool(c, "open", fe); v != nil {
		f.Open = *v
	}
	if v := httpx.QueryInt64(c, "campaign_id", fe); v != nil {
		f.CampaignID = *v
	}
	if err := fe.Err(); err != nil {
		httpx.Fail(c, err)
		return
	}
	tasks, _, err := h.svc.StoreTasks(c.Request.Context(), httpx.Principal(c), storeID, f,
		paging.Page{Page: 1, PageSize: paging.MaxPageSize})
	if err != nil {
		httpx.Fail(c, err)
		return
	}
	campaigns, err := h.svc.StoreCampaigns(c.Request.Context(), httpx.Principal(c), storeID, f.CampaignID)
	if err != nil {
		httpx.Fail(c, err)
		return
	}
	items := toExecutionsJSON(campaigns, tasks, h.svc.now())
	if err := h.markChanges(c, storeID, items); err != nil {
		httpx.Fail(c, err)
		return
	}
	if f.Open { // what is left to do: open tasks, or a change to acknowledge
		items = slices.DeleteFunc(items, func(e executionJSON) bool { return len(e.Tasks) == 0 && !e.ChangedSinceAck })
	}
	c.JSON(http.StatusOK, gin.H{"items": items})
}

func (h *Handler) taskID(c *gin.Context) (int64, bool) {
	id, err := httpx.PathID(c, "task_id")
	if err == nil {
		err = h.svc.VisibleRun(c.Request.Context(), httpx.Principal(c), id)
	}
	if err != nil {
		httpx.Fail(c, err)
		return 0, false
	}
	return id, true
}

func (h *Handler) answerTask(c *gin.Context, id int64) {
	t, photos, err := h.svc.GetRun(c.Request.Context(), httpx.Principal(c), id)
	if err != nil {
		httpx.Fail(c, err)
		return
	}
	out := toTaskJSON(t, h.svc.now())
	out.Photos = attachments.ToJSONList(photos)
	c.JSON(http.StatusOK, out)
}

func (h *Handler) getTask(c *gin.Context) {
	if id, ok := h.taskID(c); ok {
		h.answerTask(c, id)
	}
}

type completeRequest struct {
	Note    string  `json:"note" validate:"max=1000"`
	Photos  []int64 `json:"photos" validate:"max=5"`
	Version *int    `json:"version" validate:"omitempty,min=1"`
}

func (h *Handler) complete(c *gin.Context) {
	id, ok := h.taskID(c)
	if !ok {
		return
	}
	var req completeRequest
	if err := h.dec.DecodeOptional(c.Request, &req); err != nil {
		httpx.Fail(c, err)
		return
	}
	if err := h.svc.Complete(c.Request.Context(), httpx.Principal(c), id, Completion{Version: req.Version, Note: req.Note,
		Photos: req.Photos}); err != nil {
		httpx.Fail(c, err)
		return
	}
	h.answerTask(c, id)
}

type problemRequest struct {
	Kind    string  `json:"kind" validate:"required"`
	Note    string  `json:"note" validate:"required,max=1000"`
	Photos  []int64 `json:"photos" validate:"max=5"`
	Version *int    `json:"version" validate:"omitempty,min=1"`
}

func (h *Handler) problem(c *gin.Context) {
	id, ok := h.taskID(c)
	if !ok {
		return
	}
	var req problemRequest
	if err := h.dec.DecodeRequest(c.Request, &req); err != nil {
		httpx.Fail(c, err)
		return
	}
	if err := h.svc.Complete(c.Request.Context(), httpx.Principal(c), id, Completion{Version: req.Version, Note: req.Note,
		Photos: req.Photos, Problem: req.Kind}); err != nil {
		httpx.Fail(c, err)
		return
	}
	h.answerTask(c, id)
}

type answerRequest struct {
	Answer string `json:"answer" validate:"required,max=1000"`
}

func (h *Handler) answer(c *gin.Context) {
	id, ok := h.taskID(c)
	if !ok {
		return
	}
	var req answerRequest
	if err := h.dec.DecodeRequest(c.Request, &req); err != nil {
		httpx.Fail(c, err)
		return
	}
	if err := h.svc.Answer(c.Request.Context(), httpx.Principal(c), id, req.Answer); err != nil {
		httpx.Fail(c, err)
		return
	}
	h.answerTask(c, id)
}

// manages: the caller may change the campaign (HQ promotions and admins every campaign, a
// store manager their store's in-store promotions).
func manages(c *gin.Context, v Campaign) bool { return Manages(httpx.Principal(c), v.OwnerStoreID) }
