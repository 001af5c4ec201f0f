package tasks

import (
	"net/http"
	"strconv"

	"github.com/gin-gonic/gin"

	"github.com/storeops/storeops/internal/platform/apperr"
	"github.com/storeops/storeops/internal/platform/attachments"
	"github.com/storeops/storeops/internal/platform/httpx"
)

func attachmentsJSON(as []attachments.Attachment) []attachments.JSON {
	if len(as) == 0 {
		return nil
	}
	return attachments.ToJSONList(as)
}

func (h *Handler) listTemplates(c *gin.Context) {
	var storeID *int64
	if v := c.Query("store_id"); v != "" {
		id, err := strconv.ParseInt(v, 10, 64)
		if err != nil || id < 1 {
			httpx.Fail(c, apperr.Field("store_id", "must be a store id"))
			return
		}
		storeID = &id
	}
	list, err := h.svc.ListTemplates(c.Request.Context(), httpx.Principal(c), storeID)
	if err != nil {
		httpx.Fail(c, err)
		return
	}
	out := make([]templateJSON, len(list))
	for i, t := range list {
		out[i] = toTemplateJSON(t)
	}
	c.JSON(http.StatusOK, gin.H{"items": out})
}

type templateRequest struct {
	StoreID          *int64  `json:"store_id" validate:"omitempty,min=1"`
	DepartmentCode   *string `json:"department_code" validate:"omitempty,max=32"`
	TitleZh          *string `json:"title_zh" validate:"omitempty,max=200"`
	TitleEn          *string `json:"title_en" validate:"omitempty,max=200"`
	Recurrence       *string `json:"recurrence"`
	Weekdays         []int   `json:"weekdays" validate:"max=7"`
	MonthDay         *int    `json:"month_day"`
	DueTime          *string `json:"due_time"`
	EstimatedMinutes *int    `json:"estimated_minutes"`
	Active           *bool   `json:"active"`
	Version          *int    `json:"version" validate:"omitempty,min=1"`
}

// apply copies the fields sent onto t, naming those of a bad shape.
func (r templateRequest) apply(t *Template, fe apperr.FieldErrors) {
	set := func(dst *string, v *string) {
		if v != nil {
			*dst = *v
		}
	}
	set(&t.DepartmentCode, r.DepartmentCode)
	set(&t.TitleZh, r.TitleZh)
	set(&t.TitleEn, r.TitleEn)
	set(&t.Recurrence, r.Recurrence)
	if r.Weekdays != nil {
		bits, ok := WeekdayBits(r.Weekdays)
		if !ok {
			fe.Add("weekdays", "days are 0 (Sunday) to 6 (Saturday)")
		}
		t.Weekdays = bits
	}
	if r.MonthDay != nil {
		t.MonthDay = *r.MonthDay
	}
	if r.DueTime != nil {
		if t.DueMinute = ParseTimeOfDay(*r.DueTime); t.DueMinute < 0 {
			fe.Add("due_time", "must be a time of day HH:MM")
		}
	}
	if r.EstimatedMinutes != nil {
		t.EstimatedMinutes = *r.EstimatedMinutes
	}
	if r.Active != nil {
		t.Active = *r.Active
	}
}

func (h *Handler) createTemplate(c *gin.Context) {
	var req templateRequest
	if err := h.dec.DecodeRequest(c.Request, &req); err != nil {
		httpx.Fail(c, err)
		return
	}
	fe := apperr.FieldErrors{}
	t := Template{StoreID: req.StoreID, Active: true, DueMinute: -1}
	req.apply(&t, fe)
	if req.DueTime == nil {
		fe.Add("due_time", "is required")
	}
	if err := fe.Err(); err != nil {
		httpx.Fail(c, err)
		return
	}
	created, err := h.svc.CreateTemplate(c.Request.Context(), httpx.Principal(c), t)
	if err != nil {
		httpx.Fail(c, err)
		return
	}
	c.JSON(http.StatusCreated, toTemplateJSON(created))
}

func (h *Handler) updateTemplate(c *gin.Context) {
	id, err := httpx.PathID(c, "template_id")
	if err == nil {
		err = h.svc.TemplateVisible(c.Request.Context(), httpx.Principal(c), id)
	}
	if err != nil {
		httpx.Fail(c, err)
		return
	}
	var req templateRequest
	if err := h.dec.DecodeRequest(c.Request, &req); err != nil {
		httpx.Fail(c, err)
		return
	}
	fe := apperr.FieldErrors{}
	if req.Version == nil {
		fe.Add("version", "is required")
	}
	if req.StoreID != nil {
		fe.Add("store_id", "cannot be changed")
	}
	if err := fe.Err(); err != nil {
		httpx.Fail(c, err)
		return
	}
	updated, err := h.svc.UpdateTemplate(c.Request.Context(), httpx.Principal(c), id, *req.Version, func(t *Template) error {
		pe := apperr.FieldErrors{}
		req.apply(t, pe)
		return pe.Err()
	})
	if err != nil {
		httpx.Fail(c, err)
		return
	}
	c.JSON(http.StatusOK, toTemplateJSON(updated))
}

func (h *Handler) load(c *gin.Context) {
	storeID, _ := httpx.PathID(c, "store_id")
	fe := apperr.FieldErrors{}
	from, to := httpx.QueryDate(c, "from", fe), httpx.QueryDate(c, "to", fe)
	if from == nil && fe["from"] == "" {
		fe.Add("from", "is required")
	}
	if to == nil && fe["to"] == "" {
		fe.Add("to", "is required")
	}
	if err := fe.Err(); err != nil {
		httpx.Fail(c, err)
		return
	}
	rep, err := h.svc.Load(c.Request.Context(), httpx.Principal(c), storeID, *from, *to)
	if err != nil {
		httpx.Fail(c, err)
		return
	}
	c.JSON(http.StatusOK, toLoadJSON(rep))
}

func (h *Handler) capacities(c *gin.Context) {
	storeID, _ := httpx.PathID(c, "store_id")
	list, err := h.svc.Capacities(c.Request.Context(), httpx.Principal(c), storeID)
	if err != nil {
		httpx.Fail(c, err)
		return
	}
	out := make([]capacityJSON, len(list))
	for i, cp := range list {
		out[i] = toCapacityJSON(cp)
	}
	c.JSON(http.StatusOK, gin.H{"items": out})
}

type capacityRequest struct {
	MinutesPerDay *int `json:"minutes_per_day" validate:"required"`
	Version       *int `json:"version" validate:"omitempty,min=1"`
}

func (h *Handler) setCapacity(c *gin.Context) {
	storeID, _ := httpx.PathID(c, "store_id")
	p := httpx.Principal(c)
	if err := p.RequireStore(storeID); err != nil {
		httpx.Fail(c, err)
		return
	}
	var req capacityRequest
	if err := h.dec.DecodeRequest(c.Request, &req); err != nil {
		httpx.Fail(c, err)
		return
	}
	out, err := h.svc.SetCapacity(c.Request.Context(), p, storeID, c.Param("department_code"), *req.MinutesPerDay, req.Version)
	if err != nil {
		httpx.Fail(c, err)
		return
	}
	c.JSON(http.StatusOK, toCapacityJSON(out))
}
