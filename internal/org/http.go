package org

import (
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/storeops/storeops/internal/platform/apperr"
	"github.com/storeops/storeops/internal/platform/authz"
	"github.com/storeops/storeops/internal/platform/httpx"
)

// Handler serves the organisation endpoints.
type Handler struct {
	svc *Service
	dec *httpx.Decoder
}

// NewHandler returns the organisation's HTTP handlers.
func NewHandler(svc *Service, dec *httpx.Decoder) *Handler { return &Handler{svc: svc, dec: dec} }

// Register adds the routes with their access policies.
func (h *Handler) Register(r *httpx.Router) {
	admin := httpx.Roles(authz.RoleAdmin)
	r.GET("/stores", httpx.AnyRole(), h.listStores)
	r.POST("/stores", admin, h.createStore)
	r.GET("/stores/:store_id", httpx.AnyRole(), h.getStore)
	r.PATCH("/stores/:store_id", admin, h.updateStore)
	r.GET("/stores/:store_id/departments", httpx.AnyRole(), h.storeDepartments)
	r.PUT("/stores/:store_id/departments", admin, h.setStoreDepartments)
	r.GET("/departments", httpx.AnyRole(), h.listDepartments)
	r.POST("/departments", admin, h.createDepartment)
	r.GET("/users", httpx.Roles(authz.RoleAdmin, authz.RoleStoreManager), h.listUsers)
	r.POST("/users", admin, h.createUser)
	r.GET("/users/:user_id", httpx.Roles(authz.RoleAdmin, authz.RoleStoreManager), h.getUser)
	r.PATCH("/users/:user_id", admin, h.updateUser)
	r.POST("/users/:user_id/reset-password", admin, h.resetPassword)
}

// StoreJSON is a store in API answers.
type StoreJSON struct {
	ID        int64     `json:"id"`
	Code      string    `json:"code"`
	Name      string    `json:"name"`
	Region    string    `json:"region"`
	Timezone  string    `json:"timezone"`
	Active    bool      `json:"active"`
	Version   int       `json:"version"`
	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`
}

// StoreToJSON converts a store for answers.
func StoreToJSON(s Store) StoreJSON {
	return StoreJSON(s)
}

type createStoreRequest struct {
	Code     string `json:"code" validate:"required,max=32"`
	Name     string `json:"name" validate:"required,max=100"`
	Region   string `json:"region" validate:"required,max=64"`
	Timezone string `json:"timezone" validate:"required,max=64"`
}

type updateStoreRequest struct {
	Name     *string `json:"name" validate:"omitempty,max=100"`
	Region   *string `json:"region" validate:"omitempty,max=64"`
	Timezone *string `json:"timezone" validate:"omitempty,max=64"`
	Active   *bool   `json:"active"`
	Version  int     `json:"version" validate:"required,gte=1"`
}

func (h *Handler) listStores(c *gin.Context) {
	pg, err := httpx.ParsePage(c, "code", "name", "region", "created_at")
	if err != nil {
		httpx.Fail(c, err)
		return
	}
	fe := apperr.FieldErrors{}
	f := StoreFilter{Q: c.Query("q"), Region: c.Query("region"), Active: httpx.QueryBool(c, "active", fe)}
	if err := fe.Err(); err != nil {
		httpx.Fail(c, err)
		return
	}
	stores, total, err := h.svc.ListStores(c.Request.Context(), httpx.Principal(c), f, pg)
	if err != nil {
		httpx.Fail(c, err)
		return
	}
	out := make([]StoreJSON, len(stores))
	for i, s := range stores {
		out[i] = StoreToJSON(s)
	}
	c.JSON(http.StatusOK, httpx.NewList(out, pg, total))
}

func (h *Handler) createStore(c *gin.Context) {
	var req createStoreRequest
	if err := h.dec.DecodeRequest(c.Request, &req); err != nil {
		httpx.Fail(c, err)
		return
	}
	s, err := h.svc.CreateStore(c.Request.Context(), httpx.Principal(c), Store{Code: req.Code, Name: req.Name,
		Region: req.Region, Timezone: req.Timezone})
	if err != nil {
		httpx.Fail(c, err)
		return
	}
	c.JSON(http.StatusCreated, StoreToJSON(s))
}

func (h *Handler) getStore(c *gin.Context) {
	id, _ := httpx.PathID(c, "store_id")
	s, err := h.svc.GetStore(c.Request.Context(), httpx.Principal(c), id)
	if err != nil {
		httpx.Fail(c, err)
		return
	}
	c.JSON(http.StatusOK, StoreToJSON(s))
}

func (h *Handler) updateStore(c *gin.Context) {
	id, _ := httpx.PathID(c, "store_id")
	var req updateStoreRequest
	if err := h.dec.DecodeRequest(c.Request, &req); err != nil {
		httpx.Fail(c, err)
		return
	}
	s, err := h.svc.UpdateStore(c.Request.Context(), httpx.Principal(c), id, StorePatch(req))
	if err != nil {
		httpx.Fail(c, err)
		return
	}
	c.JSON(http.StatusOK, StoreToJSON(s))
}

type departmentCodesJSON struct {
	DepartmentCodes []string `json:"department_codes" validate:"required,max=100,dive,required,max=32"`
}

func (h *Handler) storeDepartments(c *gin.Context) {
	id, _ := httpx.PathID(c, "store_id")
	codes, err := h.svc.StoreDepartments(c.Request.Context(), httpx.Principal(c), id)
	if err != nil {
		httpx.Fail(c, err)
		return
	}
	c.JSON(http.StatusOK, departmentCodesJSON{DepartmentCodes: codes})
}

func (h *Handler) setStoreDepartments(c *gin.Context) {
	id, _ := httpx.PathID(c, "store_id")
	var req departmentCodesJSON
	if err := h.dec.DecodeRequest(c.Request, &req); err != nil {
		httpx.Fail(c, err)
		return
	}
	codes, err := h.svc.SetStoreDepartments(c.Request.Context(), httpx.Principal(c), id, req.DepartmentCodes)
	if err != nil {
		httpx.Fail(c, err)
		return
	}
	c.JSON(http.StatusOK, departmentCodesJSON{DepartmentCodes: codes})
}

// DepartmentJSON is a department in API answers and requests.
type DepartmentJSON struct {
	Code   string `json:"code" validate:"required,max=32"`
	Name   string `json:"name" validate:"required,max=64"`
	NameEn string `json:"name_en" validate:"required,max=64"`
	Kind   string `json:"kind" validate:"required,oneof=fresh dry non_food"`
}

func (h *Handler) listDepartments(c *gin.Context) {
	pg, err := httpx.ParsePage(c)
	if err != nil {
		httpx.Fail(c, err)
		return
	}
	deps, total, err := h.svc.ListDepartments(c.Request.Context(), pg)
	if err != nil {
		httpx.Fail(c, err)
		return
	}
	out := make([]DepartmentJSON, len(deps))
	for i, d := range deps {
		out[i] = DepartmentJSON(d)
	}
	c.JSON(http.StatusOK, httpx.NewList(out, pg, total))
}

func (h *Handler) createDepartment(c *gin.Context) {
	var req DepartmentJSON
	if err := h.dec.DecodeRequest(c.Request, &req); err != nil {
		httpx.Fail(c, err)
		return
	}
	d, err := h.svc.CreateDepartment(c.Request.Context(), httpx.Principal(c), Department(req))
	if err != nil {
		httpx.Fail(c, err)
		return
	}
	c.JSON(http.StatusCreated, DepartmentJSON(d))
}
