package seed

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/storeops/storeops/internal/org"
	"github.com/storeops/storeops/internal/platform/authz"
	"github.com/storeops/storeops/internal/platform/civil"
	"github.com/storeops/storeops/internal/platform/fixed"
	"github.com/storeops/storeops/internal/platform/paging"
	"github.com/storeops/storeops/internal/promo"
)

// PromoServices are the modules the demo campaigns go through.
type PromoServices struct {
	Org   *org.Service
	Promo *promo.Service
}

// PromoResult counts what a run did.
type PromoResult struct {
	Campaigns, Skipped, TasksDone, Reviews int
}

// demoPromoItem is an item of a demo campaign: its promo price and how much more of it the
// stores sell on the campaign's days (the history simulator's lift).
type demoPromoItem struct {
	sku   string
	price fixed.Money
	lift  float64
}

// demoCampaign is a demo campaign, its days relative to the demo's today.
type demoCampaign struct {
	name, note  string
	start, days int
	ended       bool
	items       []demoPromoItem
	tasks       []promo.Task
}

// demoCampaigns: a fruit festival that ended three weeks ago (its effect report has the
// history's numbers: the stores sold more of its items at the promo price) and a hot-pot
// festival running now on other SKUs (mushrooms), whose tasks stand done, overdue, pending
// and one with a problem.
var demoCampaigns = []demoCampaign{
	{name: "金秋水果节", note: "六款当季水果直降，门店端架堆头陈列。", start: -35, days: 14, ended: true,
		items: []demoPromoItem{{"P10047", 899, 1.9}, {"P10048", 599, 1.7}, {"P10049", 999, 2.1}, {"P10050", 629, 1.6},
			{"P10055", 1349, 1.8}, {"P10057", 549, 1.5}},
		tasks: []promo.Task{{Kind: "display", Title: "水果端架堆头陈列", Instructions: "入口第一端架，堆头高度不超过 1.2 米。", DueHours: 0},
			{Kind: "price_label", Title: "更换促销价签", Instructions: "原价划线，促销价红色价签。", DueHours: 2}}},
	{name: "冬季火锅节", note: "菌菇类火锅食材特价，配合火锅底料联合陈列。", start: -3, days: 14,
		items: []demoPromoItem{{"P10041", 1399, 1.6}, {"P10042", 189, 1.8}, {"P10043", 949, 1.5}},
		tasks: []promo.Task{{Kind: "display", Title: "火锅食材联合陈列", Instructions: "菌菇与火锅底料同一端架。", DueHours: 0},
			{Kind: "price_label", Title: "更换促销价签", DueHours: 4},
			{Kind: "signage", Title: "悬挂火锅节海报", Instructions: "生鲜区入口与收银线各一张。", DueHours: 120}}},
}

// promoSpan is a product on promotion in the demo history: its days and price, and the lift.
type promoSpan struct {
	from, to civil.Date
	price    fixed.Money
	lift     float64
}

// demoPromoSpans are the demo campaigns' items by SKU, dated from today.
func demoPromoSpans(today civil.Date) map[string]promoSpan {
	out := map[string]promoSpan{}
	for _, c := range demoCampaigns {
		for _, it := range c.items {
			out[it.sku] = promoSpan{from: today.AddDays(c.start), to: today.AddDays(c.start + c.days - 1), price: it.price, lift: it.lift}
		}
	}
	return out
}

// runPlan is how a demo store stands with a campaign's task (by position): done some hours
// after its due time (negative: before), a problem, or open.
type runPlan struct {
	open    bool
	problem string
	hours   int
}

var demoRunPlans = map[string]map[string][]runPlan{
	"金秋水果节": {
		"sh-pudong": {{hours: -1}, {hours: -1}},
		"sh-xuhui":  {{hours: -2}, {hours: 0}},
		"gz-tianhe": {{hours: 20}, {hours: -1}}, // the display a day late
	},
	"冬季火锅节": {
		"sh-pudong": {{hours: -1}, {hours: -2}, {open: true}},
		"sh-xuhui":  {{hours: -3}, {problem: "fixture_unavailable"}, {hours: -100}},
		"gz-tianhe": {{hours: 2}, {open: true}, {open: true}}, // the price labels overdue
	},
}

// demoReviews are the stores' reviews of the finished campaign, by their store managers.
var demoReviews = []struct{ store, manager, text string }{
	{"sh-pudong", "manager1", "入口端架堆头效果明显，脐橙和苹果周末销量翻倍；香蕉第二周有两天下午断货，建议首批到货量加三成。"},
	{"gz-tianhe", "manager2", "堆头晚了一天才完成，前两天销量提升有限；猕猴桃价格敏感度高，促销价下日均销量接近原来两倍。"},
}

// Promo plans, publishes and works the demo campaigns through the promotions module, as HQ
// and the stores would: the finished campaign is ended with its tasks done and two stores'
// reviews, the running one has its tasks in every state. A campaign whose name exists
// already is left alone, so a second run changes nothing.
func Promo(ctx context.Context, s PromoServices, today civil.Date) (PromoResult, error) {
	var res PromoResult
	sys := authz.System("seed")
	have, _, err := s.Promo.List(ctx, sys, promo.ListFilter{}, paging.Page{Page: 1, PageSize: paging.MaxPageSize})
	if err != nil {
		return res, err
	}
	stores, _, err := s.Org.ListStores(ctx, sys, org.StoreFilter{}, paging.Page{Page: 1, PageSize: paging.MaxPageSize, Sort: "code"})
	if err != nil {
		return res, err
	}
	ids := map[string]int64{}
	for _, st := range stores {
		ids[st.Code] = st.ID
	}
	for _, dc := range demoCampaigns {
		if slices.ContainsFunc(have, func(c promo.Campaign) bool { return c.Name == dc.name }) {
			res.Skipped++
			continue
		}
		done, err := demoCampaignOf(ctx, s, sys, dc, today, ids)
		if err != nil {
			return res, fmt.Errorf("demo campaign %s: %w", dc.name, err)
		}
		res.Campaigns++
		res.TasksDone += done
	}
	if res.Campaigns == 0 {
		return res, nil
	}
	for _, c := range demoCampaigns {
		if !c.ended {
			continue
		}
		list, _, err := s.Promo.List(ctx, sys, promo.ListFilter{}, paging.Page{Page: 1, PageSize: paging.MaxPageSize})
		if err != nil {
			return res, err
		}
		i := slices.IndexFunc(list, func(x promo.Campaign) bool { return x.Name == c.name })
		if i < 0 {
			continue
		}
		for _, r := range demoReviews {
			people, err := principals(ctx, s.Org, ids[r.store], r.manager)
			if err != nil {
				return res, err
			}
			if _, err := s.Promo.PutReview(ctx, people[0], list[i].ID, ids[r.store], r.text, 0); err != nil {
				return res, fmt.Errorf("demo review of %s: %w", r.store, err)
			}
			res.Reviews++
		}
	}
	return res, nil
}

func demoCampaignOf(ctx context.Context, s PromoServices, sys *authz.Principal, dc demoCampaign, today civil.Date,
	ids map[string]int64) (int, error) {
	d := promo.Draft{Campaign: promo.Campaign{Name: dc.name, Mechanic: "price_cut", StartsOn: today.AddDays(dc.start),
		EndsOn: today.AddDays(dc.start + dc.days - 1), TargetKind: promo.TargetStores, Note: dc.note, Tasks: dc.tasks}}
	for _, st := range Stores {
		d.TargetStoreIDs = append(d.TargetStoreIDs, ids[st.Code])
	}
	for _, it := range dc.items {
		d.ItemInputs = append(d.ItemInputs, promo.ItemInput{SKU: it.sku, PromoPrice: it.price})
	}
	c, err := s.Promo.Create(ctx, sys, d)
	if err != nil {
		return 0, err
	}
	if _, _, err := s.Promo.Publish(ctx, sys, c.ID); err != nil {
		return 0, err
	}
	done := 0
	for _, st := range Stores {
		tasks, _, err := s.Promo.StoreTasks(ctx, sys, ids[st.Code], promo.TaskFilter{CampaignID: c.ID},
			paging.Page{Page: 1, PageSize: paging.MaxPageSize})
		if err != nil {
			return 0, err
		}
		plans := demoRunPlans[dc.name][st.Code]
		for _, t := range tasks {
			i := slices.IndexFunc(dc.tasks, func(x promo.Task) bool { return x.Title == t.Task.Title })
			if i < 0 || i >= len(plans) || plans[i].open {
				continue
			}
			at := t.DueAt.Add(time.Duration(plans[i].hours) * time.Hour)
			comp := promo.Completion{Note: "已完成", At: &at}
			if plans[i].problem != "" {
				comp = promo.Completion{Problem: plans[i].problem, Note: "端架被其他档期占用，需要总部协调。", At: &at}
			}
			if err := s.Promo.Complete(ctx, sys, t.ID, comp); err != nil {
				return 0, err
			}
			if plans[i].problem == "" {
				done++
			}
		}
	}
	if dc.ended {
		c, err = s.Promo.Get(ctx, sys, c.ID)
		if err != nil {
			return 0, err
		}
		if _, err := s.Promo.End(ctx, sys, c.ID, c.Version); err != nil {
			return 0, err
		}
	}
	return done, nil
}
