package forecast

// State is a fitted model in a form that can be stored (JSON) and read back: its shapes,
// effects and smoothing weights, and the small running state Observe moves on. A product
// keeps one per store and SKU, so a suggestion reads it instead of a year of sales.
type State struct {
	Method      Method             `json:"method"`
	Params      Params             `json:"params"`
	Weekday     [7]float64         `json:"weekday"`
	Yearly      []float64          `json:"yearly,omitempty"`
	Effects     map[string]float64 `json:"effects,omitempty"`
	PromoUplift float64            `json:"promo_uplift"`
	Sigma       float64            `json:"sigma"`
	ErrCorr     float64            `json:"err_corr"`
	Level       float64            `json:"level"`
	Trend       float64            `json:"trend"`
	Last        Day                `json:"last"`
}

// State returns the model's stored form.
func (m *Model) State() State {
	return State{Method: m.Method, Params: m.Params, Weekday: m.Weekday, Yearly: m.Yearly, Effects: m.Effects,
		PromoUplift: m.PromoUplift, Sigma: m.Sigma, ErrCorr: m.ErrCorr, Level: m.level, Trend: m.trend, Last: m.last}
}

// Events is a calendar indexed by day, built once and shared by every restored model.
type Events struct{ ix *eventIndex }

// IndexEvents indexes a calendar for Restore.
func IndexEvents(c Calendar) Events { return Events{ix: newEventIndex(c)} }

// Restore turns a stored state back into a model whose event effects apply on the days of
// events (the calendar as it is now: an event moved or added since fitting moves with it;
// an event without a learned effect has none).
func Restore(s State, ev Events) *Model {
	m := &Model{Method: s.Method, Params: s.Params, Weekday: s.Weekday, Yearly: s.Yearly, Effects: s.Effects,
		PromoUplift: s.PromoUplift, Sigma: s.Sigma, ErrCorr: s.ErrCorr, events: ev.ix,
		level: s.Level, trend: s.Trend, last: s.Last}
	if m.PromoUplift == 0 {
		m.PromoUplift = 1
	}
	return m
}
