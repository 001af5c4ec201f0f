// Package promo is promotion execution (促销执行): HQ's campaigns (period, mechanic, items
// with promo prices, execution tasks, target stores), published as one execution per store
// with its tasks, the stores completing tasks with photos or reporting problems, and HQ's
// compliance view. This file holds the types and the rules as plain functions.
package promo

import (
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/storeops/storeops/internal/platform/apperr"
	"github.com/storeops/storeops/internal/platform/civil"
	"github.com/storeops/storeops/internal/platform/fixed"
)

// Campaign statuses.
const (
	StatusDraft     = "draft"
	StatusPublished = "published"
	StatusEnded     = "ended"
)

// Mechanics of a campaign.
var Mechanics = []string{"price_cut", "multi_buy", "gift", "member_price", "cash_back", "lucky_draw"}

// TaskKinds of an execution task.
var TaskKinds = []string{"display", "price_label", "signage", "other"}

// Target kinds.
const (
	TargetAll    = "all"
	TargetRegion = "region"
	TargetStores = "stores"
)

// TargetKinds lists them.
var TargetKinds = []string{TargetAll, TargetRegion, TargetStores}

// Task run statuses as stored; Late and Overdue are derived (State).
const (
	RunOpen    = "open"
	RunDone    = "done"
	RunProblem = "problem"
)

// ProblemKinds a store reports.
var ProblemKinds = []string{"stock_missing", "fixture_unavailable", "price_wrong", "other"}

// Limits of a campaign.
const (
	MaxItems      = 1000
	MaxTasks      = 20
	MaxStores     = 1000
	MaxDays       = 366
	MaxDueHours   = 24 * 60
	MaxNameLength = 200
)

// Item is a product on promotion.
type Item struct {
	ProductID    int64
	SKU, Name    string
	RegularPrice fixed.Money
	PromoPrice   fixed.Money
	CostPrice    fixed.Money
	BelowCost    bool // a promo price under cost that is meant
}

// Task is an execution task every target store does.
type Task struct {
	ID            int64
	Kind, Title   string
	Instructions  string
	DueHours      int // after the campaign's start (00:00 store time on its first day)
	PhotoRequired bool
}

// Campaign is a plan of HQ (or a store's own promotion, OwnerStoreID set).
type Campaign struct {
	ID                 int64
	Name, Mechanic     string
	StartsOn, EndsOn   civil.Date
	Status             string
	OwnerStoreID       *int64
	TargetKind         string
	TargetRegion       string
	TargetStoreIDs     []int64
	Priority           int
	Note               string
	Items              []Item
	Tasks              []Task
	Version            int
	CreatedBy          *int64
	PublishedAt        *time.Time
	EndedAt            *time.Time
	CreatedAt, Updated time.Time
}

// ItemInput is an item as asked for: the SKU and its promo price; regular price and cost come
// from the catalogue.
type ItemInput struct {
	SKU        string
	PromoPrice fixed.Money
	BelowCost  bool
}

// Validate checks a campaign's own fields, naming them (items are checked by CheckItems once
// the catalogue answered).
func (c *Campaign) Validate() error {
	fe := apperr.FieldErrors{}
	c.Name = strings.TrimSpace(c.Name)
	if c.Name == "" || utf8.RuneCountInString(c.Name) > MaxNameLength {
		fe.Add("name", "is required, at most 200 characters")
	}
	if !slices.Contains(Mechanics, c.Mechanic) {
		fe.Add("mechanic", "must be one of: "+strings.Join(Mechanics, ", "))
	}
	switch {
	case c.EndsOn < c.StartsOn:
		fe.Add("ends_on", "must not be before starts_on")
	case int(c.EndsOn-c.StartsOn) >= MaxDays:
		fe.Add("ends_on", "a campaign runs at most 366 days")
	}
	if utf8.RuneCountInString(c.Note) > 1000 {
		fe.Add("note", "must be at most 1000 characters")
	}
	if c.Priority < 0 || c.Priority > 100 {
		fe.Add("priority", "must be from 0 to 100")
	}
	switch c.TargetKind {
	case TargetAll:
	case TargetRegion:
		if strings.TrimSpace(c.TargetRegion) == "" {
			fe.Add("target_region", "is required for a region target")
		}
	case TargetStores:
		if len(c.TargetStoreIDs) == 0 || len(c.TargetStoreIDs) > MaxStores {
			fe.Add("target_store_ids", "name 1 to 1000 stores")
		}
	default:
		fe.Add("target_kind", "must be one of: all, region, stores")
	}
	if len(c.Tasks) > MaxTasks {
		fe.Add("tasks", "at most 20 tasks")
	}
	for i, t := range c.Tasks {
		field := fmt.Sprintf("tasks[%d]", i)
		switch {
		case !slices.Contains(TaskKinds, t.Kind):
			fe.Add(field+".kind", "must be one of: "+strings.Join(TaskKinds, ", "))
		case strings.TrimSpace(t.Title) == "" || utf8.RuneCountInString(t.Title) > 200:
			fe.Add(field+".title", "is required, at most 200 characters")
		case utf8.RuneCountInString(t.Instructions) > 2000:
			fe.Add(field+".instructions", "must be at most 2000 characters")
		case t.DueHours < 0 || t.DueHours > MaxDueHours:
			fe.Add(field+".due_hours", "must be from 0 to 1440")
		}
	}
	return fe.Err()
}

// CheckItems checks items against the catalogue's prices: a promo price above 0 and below the
// regular price, not below cost unless BelowCost says it is meant, each SKU once.
func CheckItems(items []Item) error {
	fe := apperr.FieldErrors{}
	if len(items) == 0 || len(items) > MaxItems {
		fe.Add("items", "name 1 to 1000 items")
	}
	seen := map[int64]int{}
	for i, it := range items {
		field := fmt.Sprintf("items[%d]", i)
		if j, dup := seen[it.ProductID]; dup {
			fe.Add(field+".sku", fmt.Sprintf("%s is already items[%d]", it.SKU, j))
			continue
		}
		seen[it.ProductID] = i
		switch {
		case it.PromoPrice <= 0:
			fe.Add(field+".promo_price", "must be greater than 0")
		case fixed.CampaignItemsPromoPrice.CheckMoney(it.PromoPrice) != nil:
			fe.Add(field+".promo_price", "is out of range")
		case it.PromoPrice >= it.RegularPrice:
			fe.Add(field+".promo_price", fmt.Sprintf("must be below the regular price %s", it.RegularPrice))
		case it.PromoPrice < it.CostPrice && !it.BelowCost:
			fe.Add(field+".promo_price", fmt.Sprintf("is below the cost %s: set below_cost to mean it", it.CostPrice))
		}
	}
	return fe.Err()
}

// Overlaps reports whether two periods share a day.
func Overlaps(aFrom, aTo, bFrom, bTo civil.Date) bool { return aFrom <= bTo && bFrom <= aTo }

// DueAt is when a task is due in a store: DueHours after the start of the campaign's first day
// in the store's time zone.
func DueAt(startsOn civil.Date, dueHours int, loc *time.Location) time.Time {
	t := startsOn.Time()
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, loc).Add(time.Duration(dueHours) * time.Hour)
}

// Run is one task of one store.
type Run struct {
	ID         int64
	CampaignID int64
	StoreID    int64
	TaskID     int64
	DueAt      time.Time
	Status     string
	Note       string
	Problem    string
	Answer     string
	DoneBy     *int64
	DoneAt     *time.Time
	Version    int
}

// Derived states of a run.
const (
	StateOnTime  = "done"    // done by its due time
	StateLate    = "late"    // done after it
	StateOverdue = "overdue" // not done, past due
	StatePending = "pending" // not done, not due yet
	StateProblem = "problem" // the store reported a problem
)

// State is how a run stands at now.
func (r Run) State(now time.Time) string {
	switch {
	case r.Status == RunDone && r.DoneAt != nil && r.DoneAt.After(r.DueAt):
		return StateLate
	case r.Status == RunDone:
		return StateOnTime
	case r.Status == RunProblem:
		return StateProblem
	case now.After(r.DueAt):
		return StateOverdue
	}
	return StatePending
}

// Compliance counts one store's (or a campaign's) runs.
type Compliance struct {
	Done, Late, Overdue, Problem, Pending int
}

// Add counts a run.
func (c *Compliance) Add(state string) {
	switch state {
	case StateOnTime:
		c.Done++
	case StateLate:
		c.Late++
	case StateOverdue:
		c.Overdue++
	case StateProblem:
		c.Problem++
	default:
		c.Pending++
	}
}

// Due is how many runs count: those due so far, and those done before they were due.
func (c Compliance) Due() int { return c.Done + c.Late + c.Overdue + c.Problem }

// Pct is done (on time or late) ÷ due so far, in hundredths of a percent; ok is false while
// nothing is due.
func (c Compliance) Pct() (fixed.Money, bool) {
	due := c.Due()
	if due == 0 {
		return 0, false
	}
	return fixed.Money((int64(c.Done+c.Late)*10000 + int64(due)/2) / int64(due)), true
}
