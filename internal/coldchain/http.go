package coldchain

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"net/http"
	"slices"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/storeops/storeops/internal/platform/apperr"
	"github.com/storeops/storeops/internal/platform/authz"
	"github.com/storeops/storeops/internal/platform/httpx"
	"github.com/storeops/storeops/internal/platform/idempotency"
	"github.com/storeops/storeops/internal/platform/upload"
)

// BodyLimit is the largest sensor batch body (20,000 readings of about 120 bytes).
const BodyLimit = 8 << 20

// Handler serves the cold chain endpoints.
type Handler struct {
	svc *Service
	dec *httpx.Decoder
}

// NewHandler returns the cold chain handlers.
func NewHandler(svc *Service, dec *httpx.Decoder) *Handler { return &Handler{svc: svc, dec: dec} }

// Register adds the routes. Everyone reads in their scope (HQ quality every store); the
// store's manager registers and edits equipment; its staff log readings, handle alerts and
// record maintenance.
func (h *Handler) Register(r *httpx.Router) {
	managers := httpx.Roles(authz.RoleAdmin, authz.RoleStoreManager)
	staffRoles := httpx.Roles(authz.RoleAdmin, authz.RoleStoreManager, authz.RoleSupervisor)
	r.GET("/stores/:store_id/equipment", httpx.AnyRole(), h.listEquipment)
	r.POST("/stores/:store_id/equipment", managers, h.createEquipment)
	r.GET("/equipment/:equipment_id", httpx.AnyRole(), h.getEquipment)
	r.PATCH("/equipment/:equipment_id", managers, h.patchEquipment)
	r.POST("/stores/:store_id/temperature-logs", staffRoles, h.logReadings(SourceManual))
	r.POST("/stores/:store_id/temperature-logs/bulk", staffRoles, h.logReadings(SourceSensor), httpx.WithBodyLimit(BodyLimit))
	r.GET("/equipment/:equipment_id/temperatures", httpx.AnyRole(), h.temperatures)
	r.GET("/stores/:store_id/temperature-alerts", httpx.AnyRole(), h.listAlerts)
	r.GET("/temperature-alerts/:alert_id", httpx.AnyRole(), h.getAlert)
	r.POST("/temperature-alerts/:alert_id/acknowledge", staffRoles, h.step(StepAcknowledge))
	r.POST("/temperature-alerts/:alert_id/close", staffRoles, h.step(StepClose))
	r.GET("/equipment/:equipment_id/maintenance", httpx.AnyRole(), h.listMaintenance)
	r.POST("/equipment/:equipment_id/maintenance", staffRoles, h.addMaintenance)
}

func enumQuery(c *gin.Context, fe apperr.FieldErrors, name string, allowed []string) string {
	v := c.Query(name)
	if v != "" && !slices.Contains(allowed, v) {
		fe.Add(name, "must be one of: "+strings.Join(allowed, ", "))
	}
	return v
}

func (h *Handler) listEquipment(c *gin.Context) {
	storeID, _ := httpx.PathID(c, "store_id")
	pg, err := httpx.ParsePage(c)
	if err != nil {
		httpx.Fail(c, err)
		return
	}
	fe := apperr.FieldErrors{}
	f := EquipmentFilter{Kind: enumQuery(c, fe, "kind", Kinds), DepartmentCode: c.Query("department_code"),
		Active: httpx.QueryBool(c, "active", fe)}
	if b := httpx.QueryBool(c, "maintenance_overdue", fe); b != nil {
		f.MaintenanceOverdue = *b
	}
	if err := fe.Err(); err != nil {
		httpx.Fail(c, err)
		return
	}
	ctx, p := c.Request.Context(), httpx.Principal(c)
	items, total, err := h.svc.ListEquipment(ctx, p, storeID, f, pg)
	if err != nil {
		httpx.Fail(c, err)
		return
	}
	today, err := h.svc.today(ctx, storeID)
	if err != nil {
		httpx.Fail(c, err)
		return
	}
	out := make([]equipmentJSON, len(items))
	for i, e := range items {
		out[i] = toEquipmentJSON(e, today)
	}
	c.JSON(http.StatusOK, httpx.NewList(out, pg, total))
}

func (h *Handler) answerEquipment(c *gin.Context, status int, e Equipment) {
	today, err := h.svc.today(c.Request.Context(), e.StoreID)
	if err != nil {
		httpx.Fail(c, err)
		return
	}
	c.JSON(status, toEquipmentJSON(e, today))
}

func (h *Handler) createEquipment(c *gin.Context) {
	storeID, _ := httpx.PathID(c, "store_id")
	p := httpx.Principal(c)
	if err := p.RequireStore(storeID); err != nil {
		httpx.Fail(c, err)
		return
	}
	var req equipmentRequest
	if err := h.dec.DecodeRequest(c.Request, &req); err != nil {
		httpx.Fail(c, err)
		return
	}
	e, err := h.svc.CreateEquipment(c.Request.Context(), p, storeID, req.equipment())
	if err != nil {
		httpx.Fail(c, err)
		return
	}
	h.answerEquipment(c, http.StatusCreated, e)
}

func (h *Handler) getEquipment(c *gin.Context) {
	id, err := httpx.PathID(c, "equipment_id")
	var e Equipment
	if err == nil {
		e, err = h.svc.GetEquipment(c.Request.Context(), httpx.Principal(c), id)
	}
	if err != nil {
		httpx.Fail(c, err)
		return
	}
	h.answerEquipment(c, http.StatusOK, e)
}

func (h *Handler) patchEquipment(c *gin.Context) {
	id, err := httpx.PathID(c, "equipment_id")
	if err == nil {
		_, err = h.svc.GetEquipment(c.Request.Context(), httpx.Principal(c), id)
	}
	var req equipmentPatchRequest
	if err == nil {
		err = h.dec.DecodeRequest(c.Request, &req)
	}
	var e Equipment
	if err == nil {
		e, err = h.svc.UpdateEquipment(c.Request.Context(), httpx.Principal(c), id, *req.Version, req.patch())
	}
	if err != nil {
		httpx.Fail(c, err)
		return
	}
	h.answerEquipment(c, http.StatusOK, e)
}

// logReadings takes {"readings": [...]}; the Idempotency-Key header makes a retry replay the
// first answer.
func (h *Handler) logReadings(source string) gin.HandlerFunc {
	return func(c *gin.Context) {
		storeID, _ := httpx.PathID(c, "store_id")
		p := httpx.Principal(c)
		if err := p.RequireStore(storeID); err != nil {
			httpx.Fail(c, err)
			return
		}
		value, err := upload.IdempotencyKey(c.Request)
		var raw []byte
		if err == nil {
			raw, err = io.ReadAll(c.Request.Body)
		}
		var req readingsRequest
		if err == nil {
			c.Request.Body = io.NopCloser(bytes.NewReader(raw))
			err = h.dec.DecodeRequest(c.Request, &req)
		}
		if err != nil {
			httpx.Fail(c, err)
			return
		}
		sum := sha256.Sum256(raw)
		key := idempotency.Key{Scope: c.Request.Method + " " + c.Request.URL.Path, Value: value,
			Hash: idempotency.RequestHash(c.Request.URL.RawQuery, hex.EncodeToString(sum[:]))}
		res, err := h.svc.LogReadings(c.Request.Context(), p, storeID, source, req.readings(), key)
		if err != nil {
			httpx.Fail(c, err)
			return
		}
		c.JSON(http.StatusOK, res)
	}
}
