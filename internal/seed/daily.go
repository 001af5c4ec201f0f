package seed

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"time"

	"github.com/storeops/storeops/internal/catalog"
	"github.com/storeops/storeops/internal/complaints"
	"github.com/storeops/storeops/internal/org"
	"github.com/storeops/storeops/internal/platform/authz"
	"github.com/storeops/storeops/internal/platform/civil"
	"github.com/storeops/storeops/internal/platform/fixed"
	"github.com/storeops/storeops/internal/platform/paging"
	"github.com/storeops/storeops/internal/pricesurvey"
)

// DailyServices are the modules the demo's complaints and price surveys go through.
type DailyServices struct {
	Org          *org.Service
	Catalog      *catalog.Service
	Complaints   *complaints.Service
	PriceSurveys *pricesurvey.Service
}

// DailyResult counts what a run did.
type DailyResult struct {
	Complaints, Open, Surveys, Promoted, SkippedStores int
}

// complaintDays of complaints each demo store gets before now.
const complaintDays = 21

// demoComplaint is a kind of complaint a store hears, with how it is handled.
type demoComplaint struct {
	category, department, channel, description string
	steps                                      []string
	resolution                                 string
	compensation                               int64 // yuan
}

var demoComplaints = []demoComplaint{
	{"quality", "produce", "counter", "顾客反映昨天买的上海青回家后叶子发黄、有烂叶",
		[]string{"核对小票，确认为本店昨日售出", "检查货架同批次商品，下架 3 袋"}, "当场退款并致歉，已提醒早班加强挑拣", 0},
	{"quality", "meat", "hotline", "热线投诉：猪肉馅有异味，怀疑不新鲜",
		[]string{"电话回访顾客，约定到店处理", "抽查冷柜温度 2℃，正常；同批次送检"}, "全额退款并赠送 20 元购物券", 20},
	{"quality", "seafood", "online", "App 订单收到的基围虾死虾较多",
		[]string{"联系配送站核实出库时间", "调取打包环节监控"}, "补发一份并退还差价，配送交接增加冰袋", 15},
	{"price", "produce", "counter", "价签写 5.98 元/斤，结账按 6.98 元收费",
		[]string{"核对系统价格与价签，价签未及时更换"}, "退还差价并更换价签，全区价签复查", 5},
	{"price", "deli", "social_media", "小红书有人发帖说熟食区会员价与实际不符",
		[]string{"店长在评论区回复说明", "核对促销档期设置"}, "会员价档期设置错误已更正，私信顾客致歉", 0},
	{"service", "", "counter", "收银排队太久，只开了两个收银台",
		[]string{"调取当时客流与排班记录"}, "高峰时段增开收银台，已向顾客致歉", 0},
	{"service", "bakery", "phone", "面包柜台员工态度冷淡，不回答配料问题",
		[]string{"与当班员工面谈", "补充配料表到价签"}, "向顾客电话致歉，员工已培训", 0},
	{"hygiene", "deli", "counter", "熟食柜台员工未戴口罩和手套取货",
		[]string{"当场纠正员工操作", "班前会重申仪容仪表要求"}, "向顾客致歉并赠送熟食一份", 30},
	{"hygiene", "seafood", "hotline", "水产区地面湿滑有异味",
		[]string{"安排保洁立即处理", "增加下午拖地频次"}, "已整改并回电顾客", 0},
	{"other", "", "phone", "停车场出口排队时间长",
		[]string{"与物业沟通出口缴费方式"}, "已向顾客说明，物业增加人工通道", 0},
}

// demoDailyStores names each store's manager and the supervisor who records complaints.
var demoDailyStores = []struct{ store, manager, supervisor string }{
	{"sh-pudong", "manager1", "super1"},
	{"sh-xuhui", "manager3", "super3a"},
	{"gz-tianhe", "manager2", "super2b"},
}

// Daily gives every demo store three weeks of customer complaints (most resolved, some with
// compensation; the latest few open, one of them for more than a day), sh-pudong three
// competitor price surveys with gaps, one line already a draft in-store promotion and one a
// price-change request waiting for the manager, and gz-tianhe two surveys (HQ's chain-wide
// gaps compare the stores). A store with any complaint keeps what it has; so does a store
// with any survey.
func Daily(ctx context.Context, s DailyServices, now time.Time) (DailyResult, error) {
	var res DailyResult
	stores, _, err := s.Org.ListStores(ctx, authz.System("seed"), org.StoreFilter{}, paging.Page{Page: 1, PageSize: 50, Sort: "code"})
	if err != nil {
		return res, err
	}
	for _, d := range demoDailyStores {
		i := slices.IndexFunc(stores, func(st org.Store) bool { return st.Code == d.store })
		if i < 0 {
			continue
		}
		people, err := principals(ctx, s.Org, stores[i].ID, d.manager, d.supervisor)
		if err != nil {
			return res, err
		}
		n, open, err := demoStoreComplaints(ctx, s.Complaints, people[1], stores[i], now)
		if err != nil {
			return res, fmt.Errorf("demo complaints of %s: %w", d.store, err)
		}
		if n == 0 {
			res.SkippedStores++
		}
		res.Complaints, res.Open = res.Complaints+n, res.Open+open
		surveys, promoted, err := demoSurveys(ctx, s, people[0], people[1], stores[i], now)
		if err != nil {
			return res, fmt.Errorf("demo price surveys of %s: %w", d.store, err)
		}
		res.Surveys, res.Promoted = res.Surveys+surveys, res.Promoted+promoted
	}
	return res, nil
}

// demoStoreComplaints records one complaint every day or two of the last three weeks; those
// of the last two days stay open, the older resolved within 1 to 30 hours.
func demoStoreComplaints(ctx context.Context, svc *complaints.Service, p *authz.Principal, st org.Store, now time.Time) (int, int, error) {
	_, total, err := svc.List(ctx, p, st.ID, complaints.Filter{}, paging.Page{Page: 1, PageSize: 1})
	if err != nil || total > 0 {
		return 0, 0, err
	}
	loc := st.Location()
	rng := rand.New(rand.NewPCG(uint64(st.ID), 15))
	today := civil.Today(now, loc)
	created, open := 0, 0
	for day := complaintDays; day >= 1; day-- {
		if rng.IntN(3) == 0 && day != 2 {
			continue
		}
		d := today.AddDays(-day).Time()
		at := time.Date(d.Year(), d.Month(), d.Day(), 9+rng.IntN(11), rng.IntN(60), 0, 0, loc)
		k := demoComplaints[rng.IntN(len(demoComplaints))]
		past := complaints.Past{NewComplaint: complaints.NewComplaint{Channel: k.channel, Category: k.category,
			DepartmentCode: k.department, Description: k.description, ReceivedAt: at}}
		stepAt := at
		for _, note := range k.steps {
			stepAt = stepAt.Add(time.Duration(30+rng.IntN(120)) * time.Minute)
			past.Steps = append(past.Steps, complaints.PastStep{Note: note, At: stepAt})
		}
		if day > 2 {
			past.Resolution = &complaints.Resolution{Text: k.resolution, Compensation: fixed.MoneyOf(k.compensation)}
			past.ResolvedAt = stepAt.Add(time.Duration(1+rng.IntN(28)) * time.Hour)
		} else {
			past.Steps = past.Steps[:1]
			open++
		}
		if _, err := svc.Record(ctx, p, st.ID, past); err != nil {
			return created, open, err
		}
		created++
	}
	return created, open, nil
}
