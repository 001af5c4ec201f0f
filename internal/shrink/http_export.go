package shrink

import (
	"fmt"

	"github.com/gin-gonic/gin"

	"github.com/storeops/storeops/internal/platform/apperr"
	"github.com/storeops/storeops/internal/platform/httpx"
	"github.com/storeops/storeops/internal/platform/sheet"
)

func (h *Handler) export(c *gin.Context) {
	storeID, _ := httpx.PathID(c, "store_id")
	fe := apperr.FieldErrors{}
	format, lang := sheet.FileFormat(c, fe), sheet.Language(c, fe)
	q := reportQuery(c, fe)
	if err := fe.Err(); err != nil {
		httpx.Fail(c, err)
		return
	}
	r, err := h.svc.Report(c.Request.Context(), httpx.Principal(c), storeID, q)
	if err != nil {
		httpx.Fail(c, err)
		return
	}
	name := fmt.Sprintf("shrink-%d-%s-%s", storeID, r.From, r.To)
	if err := sheet.Send(c, format, name, ReportTables(r, lang)...); err != nil {
		httpx.Fail(c, err)
	}
}
