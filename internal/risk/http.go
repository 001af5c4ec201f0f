package risk

import (
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/storeops/storeops/internal/platform/apperr"
	"github.com/storeops/storeops/internal/platform/authz"
	"github.com/storeops/storeops/internal/platform/httpx"
)

// Handler serves the risk register, incident and readiness endpoints.
type Handler struct {
	svc *Service
	dec *httpx.Decoder
}

// NewHandler returns the risk module's handlers.
func NewHandler(svc *Service, dec *httpx.Decoder) *Handler { return &Handler{svc: svc, dec: dec} }

// Register adds the routes: everyone reads the register, admins and HQ quality edit it and
// create readiness events; the store's staff log and handle incidents and tick readiness
// items; store managers and HQ see the incident board.
func (h *Handler) Register(r *httpx.Router) {
	editors := httpx.Roles(authz.RoleAdmin, authz.RoleHQQuality)
	staff := httpx.Roles(authz.RoleAdmin, authz.RoleStoreManager, authz.RoleSupervisor)
	hq := httpx.Roles(authz.RoleAdmin, authz.RoleHQPromotions, authz.RoleHQQuality)
	r.GET("/risks", httpx.AnyRole(), h.listRisks)
	r.POST("/risks", editors, h.createRisk)
	r.GET("/risks/:risk_id", httpx.AnyRole(), h.getRisk)
	r.PATCH("/risks/:risk_id", editors, h.updateRisk)
	r.GET("/stores/:store_id/incidents", httpx.AnyRole(), h.storeIncidents)
	r.POST("/stores/:store_id/incidents", staff, h.createIncident)
	r.GET("/incidents", httpx.Roles(authz.RoleAdmin, authz.RoleStoreManager, authz.RoleHQPromotions, authz.RoleHQQuality), h.board)
	r.GET("/incidents/:incident_id", httpx.AnyRole(), h.getIncident)
	r.PATCH("/incidents/:incident_id", staff, h.updateIncident)
	r.POST("/incidents/:incident_id/actions", staff, h.addAction)
	r.POST("/incidents/:incident_id/resolve", staff, h.resolve)
	r.POST("/incidents/:incident_id/close", httpx.Roles(authz.RoleAdmin, authz.RoleStoreManager, authz.RoleHQQuality), h.close)
	r.GET("/readiness-events", hq, h.listEvents)
	r.POST("/readiness-events", editors, h.createEvent)
	r.GET("/readiness-events/:readiness_event_id", hq, h.getEvent)
	r.POST("/readiness-events/:readiness_event_id/generate", editors, h.generate)
	r.GET("/stores/:store_id/readiness", httpx.AnyRole(), h.storeReadiness)
	r.POST("/readiness-items/:readiness_item_id/complete", staff, h.completeItem)
}

func enumQuery(c *gin.Context, fe apperr.FieldErrors, name string, allowed []string) string {
	v := c.Query(name)
	if v != "" && !slices.Contains(allowed, v) {
		fe.Add(name, "must be one of: "+strings.Join(allowed, ", "))
	}
	return v
}

func (h *Handler) listRisks(c *gin.Context) {
	fe := apperr.FieldErrors{}
	all := httpx.QueryBool(c, "all", fe)
	if err := fe.Err(); err != nil {
		httpx.Fail(c, err)
		return
	}
	list, err := h.svc.ListRisks(c.Request.Context(), httpx.Principal(c), all != nil && *all)
	if err != nil {
		httpx.Fail(c, err)
		return
	}
	out := make([]riskJSON, len(list))
	for i, r := range list {
		out[i] = toRiskJSON(r)
	}
	c.JSON(http.StatusOK, gin.H{"items": out})
}

type riskRequest struct {
	Code            string    `json:"code" validate:"required,max=40"`
	Name            string    `json:"name" validate:"required,max=100"`
	NameEn          string    `json:"name_en" validate:"max=100"`
	Level           string    `json:"level" validate:"required"`
	Symptoms        string    `json:"symptoms" validate:"max=1000"`
	SymptomsEn      string    `json:"symptoms_en" validate:"max=1000"`
	OwnerDepartment string    `json:"owner_department" validate:"required"`
	Measures        []Measure `json:"measures" validate:"required,max=20"`
}

func (h *Handler) createRisk(c *gin.Context) {
	var req riskRequest
	if err := h.dec.DecodeRequest(c.Request, &req); err != nil {
		httpx.Fail(c, err)
		return
	}
	r, err := h.svc.CreateRisk(c.Request.Context(), httpx.Principal(c), Risk{Code: req.Code, Name: req.Name,
		NameEn: req.NameEn, Level: req.Level, Symptoms: req.Symptoms, SymptomsEn: req.SymptomsEn,
		OwnerDepartment: req.OwnerDepartment, Measures: req.Measures})
	if err != nil {
		httpx.Fail(c, err)
		return
	}
	c.JSON(http.StatusCreated, toRiskJSON(r))
}

func (h *Handler) getRisk(c *gin.Context) {
	id, err := httpx.PathID(c, "risk_id")
	if err != nil {
		httpx.Fail(c, err)
		return
	}
	r, err := h.svc.GetRisk(c.Request.Context(), httpx.Principal(c), id)
	if err != nil {
		httpx.Fail(c, err)
		return
	}
	c.JSON(http.StatusOK, toRiskJSON(r))
}

type riskPatchRequest struct {
	Name            *string   `json:"name" validate:"omitempty,max=100"`
	NameEn          *string   `json:"name_en" validate:"omitempty,max=100"`
	Level           *string   `json:"level"`
	Symptoms        *string   `json:"symptoms" validate:"omitempty,max=1000"`
	SymptomsEn      *string   `json:"symptoms_en" validate:"omitempty,max=1000"`
	OwnerDepartment *string   `json:"owner_department"`
	Measures        []Measure `json:"measures" validate:"omitempty,max=20"`
	Active          *bool     `json:"active"`
	Version         int       `json:"version" validate:"required,min=1"`
}

func (h *Handler) updateRisk(c *gin.Context) {
	id, err := httpx.PathID(c, "risk_id")
	if err != nil {
		httpx.Fail(c, err)
		return
	}
	var req riskPatchRequest
	if err := h.dec.DecodeRequest(c.Request, &req); err != nil {
		httpx.Fail(c, err)
		return
	}
	r, err := h.svc.UpdateRisk(c.Request.Context(), httpx.Principal(c), id, RiskPatch(req))
	if err != nil {
		httpx.Fail(c, err)
		return
	}
	c.JSON(http.StatusOK, toRiskJSON(r))
}

// chainZone bounds the board's from/to dates: the chain's days (China Standard Time).
func dayBounds(c *gin.Context, fe apperr.FieldErrors) (*time.Time, *time.Time) {
	from, to := httpx.QueryDate(c, "from", fe), httpx.QueryDate(c, "to", fe)
	var f, t *time.Time
	if from != nil {
		v := from.Time().Add(-8 * time.Hour)
		f = &v
	}
	if to != nil {
		v := to.AddDays(1).Time().Add(-8 * time.Hour)
		t = &v
	}
	if from != nil && to != nil && *to < *from {
		fe.Add("to", "must not be before from")
	}
	return f, t
}

func (h *Handler) storeIncidents(c *gin.Context) {
	storeID, _ := httpx.PathID(c, "store_id")
	h.listIncidents(c, &storeID)
}

func (h *Handler) board(c *gin.Context) {
	fe := apperr.FieldErrors{}
	storeID := httpx.QueryInt64(c, "store_id", fe)
	if err := fe.Err(); err != nil {
		httpx.Fail(c, err)
		return
	}
	h.listIncidents(c, storeID)
}

func (h *Handler) listIncidents(c *gin.Context, storeID *int64) {
	pg, err := httpx.ParsePage(c)
	if err != nil {
		httpx.Fail(c, err)
		return
	}
	fe := apperr.FieldErrors{}
	f := IncidentFilter{StoreID: storeID, Status: enumQuery(c, fe, "status", Statuses), Level: enumQuery(c, fe, "level", Levels)}
	f.From, f.To = dayBounds(c, fe)
	if err := fe.Err(); err != nil {
		httpx.Fail(c, err)
		return
	}
	p := httpx.Principal(c)
	items, total, err := h.svc.Board(c.Request.Context(), p, f, pg)
	if err != nil {
		httpx.Fail(c, err)
		return
	}
	out := make([]incidentJSON, len(items))
	for i, in := range items {
		out[i] = toIncidentJSON(IncidentDetail{Incident: in}, h.svc.Allowed(p, in), false)
	}
	c.JSON(http.StatusOK, httpx.NewList(out, pg, total))
}
