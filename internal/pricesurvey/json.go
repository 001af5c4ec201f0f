package pricesurvey

import (
	"time"

	"github.com/storeops/storeops/internal/platform/attachments"
	"github.com/storeops/storeops/internal/platform/authz"
	"github.com/storeops/storeops/internal/platform/civil"
	"github.com/storeops/storeops/internal/platform/fixed"
)

type lineJSON struct {
	LineNo          int                `json:"line_no"`
	SKU             string             `json:"sku"`
	Name            string             `json:"name"`
	OurPrice        fixed.Money        `json:"our_price"`
	TheirPrice      fixed.Money        `json:"their_price"`
	Gap             fixed.Money        `json:"gap"`
	GapPct          fixed.Money        `json:"gap_pct"`
	Note            string             `json:"note"`
	Photos          []attachments.JSON `json:"photos"`
	CampaignID      *int64             `json:"campaign_id"`
	ChangeRequestID *int64             `json:"change_request_id"`
	AllowedActions  []string           `json:"allowed_actions"`
}

type surveyJSON struct {
	ID            int64      `json:"id"`
	StoreID       int64      `json:"store_id"`
	Competitor    string     `json:"competitor"`
	SurveyDate    civil.Date `json:"survey_date"`
	Note          string     `json:"note"`
	CreatedBy     *int64     `json:"created_by"`
	CreatedByName string     `json:"created_by_name"`
	CreatedAt     time.Time  `json:"created_at"`
	Lines         []lineJSON `json:"lines"`
}

func (h *Handler) toJSON(p *authz.Principal, s Survey, photos map[int64][]attachments.Attachment) surveyJSON {
	out := surveyJSON{ID: s.ID, StoreID: s.StoreID, Competitor: s.Competitor, SurveyDate: s.SurveyDate, Note: s.Note,
		CreatedBy: s.CreatedBy, CreatedByName: s.CreatedByName, CreatedAt: s.CreatedAt, Lines: make([]lineJSON, len(s.Lines))}
	for i, l := range s.Lines {
		out.Lines[i] = lineJSON{LineNo: l.LineNo, SKU: l.SKU, Name: l.Name, OurPrice: l.OurPrice, TheirPrice: l.TheirPrice,
			Gap: l.Gap(), GapPct: GapPct(l.OurPrice, l.TheirPrice), Note: l.Note,
			Photos: attachments.ToJSONList(photos[l.ID]), CampaignID: l.CampaignID, ChangeRequestID: l.RequestID,
			AllowedActions: h.svc.LineActions(p, l)}
	}
	return out
}

type promotedJSON struct {
	CampaignID int64      `json:"campaign_id"`
	Name       string     `json:"name"`
	Status     string     `json:"status"`
	StartsOn   civil.Date `json:"starts_on"`
	EndsOn     civil.Date `json:"ends_on"`
	SurveyID   int64      `json:"survey_id"`
	LineNo     int        `json:"line_no"`
}

type requestJSON struct {
	ID             int64       `json:"id"`
	StoreID        int64       `json:"store_id"`
	SKU            string      `json:"sku"`
	Name           string      `json:"name"`
	CurrentPrice   fixed.Money `json:"current_price"`
	RequestedPrice fixed.Money `json:"requested_price"`
	Note           string      `json:"note"`
	Status         string      `json:"status"`
	Reason         string      `json:"reason"`
	DecidedBy      *int64      `json:"decided_by"`
	DecidedAt      *time.Time  `json:"decided_at"`
	CreatedBy      *int64      `json:"created_by"`
	CreatedByName  string      `json:"created_by_name"`
	CreatedAt      time.Time   `json:"created_at"`
	AllowedActions []string    `json:"allowed_actions"`
}

func toRequestJSON(r ChangeRequest, actions []string) requestJSON {
	return requestJSON{ID: r.ID, StoreID: r.StoreID, SKU: r.SKU, Name: r.Name, CurrentPrice: r.CurrentPrice,
		RequestedPrice: r.RequestedPrice, Note: r.Note, Status: r.Status, Reason: r.Reason, DecidedBy: r.DecidedBy,
		DecidedAt: r.DecidedAt, CreatedBy: r.CreatedBy, CreatedByName: r.CreatedByName, CreatedAt: r.CreatedAt,
		AllowedActions: actions}
}

type gapJSON struct {
	StoreID    int64       `json:"store_id"`
	SKU        string      `json:"sku"`
	Name       string      `json:"name"`
	Competitor string      `json:"competitor"`
	SurveyDate civil.Date  `json:"survey_date"`
	SurveyID   int64       `json:"survey_id"`
	LineNo     int         `json:"line_no"`
	OurPrice   fixed.Money `json:"our_price"`
	TheirPrice fixed.Money `json:"their_price"`
	Gap        fixed.Money `json:"gap"`
	GapPct     fixed.Money `json:"gap_pct"`
}

func toGapJSON(g Gap) gapJSON {
	return gapJSON{StoreID: g.StoreID, SKU: g.SKU, Name: g.Name, Competitor: g.Competitor, SurveyDate: g.SurveyDate,
		SurveyID: g.SurveyID, LineNo: g.LineNo, OurPrice: g.OurPrice, TheirPrice: g.TheirPrice, Gap: g.Gap, GapPct: g.GapPct}
}
