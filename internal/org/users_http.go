package org

import (
	"net/http"
	"time"

	"github.com/storeops/storeops/internal/platform/patch"

	"github.com/gin-gonic/gin"

	"github.com/storeops/storeops/internal/platform/apperr"
	"github.com/storeops/storeops/internal/platform/authz"
	"github.com/storeops/storeops/internal/platform/httpx"
)

// UserJSON is a user in API answers.
type UserJSON struct {
	ID              int64      `json:"id"`
	Username        string     `json:"username"`
	DisplayName     string     `json:"display_name"`
	Role            string     `json:"role"`
	StoreID         *int64     `json:"store_id"`
	DepartmentCodes []string   `json:"department_codes"`
	Disabled        bool       `json:"disabled"`
	Version         int        `json:"version"`
	LastLoginAt     *time.Time `json:"last_login_at"`
	CreatedAt       time.Time  `json:"created_at"`
	UpdatedAt       time.Time  `json:"updated_at"`
}

// UserToJSON converts a user for answers.
func UserToJSON(u User) UserJSON {
	return UserJSON{ID: u.ID, Username: u.Username, DisplayName: u.DisplayName, Role: string(u.Role),
		StoreID: u.StoreID, DepartmentCodes: u.DepartmentCodes, Disabled: u.Disabled, Version: u.Version,
		LastLoginAt: u.LastLoginAt, CreatedAt: u.CreatedAt, UpdatedAt: u.UpdatedAt}
}

type createUserRequest struct {
	Username        string   `json:"username" validate:"required,max=64"`
	DisplayName     string   `json:"display_name" validate:"required,max=100"`
	Role            string   `json:"role" validate:"required,oneof=admin store_manager supervisor hq_promotions hq_quality"`
	StoreID         *int64   `json:"store_id"`
	DepartmentCodes []string `json:"department_codes" validate:"max=20,dive,required,max=32"`
	Password        string   `json:"password" validate:"required"`
}

type updateUserRequest struct {
	DisplayName     *string            `json:"display_name" validate:"omitempty,max=100"`
	Role            *string            `json:"role" validate:"omitempty,oneof=admin store_manager supervisor hq_promotions hq_quality"`
	StoreID         patch.Field[int64] `json:"store_id"`
	DepartmentCodes *[]string          `json:"department_codes" validate:"omitempty,max=20,dive,required,max=32"`
	Disabled        *bool              `json:"disabled"`
	Version         int                `json:"version" validate:"required,gte=1"`
}

type resetPasswordRequest struct {
	NewPassword string `json:"new_password" validate:"required"`
}

func (h *Handler) listUsers(c *gin.Context) {
	pg, err := httpx.ParsePage(c, "username", "display_name", "role", "created_at", "last_login_at")
	if err != nil {
		httpx.Fail(c, err)
		return
	}
	fe := apperr.FieldErrors{}
	f := UserFilter{Q: c.Query("q"), Role: c.Query("role"),
		StoreID: httpx.QueryInt64(c, "store_id", fe), Disabled: httpx.QueryBool(c, "disabled", fe)}
	if f.Role != "" && !authz.Role(f.Role).Valid() {
		fe.Add("role", "must be one of: admin, store_manager, supervisor, hq_promotions, hq_quality")
	}
	if err := fe.Err(); err != nil {
		httpx.Fail(c, err)
		return
	}
	users, total, err := h.svc.ListUsers(c.Request.Context(), httpx.Principal(c), f, pg)
	if err != nil {
		httpx.Fail(c, err)
		return
	}
	out := make([]UserJSON, len(users))
	for i, u := range users {
		out[i] = UserToJSON(u)
	}
	c.JSON(http.StatusOK, httpx.NewList(out, pg, total))
}

func (h *Handler) createUser(c *gin.Context) {
	var req createUserRequest
	if err := h.dec.DecodeRequest(c.Request, &req); err != nil {
		httpx.Fail(c, err)
		return
	}
	u, err := h.svc.CreateUser(c.Request.Context(), httpx.Principal(c), NewUser{Password: req.Password, User: User{
		Username: req.Username, DisplayName: req.DisplayName, Role: authz.Role(req.Role),
		StoreID: req.StoreID, DepartmentCodes: req.DepartmentCodes}})
	if err != nil {
		httpx.Fail(c, err)
		return
	}
	c.JSON(http.StatusCreated, UserToJSON(u))
}

func (h *Handler) getUser(c *gin.Context) {
	id, err := httpx.PathID(c, "user_id")
	if err != nil {
		httpx.Fail(c, err)
		return
	}
	u, err := h.svc.GetUser(c.Request.Context(), httpx.Principal(c), id)
	if err != nil {
		httpx.Fail(c, err)
		return
	}
	c.JSON(http.StatusOK, UserToJSON(u))
}

func (h *Handler) updateUser(c *gin.Context) {
	id, err := httpx.PathID(c, "user_id")
	if err != nil {
		httpx.Fail(c, err)
		return
	}
	var req updateUserRequest
	if err := h.dec.DecodeRequest(c.Request, &req); err != nil {
		httpx.Fail(c, err)
		return
	}
	patch := UserPatch{DisplayName: req.DisplayName, DepartmentCodes: req.DepartmentCodes,
		Disabled: req.Disabled, Version: req.Version}
	if req.Role != nil {
		role := authz.Role(*req.Role)
		patch.Role = &role
	}
	if req.StoreID.Set {
		patch.StoreID = &req.StoreID.Value
	}
	u, err := h.svc.UpdateUser(c.Request.Context(), httpx.Principal(c), id, patch)
	if err != nil {
		httpx.Fail(c, err)
		return
	}
	c.JSON(http.StatusOK, UserToJSON(u))
}

func (h *Handler) resetPassword(c *gin.Context) {
	id, err := httpx.PathID(c, "user_id")
	if err != nil {
		httpx.Fail(c, err)
		return
	}
	var req resetPasswordRequest
	if err := h.dec.DecodeRequest(c.Request, &req); err != nil {
		httpx.Fail(c, err)
		return
	}
	if err := h.svc.ResetPassword(c.Request.Context(), httpx.Principal(c), id, req.NewPassword); err != nil {
		httpx.Fail(c, err)
		return
	}
	c.Status(http.StatusNoContent)
}
