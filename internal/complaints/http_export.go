package complaints

import (
	"fmt"

	"github.com/gin-gonic/gin"

	"github.com/storeops/storeops/internal/platform/apperr"
	"github.com/storeops/storeops/internal/platform/httpx"
	"github.com/storeops/storeops/internal/platform/sheet"
)

func (h *Handler) storeExport(c *gin.Context) {
	storeID, _ := httpx.PathID(c, "store_id")
	h.export(c, &storeID, fmt.Sprintf("complaints-%d", storeID))
}

func (h *Handler) chainExport(c *gin.Context) { h.export(c, nil, "complaints-chain") }

func (h *Handler) export(c *gin.Context, storeID *int64, name string) {
	fe := apperr.FieldErrors{}
	format, lang := sheet.FileFormat(c, fe), sheet.Language(c, fe)
	rep, from, to, ok := h.compute(c, storeID, fe)
	if !ok {
		return
	}
	if err := sheet.Send(c, format, fmt.Sprintf("%s-%s-%s", name, from, to), Tables(rep, lang)...); err != nil {
		httpx.Fail(c, err)
	}
}
