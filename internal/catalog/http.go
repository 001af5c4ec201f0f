package catalog

import (
	"net/http"
	"time"

	"github.com/storeops/storeops/internal/platform/patch"

	"github.com/gin-gonic/gin"

	"github.com/storeops/storeops/internal/platform/apperr"
	"github.com/storeops/storeops/internal/platform/authz"
	"github.com/storeops/storeops/internal/platform/fixed"
	"github.com/storeops/storeops/internal/platform/httpx"
)

// ImportBodyLimit is the largest product file an import takes.
const ImportBodyLimit = 20 << 20

// Handler serves the catalogue endpoints.
type Handler struct {
	svc *Service
	dec *httpx.Decoder
}

// NewHandler returns the catalogue's HTTP handlers.
func NewHandler(svc *Service, dec *httpx.Decoder) *Handler { return &Handler{svc: svc, dec: dec} }

// Register adds the routes with their access policies. The static /products/import and
// /products/export sit next to /products/:sku, which is why those two words are not SKUs.
func (h *Handler) Register(r *httpx.Router) {
	admin := httpx.Roles(authz.RoleAdmin)
	r.GET("/products", httpx.AnyRole(), h.list)
	r.POST("/products", admin, h.create)
	r.POST("/products/import", admin, h.importProducts, httpx.WithBodyLimit(ImportBodyLimit))
	r.GET("/products/export", httpx.AnyRole(), h.export)
	r.GET("/products/:sku", httpx.AnyRole(), h.get)
	r.PATCH("/products/:sku", admin, h.update)
}

// ProductJSON is a product in API answers.
type ProductJSON struct {
	ID             int64       `json:"id"`
	SKU            string      `json:"sku"`
	Name           string      `json:"name"`
	DepartmentCode string      `json:"department_code"`
	Category       string      `json:"category"`
	Unit           string      `json:"unit"`
	CasePack       fixed.Qty   `json:"case_pack"`
	ShelfLifeDays  int         `json:"shelf_life_days"`
	CostPrice      fixed.Money `json:"cost_price"`
	RetailPrice    fixed.Money `json:"retail_price"`
	Perishable     bool        `json:"perishable"`
	Barcode        *string     `json:"barcode"`
	Location       string      `json:"location"`
	Active         bool        `json:"active"`
	SupplierCode   *string     `json:"supplier_code"`
	MinOrderQty    fixed.Qty   `json:"min_order_qty"`
	Version        int         `json:"version"`
	CreatedAt      time.Time   `json:"created_at"`
	UpdatedAt      time.Time   `json:"updated_at"`
}

// ProductToJSON converts a product for answers.
func ProductToJSON(p Product) ProductJSON {
	return ProductJSON{ID: p.ID, SKU: p.SKU, Name: p.Name, DepartmentCode: p.DepartmentCode, Category: p.Category,
		Unit: p.Unit, CasePack: p.CasePack, ShelfLifeDays: p.ShelfLifeDays, CostPrice: p.CostPrice,
		RetailPrice: p.RetailPrice, Perishable: p.Perishable, Barcode: p.Barcode, Location: p.Location,
		Active: p.Active, SupplierCode: p.SupplierCode, MinOrderQty: p.MinOrderQty, Version: p.Version,
		CreatedAt: p.CreatedAt, UpdatedAt: p.UpdatedAt}
}

// productRequest is a new product, in a create request or a JSON import. Absent location
// and active take their defaults ("" and true) on creation; in an import, absent optional
// fields of an existing product keep their value.
type productRequest struct {
	SKU            string              `json:"sku" validate:"required,max=32"`
	Name           string              `json:"name" validate:"required,max=200"`
	DepartmentCode string              `json:"department_code" validate:"required,max=32"`
	Category       string              `json:"category" validate:"required,max=64"`
	Unit           string              `json:"unit" validate:"required,oneof=kg each"`
	CasePack       *fixed.Qty          `json:"case_pack" validate:"required"`
	ShelfLifeDays  *int                `json:"shelf_life_days" validate:"required"`
	CostPrice      *fixed.Money        `json:"cost_price" validate:"required"`
	RetailPrice    *fixed.Money        `json:"retail_price" validate:"required"`
	Perishable     *bool               `json:"perishable" validate:"required"`
	Barcode        patch.Field[string] `json:"barcode"`
	Location       *string             `json:"location" validate:"omitempty,max=32"`
	Active         *bool               `json:"active"`
	SupplierCode   patch.Field[string] `json:"supplier_code"`
	MinOrderQty    *fixed.Qty          `json:"min_order_qty"`
}

// line converts a validated request to an import line.
func (req productRequest) line() ImportLine {
	p := Product{SKU: req.SKU, Name: req.Name, DepartmentCode: req.DepartmentCode, Category: req.Category,
		Unit: req.Unit, CasePack: *req.CasePack, ShelfLifeDays: *req.ShelfLifeDays, CostPrice: *req.CostPrice,
		RetailPrice: *req.RetailPrice, Perishable: *req.Perishable, Barcode: req.Barcode.Value, Active: true}
	if p.Barcode != nil && *p.Barcode == "" {
		p.Barcode = nil
	}
	patch.Apply(&p.Location, req.Location)
	patch.Apply(&p.Active, req.Active)
	patch.Apply(&p.MinOrderQty, req.MinOrderQty)
	if req.SupplierCode.Value != nil && *req.SupplierCode.Value != "" {
		p.SupplierCode = req.SupplierCode.Value
	}
	return ImportLine{Product: p, HasBarcode: req.Barcode.Set, HasLocation: req.Location != nil, HasActive: req.Active != nil,
		HasSupplier: req.SupplierCode.Set, HasMinOrderQty: req.MinOrderQty != nil}
}

type updateProductRequest struct {
	Name           *string             `json:"name" validate:"omitempty,max=200"`
	DepartmentCode *string             `json:"department_code" validate:"omitempty,max=32"`
	Category       *string             `json:"category" validate:"omitempty,max=64"`
	Unit           *string             `json:"unit" validate:"omitempty,oneof=kg each"`
	CasePack       *fixed.Qty          `json:"case_pack"`
	ShelfLifeDays  *int                `json:"shelf_life_days"`
	CostPrice      *fixed.Money        `json:"cost_price"`
	RetailPrice    *fixed.Money        `json:"retail_price"`
	Perishable     *bool               `json:"perishable"`
	Barcode        patch.Field[string] `json:"barcode"`
	Location       *string             `json:"location" validate:"omitempty,max=32"`
	Active         *bool               `json:"active"`
	SupplierCode   patch.Field[string] `json:"supplier_code"`
	MinOrderQty    *fixed.Qty          `json:"min_order_qty"`
	Version        int                 `json:"version" validate:"required,gte=1"`
}

func (h *Handler) list(c *gin.Context) {
	pg, err := httpx.ParsePage(c, "sku", "name", "department_code", "category")
	if err != nil {
		httpx.Fail(c, err)
		return
	}
	f, err := filterOf(c)
	if err != nil {
		httpx.Fail(c, err)
		return
	}
	products, total, err := h.svc.List(c.Request.Context(), f, pg)
	if err != nil {
		httpx.Fail(c, err)
		return
	}
	out := make([]ProductJSON, len(products))
	for i, p := range products {
		out[i] = ProductToJSON(p)
	}
	c.JSON(http.StatusOK, httpx.NewList(out, pg, total))
}

// filterOf reads the list and export filters from the query.
func filterOf(c *gin.Context) (Filter, error) {
	fe := apperr.FieldErrors{}
	f := Filter{Q: c.Query("q"), DepartmentCode: c.Query("department_code"), Category: c.Query("category"),
		Perishable: httpx.QueryBool(c, "perishable", fe), Active: httpx.QueryBool(c, "active", fe)}
	return f, fe.Err()
}

func (h *Handler) create(c *gin.Context) {
	var req productRequest
	if err := h.dec.DecodeRequest(c.Request, &req); err != nil {
		httpx.Fail(c, err)
		return
	}
	p, err := h.svc.Create(c.Request.Context(), httpx.Principal(c), req.line().Product)
	if err != nil {
		httpx.Fail(c, err)
		return
	}
	c.JSON(http.StatusCreated, ProductToJSON(p))
}

func (h *Handler) get(c *gin.Context) {
	p, err := h.svc.Get(c.Request.Context(), c.Param("sku"))
	if err != nil {
		httpx.Fail(c, err)
		return
	}
	c.JSON(http.StatusOK, ProductToJSON(p))
}

func (h *Handler) update(c *gin.Context) {
	var req updateProductRequest
	if err := h.dec.DecodeRequest(c.Request, &req); err != nil {
		httpx.Fail(c, err)
		return
	}
	p, err := h.svc.Update(c.Request.Context(), httpx.Principal(c), c.Param("sku"), Patch(req))
	if err != nil {
		httpx.Fail(c, err)
		return
	}
	c.JSON(http.StatusOK, ProductToJSON(p))
}
