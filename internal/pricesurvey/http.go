package pricesurvey

import (
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/storeops/storeops/internal/platform/apperr"
	"github.com/storeops/storeops/internal/platform/authz"
	"github.com/storeops/storeops/internal/platform/civil"
	"github.com/storeops/storeops/internal/platform/fixed"
	"github.com/storeops/storeops/internal/platform/httpx"
)

// Handler serves the price-survey endpoints.
type Handler struct {
	svc *Service
	dec *httpx.Decoder
}

// NewHandler returns the price-survey handlers.
func NewHandler(svc *Service, dec *httpx.Decoder) *Handler { return &Handler{svc: svc, dec: dec} }

// Register adds the routes: the store's staff record surveys and ask for price changes, the
// store manager promotes gaps and decides requests, HQ reads every store's and the chain's gaps.
func (h *Handler) Register(r *httpx.Router) {
	staff := httpx.Roles(authz.RoleAdmin, authz.RoleStoreManager, authz.RoleSupervisor)
	manager := httpx.Roles(authz.RoleAdmin, authz.RoleStoreManager)
	r.GET("/stores/:store_id/price-surveys", httpx.AnyRole(), h.list)
	r.POST("/stores/:store_id/price-surveys", staff, h.create)
	r.GET("/stores/:store_id/price-surveys/:survey_id", httpx.AnyRole(), h.get)
	r.POST("/stores/:store_id/price-surveys/:survey_id/lines/:line_no/promote", manager, h.promote)
	r.POST("/stores/:store_id/price-surveys/:survey_id/lines/:line_no/price-change-request", staff, h.requestChange)
	r.GET("/stores/:store_id/price-gaps", httpx.AnyRole(), h.storeGaps)
	r.GET("/price-gaps", httpx.Roles(authz.RoleAdmin, authz.RoleHQPromotions), h.chainGaps)
	r.GET("/stores/:store_id/price-change-requests", httpx.AnyRole(), h.listRequests)
	r.POST("/stores/:store_id/price-change-requests/:change_request_id/accept", manager, h.decide(true))
	r.POST("/stores/:store_id/price-change-requests/:change_request_id/reject", manager, h.decide(false))
}

func (h *Handler) list(c *gin.Context) {
	storeID, _ := httpx.PathID(c, "store_id")
	pg, err := httpx.ParsePage(c)
	if err != nil {
		httpx.Fail(c, err)
		return
	}
	p := httpx.Principal(c)
	items, total, err := h.svc.List(c.Request.Context(), p, storeID, pg)
	if err != nil {
		httpx.Fail(c, err)
		return
	}
	out := make([]surveyJSON, len(items))
	for i, s := range items {
		out[i] = h.toJSON(p, s, nil)
	}
	c.JSON(http.StatusOK, httpx.NewList(out, pg, total))
}

// lineRequest keeps the prices as sent, so that one the decimal reader refuses (three
// decimals, text) is named by its line: lines[2].their_price.
type lineRequest struct {
	SKU        string          `json:"sku" validate:"required,max=32"`
	OurPrice   json.RawMessage `json:"our_price"`
	TheirPrice json.RawMessage `json:"their_price"`
	Note       string          `json:"note" validate:"max=500"`
	Photos     []int64         `json:"photos" validate:"max=5"`
}

// price reads a line's price: nil when it is left out (or null).
func price(fe apperr.FieldErrors, field string, raw json.RawMessage) *fixed.Money {
	if len(raw) == 0 || string(raw) == "null" {
		return nil
	}
	var m fixed.Money
	if err := m.UnmarshalJSON(raw); err != nil {
		fe.Add(field, err.Error())
		return nil
	}
	return &m
}

// toNewSurvey reads the request's lines, naming each price it cannot read.
func toNewSurvey(req createRequest) (NewSurvey, error) {
	n := NewSurvey{Competitor: req.Competitor, SurveyDate: *req.SurveyDate, Note: req.Note, Lines: make([]NewLine, len(req.Lines))}
	fe := apperr.FieldErrors{}
	for i, l := range req.Lines {
		field := fmt.Sprintf("lines[%d].", i)
		n.Lines[i] = NewLine{SKU: l.SKU, OurPrice: price(fe, field+"our_price", l.OurPrice), Note: l.Note, Photos: l.Photos}
		if their := price(fe, field+"their_price", l.TheirPrice); their != nil {
			n.Lines[i].TheirPrice = *their
		} else if fe[field+"their_price"] == "" {
			fe.Add(field+"their_price", "is required")
		}
	}
	return n, fe.Err()
}

type createRequest struct {
	Competitor string        `json:"competitor" validate:"required,max=100"`
	SurveyDate *civil.Date   `json:"survey_date" validate:"required"`
	Note       string        `json:"note" validate:"max=1000"`
	Lines      []lineRequest `json:"lines" validate:"required,min=1,max=200,dive"`
}

func (h *Handler) create(c *gin.Context) {
	storeID, _ := httpx.PathID(c, "store_id")
	var req createRequest
	if err := h.dec.DecodeRequest(c.Request, &req); err != nil {
		httpx.Fail(c, err)
		return
	}
	n, err := toNewSurvey(req)
	if err != nil {
		httpx.Fail(c, err)
		return
	}
	s, err := h.svc.Create(c.Request.Context(), httpx.Principal(c), storeID, n)
	if err != nil {
		httpx.Fail(c, err)
		return
	}
	h.answer(c, http.StatusCreated, storeID, s.ID)
}

func (h *Handler) answer(c *gin.Context, status int, storeID, id int64) {
	p := httpx.Principal(c)
	s, photos, err := h.svc.Get(c.Request.Context(), p, storeID, id)
	if err != nil {
		httpx.Fail(c, err)
		return
	}
	c.JSON(status, h.toJSON(p, s, photos))
}

// surveyID reads the store and survey of the path, answering 404 before any body is read
// when the survey is outside the caller's scope.
func (h *Handler) surveyID(c *gin.Context) (int64, int64, bool) {
	storeID, _ := httpx.PathID(c, "store_id")
	id, err := httpx.PathID(c, "survey_id")
	if err == nil {
		err = h.svc.Visible(c.Request.Context(), httpx.Principal(c), storeID, id)
	}
	if err != nil {
		httpx.Fail(c, err)
		return 0, 0, false
	}
	return storeID, id, true
}

func (h *Handler) get(c *gin.Context) {
	if storeID, id, ok := h.surveyID(c); ok {
		h.answer(c, http.StatusOK, storeID, id)
	}
}

// line reads the path's line as well: an unknown line is 404.
func (h *Handler) line(c *gin.Context) (int64, int64, int, bool) {
	storeID, id, ok := h.surveyID(c)
	if !ok {
		return 0, 0, 0, false
	}
	lineNo, err := strconv.Atoi(c.Param("line_no"))
	if err != nil || lineNo < 1 {
		httpx.Fail(c, apperr.ErrNotFound)
		return 0, 0, 0, false
	}
	if err := h.svc.VisibleLineNo(c.Request.Context(), httpx.Principal(c), storeID, id, lineNo); err != nil {
		httpx.Fail(c, err)
		return 0, 0, 0, false
	}
	return storeID, id, lineNo, true
}

type promoteRequest struct {
	BelowCost bool `json:"below_cost"`
}

func (h *Handler) promote(c *gin.Context) {
	storeID, id, lineNo, ok := h.line(c)
	if !ok {
		return
	}
	var req promoteRequest
	if err := h.dec.DecodeOptional(c.Request, &req); err != nil {
		httpx.Fail(c, err)
		return
	}
	campaign, err := h.svc.Promote(c.Request.Context(), httpx.Principal(c), storeID, id, lineNo, req.BelowCost)
	if err != nil {
		httpx.Fail(c, err)
		return
	}
	c.JSON(http.StatusCreated, promotedJSON{CampaignID: campaign.ID, Name: campaign.Name, Status: campaign.Status,
		StartsOn: campaign.StartsOn, EndsOn: campaign.EndsOn, SurveyID: id, LineNo: lineNo})
}

type changeRequest struct {
	RequestedPrice *fixed.Money `json:"requested_price"`
	Note           string       `json:"note" validate:"max=500"`
}

func (h *Handler) requestChange(c *gin.Context) {
	storeID, id, lineNo, ok := h.line(c)
	if !ok {
		return
	}
	var req changeRequest
	if err := h.dec.DecodeOptional(c.Request, &req); err != nil {
		httpx.Fail(c, err)
		return
	}
	p := httpx.Principal(c)
	r, err := h.svc.RequestPriceChange(c.Request.Context(), p, storeID, id, lineNo, req.RequestedPrice, req.Note)
	if err != nil {
		httpx.Fail(c, err)
		return
	}
	c.JSON(http.StatusCreated, toRequestJSON(r, RequestActions(p, r)))
}

func (h *Handler) listRequests(c *gin.Context) {
	storeID, _ := httpx.PathID(c, "store_id")
	status := c.Query("status")
	if status != "" && !slices.Contains(RequestStatuses, status) {
		httpx.Fail(c, apperr.FieldErrors{"status": "must be one of: " + strings.Join(RequestStatuses, ", ")})
		return
	}
	p := httpx.Principal(c)
	items, err := h.svc.ListRequests(c.Request.Context(), p, storeID, status)
	if err != nil {
		httpx.Fail(c, err)
		return
	}
	out := make([]requestJSON, len(items))
	for i, r := range items {
		out[i] = toRequestJSON(r, RequestActions(p, r))
	}
	c.JSON(http.StatusOK, gin.H{"items": out})
}

type decideRequest struct {
	Reason string `json:"reason" validate:"max=500"`
}

func (h *Handler) decide(accept bool) gin.HandlerFunc {
	return func(c *gin.Context) {
		storeID, _ := httpx.PathID(c, "store_id")
		p := httpx.Principal(c)
		id, err := httpx.PathID(c, "change_request_id")
		if err == nil {
			err = h.svc.VisibleRequest(c.Request.Context(), p, storeID, id)
		}
		if err != nil {
			httpx.Fail(c, err)
			return
		}
		var req decideRequest
		if err := h.dec.DecodeOptional(c.Request, &req); err != nil {
			httpx.Fail(c, err)
			return
		}
		r, err := h.svc.Decide(c.Request.Context(), p, storeID, id, accept, req.Reason)
		if err != nil {
			httpx.Fail(c, err)
			return
		}
		c.JSON(http.StatusOK, toRequestJSON(r, RequestActions(p, r)))
	}
}

func (h *Handler) storeGaps(c *gin.Context) {
	storeID, _ := httpx.PathID(c, "store_id")
	h.gaps(c, &storeID)
}

func (h *Handler) chainGaps(c *gin.Context) { h.gaps(c, nil) }

// gaps answers the gap report over from … to (both required, at most 366 days apart).
func (h *Handler) gaps(c *gin.Context, storeID *int64) {
	fe := apperr.FieldErrors{}
	from, to := httpx.QueryDate(c, "from", fe), httpx.QueryDate(c, "to", fe)
	switch {
	case from == nil && fe["from"] == "":
		fe.Add("from", "is required")
	case to == nil && fe["to"] == "":
		fe.Add("to", "is required")
	case from != nil && to != nil && (*to < *from || int(*to-*from) > 366):
		fe.Add("to", "must be from from to 366 days after it")
	}
	if err := fe.Err(); err != nil {
		httpx.Fail(c, err)
		return
	}
	gaps, err := h.svc.GapReport(c.Request.Context(), httpx.Principal(c), storeID, *from, *to)
	if err != nil {
		httpx.Fail(c, err)
		return
	}
	out := make([]gapJSON, len(gaps))
	for i, g := range gaps {
		out[i] = toGapJSON(g)
	}
	c.JSON(http.StatusOK, gin.H{"from": *from, "to": *to, "store_id": storeID, "items": out})
}
