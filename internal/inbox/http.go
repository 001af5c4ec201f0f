package inbox

import (
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/storeops/storeops/internal/platform/apperr"
	"github.com/storeops/storeops/internal/platform/httpx"
	"github.com/storeops/storeops/internal/platform/sheet"
)

// Handler serves the Today inbox.
type Handler struct{ svc *Service }

// NewHandler returns the inbox handler.
func NewHandler(svc *Service) *Handler { return &Handler{svc: svc} }

// Register adds GET /me/today: every signed-in user has an inbox, in their own scope.
func (h *Handler) Register(r *httpx.Router) {
	r.GET("/me/today", httpx.AnyRole(), h.today)
}

type entryJSON struct {
	Kind           string            `json:"kind"`
	Title          string            `json:"title"`
	Params         map[string]string `json:"params"`
	Priority       string            `json:"priority"`
	DueAt          *time.Time        `json:"due_at"`
	Link           string            `json:"link"`
	ResourceType   *string           `json:"resource_type"`
	ResourceID     *int64            `json:"resource_id"`
	StoreID        *int64            `json:"store_id"`
	DepartmentCode *string           `json:"department_code"`
	Count          int               `json:"count"`
}

type todayJSON struct {
	Items       []entryJSON    `json:"items"`
	Total       int            `json:"total"`
	Badges      map[string]int `json:"badges"`
	Partial     bool           `json:"partial"`
	Unavailable []string       `json:"unavailable"`
	GeneratedAt time.Time      `json:"generated_at"`
}

func (h *Handler) today(c *gin.Context) {
	fe := apperr.FieldErrors{}
	lang := sheet.Language(c, fe)
	if err := fe.Err(); err != nil {
		httpx.Fail(c, err)
		return
	}
	in, err := h.svc.Today(c.Request.Context(), httpx.Principal(c))
	if err != nil {
		httpx.Fail(c, err)
		return
	}
	c.JSON(http.StatusOK, toTodayJSON(in, lang))
}

func toTodayJSON(in Inbox, lang string) todayJSON {
	out := todayJSON{Items: make([]entryJSON, len(in.Items)), Total: in.Total, Badges: in.Badges,
		Partial: in.Partial, Unavailable: in.Unavailable, GeneratedAt: in.GeneratedAt.UTC()}
	for i, e := range in.Items {
		out.Items[i] = toEntryJSON(e, lang)
	}
	return out
}

func toEntryJSON(e Entry, lang string) entryJSON {
	j := entryJSON{Kind: e.Kind, Title: e.Title.In(lang), Params: e.Params, Priority: e.Priority.String(),
		Link: e.Link, ResourceType: orNull(e.ResourceType), ResourceID: e.ResourceID,
		DepartmentCode: orNull(e.DepartmentCode), Count: e.Count}
	if j.Params == nil {
		j.Params = map[string]string{}
	}
	if e.DueAt != nil {
		due := e.DueAt.UTC()
		j.DueAt = &due
	}
	if e.StoreID != 0 {
		id := e.StoreID
		j.StoreID = &id
	}
	return j
}

func orNull(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}
