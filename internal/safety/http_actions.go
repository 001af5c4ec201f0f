package safety

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/storeops/storeops/internal/platform/apperr"
	"github.com/storeops/storeops/internal/platform/httpx"
)

// The corrective actions' handlers: the board, one action, its edit and its steps.

func (h *Handler) listActions(c *gin.Context) {
	storeID, _ := httpx.PathID(c, "store_id")
	pg, err := httpx.ParsePage(c)
	if err != nil {
		httpx.Fail(c, err)
		return
	}
	fe := apperr.FieldErrors{}
	f := ActionFilter{Status: enumQuery(c, fe, "status", ActionStatuses), DepartmentCode: c.Query("department_code"),
		InspectionID: httpx.QueryInt64(c, "inspection_id", fe)}
	if b := httpx.QueryBool(c, "mine", fe); b != nil {
		f.Mine = *b
	}
	if b := httpx.QueryBool(c, "overdue", fe); b != nil {
		f.Overdue = *b
	}
	if err := fe.Err(); err != nil {
		httpx.Fail(c, err)
		return
	}
	p := httpx.Principal(c)
	items, total, err := h.svc.ListActions(c.Request.Context(), p, storeID, f, pg)
	if err != nil {
		httpx.Fail(c, err)
		return
	}
	out := make([]actionJSON, len(items))
	for i, a := range items {
		out[i] = toActionJSON(a, nil, AllowedSteps(p, a))
	}
	c.JSON(http.StatusOK, httpx.NewList(out, pg, total))
}

// actionID reads the path's corrective action and answers 404 when it is outside the
// caller's scope, before any body is read.
func (h *Handler) actionID(c *gin.Context) (int64, bool) {
	id, err := httpx.PathID(c, "action_id")
	if err == nil {
		err = h.svc.VisibleAction(c.Request.Context(), httpx.Principal(c), id)
	}
	if err != nil {
		httpx.Fail(c, err)
		return 0, false
	}
	return id, true
}

func (h *Handler) getAction(c *gin.Context) {
	if id, ok := h.actionID(c); ok {
		h.answerAction(c, id)
	}
}

func (h *Handler) answerAction(c *gin.Context, id int64) {
	a, photos, allowed, err := h.svc.GetAction(c.Request.Context(), httpx.Principal(c), id)
	if err != nil {
		httpx.Fail(c, err)
		return
	}
	out := toActionJSON(a, photos, allowed)
	out.Photos = attachmentsJSON(photos)
	c.JSON(http.StatusOK, out)
}

func (h *Handler) patchAction(c *gin.Context) {
	id, ok := h.actionID(c)
	if !ok {
		return
	}
	var req actionPatchRequest
	if err := h.dec.DecodeRequest(c.Request, &req); err != nil {
		httpx.Fail(c, err)
		return
	}
	_, err := h.svc.Step(c.Request.Context(), httpx.Principal(c), id, StepEdit,
		StepInput{Version: req.Version, OwnerID: req.OwnerID, DueDate: req.DueDate})
	if err != nil {
		httpx.Fail(c, err)
		return
	}
	h.answerAction(c, id)
}

// step serves a workflow step: complete needs the note, reject the reason; verify may be
// sent without a body.
func (h *Handler) step(step string) gin.HandlerFunc {
	return func(c *gin.Context) {
		id, ok := h.actionID(c)
		if !ok {
			return
		}
		var in StepInput
		var err error
		switch step {
		case StepComplete:
			var req completeRequest
			err = h.dec.DecodeRequest(c.Request, &req)
			in = StepInput{Version: req.Version, Note: req.Note, Photos: req.Photos}
		case StepReject:
			var req rejectRequest
			err = h.dec.DecodeRequest(c.Request, &req)
			in = StepInput{Version: req.Version, Reason: req.Reason}
		default:
			var req versionRequest
			err = h.dec.DecodeOptional(c.Request, &req)
			in = StepInput{Version: req.Version}
		}
		if err == nil {
			_, err = h.svc.Step(c.Request.Context(), httpx.Principal(c), id, step, in)
		}
		if err != nil {
			httpx.Fail(c, err)
			return
		}
		h.answerAction(c, id)
	}
}
