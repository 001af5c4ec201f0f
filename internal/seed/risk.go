package seed

import (
	"context"
	"fmt"
	"time"

	"github.com/storeops/storeops/internal/org"
	"github.com/storeops/storeops/internal/platform/authz"
	"github.com/storeops/storeops/internal/platform/civil"
	"github.com/storeops/storeops/internal/platform/paging"
	"github.com/storeops/storeops/internal/risk"
)

// RiskServices are the modules the demo's incidents and readiness go through.
type RiskServices struct {
	Org  *org.Service
	Risk *risk.Service
}

// RiskResult counts what a run did.
type RiskResult struct {
	Incidents, Events, Ticked int
	Skipped                   bool
}

// The preloaded risks of migrations/*/00029_risks_incidents.sql the demo uses.
const (
	riskStorm   = 2
	riskCrowd   = 3
	riskQuality = 4
)

// Risk gives the demo an incident resolved with its timeline at sh-pudong (a quality dispute),
// one still open at gz-tianhe (deliveries late in a rainstorm), and a readiness event for the
// next shopping festival (双十一 on 11 November, or 双十二 on 12 December once that has
// passed) against the crowd-crush and storm risks, with some items ticked. A chain with any
// incident or readiness event is left alone.
func Risk(ctx context.Context, s RiskServices, now time.Time) (RiskResult, error) {
	var res RiskResult
	sys := authz.System("seed")
	_, total, err := s.Risk.Board(ctx, sys, risk.IncidentFilter{}, paging.First())
	if err != nil {
		return res, err
	}
	events, err := s.Risk.ListEvents(ctx, sys)
	if err != nil {
		return res, err
	}
	if total > 0 || len(events) > 0 {
		res.Skipped = true
		return res, nil
	}
	ids, err := s.Org.StoreIDsByCode(ctx, []string{"sh-pudong", "gz-tianhe"})
	if err != nil {
		return res, err
	}
	pudong, err := principals(ctx, s.Org, ids["sh-pudong"], "manager1", "super1")
	if err != nil {
		return res, err
	}
	tianhe, err := principals(ctx, s.Org, ids["gz-tianhe"], "super2b")
	if err != nil {
		return res, err
	}
	in, err := s.Risk.CreateIncident(ctx, pudong[1], ids["sh-pudong"], risk.NewIncident{RiskID: riskQuality,
		Title: "顾客投诉袋装牛奶胀袋变质", Description: "两位顾客反映同一批次 950ml 袋装鲜奶胀袋、有酸味，要求退款。",
		OccurredAt: now.Add(-5 * time.Hour)})
	if err != nil {
		return res, fmt.Errorf("demo incident: %w", err)
	}
	for _, note := range []string{"同批次 48 袋全部下架封存，留样 2 袋", "已电话上报总部品控部，供应商下午到店核查"} {
		if err := s.Risk.AddAction(ctx, pudong[1], in.ID, note, nil); err != nil {
			return res, err
		}
	}
	if err := s.Risk.Resolve(ctx, pudong[0], in.ID, "为两位顾客全额退款并致歉；供应商确认冷链运输超温，该批次全部退回", nil); err != nil {
		return res, err
	}
	open, err := s.Risk.CreateIncident(ctx, tianhe[0], ids["gz-tianhe"], risk.NewIncident{RiskID: riskStorm,
		Title: "暴雨红色预警，早班生鲜配送晚到", Description: "配送中心通知车辆因道路积水绕行，预计晚到 3 小时。",
		OccurredAt: now.Add(-2 * time.Hour)})
	if err != nil {
		return res, fmt.Errorf("demo incident: %w", err)
	}
	if err := s.Risk.AddAction(ctx, tianhe[0], open.ID, "门口铺设防滑垫，叶菜区张贴晚到告示", nil); err != nil {
		return res, err
	}
	res.Incidents = 2

	name, date := festival(civil.Today(now, time.FixedZone("UTC+8", 8*3600)))
	ev, err := s.Risk.CreateEvent(ctx, sys, risk.NewEvent{Name: name, Date: date, RiskIDs: []int64{riskCrowd, riskStorm}})
	if err != nil {
		return res, fmt.Errorf("demo readiness event: %w", err)
	}
	res.Events = 1
	lists, err := s.Risk.StoreReadiness(ctx, pudong[1], ids["sh-pudong"])
	if err != nil {
		return res, err
	}
	for _, cl := range lists {
		if cl.Event.ID != ev.ID {
			continue
		}
		for i, it := range cl.Items {
			if i >= 4 {
				break
			}
			if _, err := s.Risk.CompleteItem(ctx, pudong[1], it.ID, "已完成"); err != nil {
				return res, err
			}
			res.Ticked++
		}
	}
	return res, nil
}

// festival is the next shopping festival after today: 双十一 (11 November) or 双十二
// (12 December), named with its year.
func festival(today civil.Date) (string, civil.Date) {
	year := today.Time().Year()
	for _, y := range []int{year, year + 1} {
		for _, f := range []struct {
			name       string
			month, day int
		}{{"双十一", 11, 11}, {"双十二", 12, 12}} {
			d := civil.Of(time.Date(y, time.Month(f.month), f.day, 0, 0, 0, 0, time.UTC))
			if d > today {
				return fmt.Sprintf("%s %d", f.name, y), d
			}
		}
	}
	return "双十一", today.AddDays(30)
}
