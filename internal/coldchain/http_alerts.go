package coldchain

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/storeops/storeops/internal/platform/apperr"
	"github.com/storeops/storeops/internal/platform/httpx"
	"github.com/storeops/storeops/internal/platform/idempotency"
	"github.com/storeops/storeops/internal/platform/upload"
)

func (h *Handler) temperatures(c *gin.Context) {
	id, err := httpx.PathID(c, "equipment_id")
	if err != nil {
		httpx.Fail(c, err)
		return
	}
	fe := apperr.FieldErrors{}
	to := queryTime(c, fe, "to", h.svc.now().UTC())
	from := queryTime(c, fe, "from", to.Add(-24*time.Hour))
	if err := fe.Err(); err != nil {
		httpx.Fail(c, err)
		return
	}
	p := httpx.Principal(c)
	ch, err := h.svc.Temperatures(c.Request.Context(), p, id, from, to)
	if err != nil {
		httpx.Fail(c, err)
		return
	}
	out := chartJSON{EquipmentID: id, From: ch.From, To: ch.To, MinCelsius: ch.Equipment.MinCelsius,
		MaxCelsius: ch.Equipment.MaxCelsius, BucketSeconds: ch.BucketSeconds, Points: make([]pointJSON, len(ch.Points)),
		Alerts: make([]alertJSON, len(ch.Alerts))}
	for i, pt := range ch.Points {
		out.Points[i] = pointJSON(pt)
	}
	for i, a := range ch.Alerts {
		out.Alerts[i] = toAlertJSON(a, AllowedAlertSteps(p, a))
	}
	c.JSON(http.StatusOK, out)
}

// queryTime reads an RFC 3339 time parameter; def when absent.
func queryTime(c *gin.Context, fe apperr.FieldErrors, name string, def time.Time) time.Time {
	v := c.Query(name)
	if v == "" {
		return def
	}
	t, err := time.Parse(time.RFC3339, v)
	if err != nil {
		fe.Add(name, "must be an RFC 3339 time such as 2026-12-01T08:00:00Z")
		return def
	}
	return t.UTC()
}

func (h *Handler) listAlerts(c *gin.Context) {
	storeID, _ := httpx.PathID(c, "store_id")
	pg, err := httpx.ParsePage(c)
	if err != nil {
		httpx.Fail(c, err)
		return
	}
	fe := apperr.FieldErrors{}
	f := AlertFilter{Status: enumQuery(c, fe, "status", AlertStatuses), EquipmentID: httpx.QueryInt64(c, "equipment_id", fe)}
	if b := httpx.QueryBool(c, "active", fe); b != nil {
		f.Active = *b
	}
	if err := fe.Err(); err != nil {
		httpx.Fail(c, err)
		return
	}
	p := httpx.Principal(c)
	items, total, err := h.svc.ListAlerts(c.Request.Context(), p, storeID, f, pg)
	if err != nil {
		httpx.Fail(c, err)
		return
	}
	out := make([]alertJSON, len(items))
	for i, a := range items {
		out[i] = toAlertJSON(a, AllowedAlertSteps(p, a))
	}
	c.JSON(http.StatusOK, httpx.NewList(out, pg, total))
}

func (h *Handler) getAlert(c *gin.Context) {
	id, err := httpx.PathID(c, "alert_id")
	var a Alert
	p := httpx.Principal(c)
	if err == nil {
		a, err = h.svc.GetAlert(c.Request.Context(), p, id)
	}
	if err != nil {
		httpx.Fail(c, err)
		return
	}
	c.JSON(http.StatusOK, toAlertJSON(a, AllowedAlertSteps(p, a)))
}

func (h *Handler) step(step string) gin.HandlerFunc {
	return func(c *gin.Context) {
		id, err := httpx.PathID(c, "alert_id")
		p := httpx.Principal(c)
		if err == nil {
			_, err = h.svc.GetAlert(c.Request.Context(), p, id)
		}
		var req stepRequest
		switch {
		case err == nil && step == StepClose:
			err = h.dec.DecodeRequest(c.Request, &req)
		case err == nil:
			err = h.dec.DecodeOptional(c.Request, &req)
		}
		var a Alert
		if err == nil {
			a, err = h.svc.StepAlert(c.Request.Context(), p, id, step, req.Version, req.Note)
		}
		if err != nil {
			httpx.Fail(c, err)
			return
		}
		c.JSON(http.StatusOK, toAlertJSON(a, AllowedAlertSteps(p, a)))
	}
}

func (h *Handler) listMaintenance(c *gin.Context) {
	id, err := httpx.PathID(c, "equipment_id")
	if err != nil {
		httpx.Fail(c, err)
		return
	}
	pg, err := httpx.ParsePage(c)
	if err != nil {
		httpx.Fail(c, err)
		return
	}
	items, total, err := h.svc.ListMaintenance(c.Request.Context(), httpx.Principal(c), id, pg)
	if err != nil {
		httpx.Fail(c, err)
		return
	}
	out := make([]maintenanceJSON, len(items))
	for i, m := range items {
		out[i] = toMaintenanceJSON(m)
	}
	c.JSON(http.StatusOK, httpx.NewList(out, pg, total))
}

func (h *Handler) addMaintenance(c *gin.Context) {
	id, err := httpx.PathID(c, "equipment_id")
	p := httpx.Principal(c)
	if err == nil {
		_, err = h.svc.GetEquipment(c.Request.Context(), p, id)
	}
	var value string
	if err == nil {
		value, err = upload.IdempotencyKey(c.Request)
	}
	var req maintenanceRequest
	if err == nil {
		err = h.dec.DecodeRequest(c.Request, &req)
	}
	var m Maintenance
	if err == nil {
		sum := sha256.Sum256([]byte(fmt.Sprintf("%s|%s|%s|%t|%s|%s", req.Kind, req.Date, req.Cost, req.CostViaERP, req.Vendor, req.Note)))
		key := idempotency.Key{Scope: c.Request.Method + " " + c.Request.URL.Path, Value: value, Hash: hex.EncodeToString(sum[:])}
		m, err = h.svc.AddMaintenance(c.Request.Context(), p, id, Maintenance{Kind: req.Kind, DoneOn: req.Date,
			Vendor: req.Vendor, Note: req.Note, Cost: req.Cost, CostViaERP: req.CostViaERP}, key)
	}
	if err != nil {
		httpx.Fail(c, err)
		return
	}
	c.JSON(http.StatusCreated, toMaintenanceJSON(m))
}
