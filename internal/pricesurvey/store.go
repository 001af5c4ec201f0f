package pricesurvey

import (
	"context"
	"time"

	"gorm.io/gorm"

	"github.com/storeops/storeops/internal/platform/civil"
	"github.com/storeops/storeops/internal/platform/fixed"
)

type surveyRow struct {
	ID            int64 `gorm:"primaryKey"`
	StoreID       int64
	Competitor    string
	SurveyDate    civil.Date
	Note          string
	CreatedBy     *int64
	CreatedByName string
	CreatedAt     time.Time
}

func (surveyRow) TableName() string { return "price_surveys" }

type lineRow struct {
	ID         int64 `gorm:"primaryKey"`
	SurveyID   int64
	LineNo     int
	ProductID  int64
	SKU        string `gorm:"column:sku"`
	Name       string
	OurPrice   fixed.Money
	TheirPrice fixed.Money
	Note       string
	CampaignID *int64
}

func (lineRow) TableName() string { return "price_survey_lines" }

type requestRow struct {
	ID             int64 `gorm:"primaryKey"`
	StoreID        int64
	LineID         int64
	SKU            string `gorm:"column:sku"`
	Name           string
	CurrentPrice   fixed.Money
	RequestedPrice fixed.Money
	Note           string
	Status         string
	Reason         string
	DecidedBy      *int64
	DecidedAt      *time.Time
	CreatedBy      *int64
	CreatedByName  string
	CreatedAt      time.Time
}

func (requestRow) TableName() string { return "price_change_requests" }

// Models lists the module's tables for the schema test.
func Models() []any { return []any{&surveyRow{}, &lineRow{}, &requestRow{}} }

func toSurvey(r surveyRow) Survey {
	return Survey{ID: r.ID, StoreID: r.StoreID, Competitor: r.Competitor, SurveyDate: r.SurveyDate, Note: r.Note,
		CreatedBy: r.CreatedBy, CreatedByName: r.CreatedByName, CreatedAt: r.CreatedAt}
}

func toLine(r lineRow, requests map[int64]int64) Line {
	l := Line{ID: r.ID, LineNo: r.LineNo, ProductID: r.ProductID, SKU: r.SKU, Name: r.Name, OurPrice: r.OurPrice,
		TheirPrice: r.TheirPrice, Note: r.Note, CampaignID: r.CampaignID}
	if id, ok := requests[r.ID]; ok {
		l.RequestID = &id
	}
	return l
}

// linesOf reads the lines of the surveys with the price-change request made from each.
func linesOf(ctx context.Context, db *gorm.DB, surveyIDs []int64) (map[int64][]Line, error) {
	out := map[int64][]Line{}
	if len(surveyIDs) == 0 {
		return out, nil
	}
	var rows []lineRow
	if err := db.WithContext(ctx).Where("survey_id IN ?", surveyIDs).Order("survey_id, line_no").Find(&rows).Error; err != nil {
		return nil, err
	}
	ids := make([]int64, len(rows))
	for i, r := range rows {
		ids[i] = r.ID
	}
	requests := map[int64]int64{}
	if len(ids) > 0 {
		var reqs []requestRow
		if err := db.WithContext(ctx).Select("id, line_id").Where("line_id IN ?", ids).Find(&reqs).Error; err != nil {
			return nil, err
		}
		for _, r := range reqs {
			requests[r.LineID] = r.ID
		}
	}
	for _, r := range rows {
		out[r.SurveyID] = append(out[r.SurveyID], toLine(r, requests))
	}
	return out, nil
}

// maxGapLines bounds the surveyed lines one gap report reads.
const maxGapLines = 100000

// surveyed reads the lines of the surveys of the store (nil: every store) made from … to.
func surveyed(ctx context.Context, db *gorm.DB, storeID *int64, from, to civil.Date) ([]Surveyed, error) {
	var rows []struct {
		StoreID    int64
		Competitor string
		SurveyDate civil.Date
		SurveyID   int64
		ID         int64
		LineNo     int
		SKU        string `gorm:"column:sku"`
		Name       string
		OurPrice   fixed.Money
		TheirPrice fixed.Money
	}
	q := db.WithContext(ctx).Table("price_survey_lines").
		Select("price_surveys.store_id, price_surveys.competitor, price_surveys.survey_date, price_survey_lines.survey_id, "+
			"price_survey_lines.id, price_survey_lines.line_no, price_survey_lines.sku, price_survey_lines.name, "+
			"price_survey_lines.our_price, price_survey_lines.their_price").
		Joins("JOIN price_surveys ON price_surveys.id = price_survey_lines.survey_id").
		Where("price_surveys.survey_date >= ? AND price_surveys.survey_date <= ?", from, to)
	if storeID != nil {
		q = q.Where("price_surveys.store_id = ?", *storeID)
	}
	if err := q.Limit(maxGapLines).Find(&rows).Error; err != nil {
		return nil, err
	}
	out := make([]Surveyed, len(rows))
	for i, r := range rows {
		out[i] = Surveyed{StoreID: r.StoreID, Competitor: r.Competitor, SurveyDate: r.SurveyDate, SurveyID: r.SurveyID,
			Line: Line{ID: r.ID, LineNo: r.LineNo, SKU: r.SKU, Name: r.Name, OurPrice: r.OurPrice, TheirPrice: r.TheirPrice}}
	}
	return out, nil
}
