package seed

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/storeops/storeops/internal/meetings"
	"github.com/storeops/storeops/internal/org"
	"github.com/storeops/storeops/internal/platform/authz"
	"github.com/storeops/storeops/internal/platform/civil"
	"github.com/storeops/storeops/internal/platform/paging"
	"github.com/storeops/storeops/internal/tasks"
)

// MeetingServices are the modules the demo's team meetings go through.
type MeetingServices struct {
	Org      *org.Service
	Meetings *meetings.Service
	Tasks    *tasks.Service
}

// MeetingResult counts what a run did.
type MeetingResult struct {
	Meetings, Items, Done int
}

// demoItem is an action item of a demo meeting: its owner (an index into the meeting's people:
// 0 manager1, 1 super1, 2 super1b) or a department, due days after the meeting, and whether
// its owner has done it.
type demoItem struct {
	title      string
	owner      int // -1: the department owns it
	department string
	dueAfter   int
	done       bool
}

// demoMeeting is a meeting of sh-pudong held daysAgo, chaired by manager1.
type demoMeeting struct {
	daysAgo    int
	kind       string
	title      string
	department string
	attendees  []int
	notes      string
	items      []demoItem
}

var demoMeetings = []demoMeeting{
	{13, meetings.KindMonthly, "十一月经营月度例会", "", []int{0, 1, 2},
		"1. 上月生鲜损耗率 3.8%，超预算 0.6 个百分点，主要集中在叶菜和水产。\n2. 人效：周末高峰排班不足，收银排队投诉 2 起。\n3. 下月重点：双十二档期备货、冷库设备巡检。",
		[]demoItem{{"提交本月损耗复盘报告", 0, "", 3, true}, {"双十二档期备货计划初稿", 1, "", 4, true}}},
	{6, meetings.KindWeekly, "生鲜周例会", "produce", []int{0, 1, 2},
		"叶菜周末报损偏高：周六到货量偏大、午后未及时降价。本周起叶菜周末订货下调 10%，14:00 前完成第一轮降价。",
		[]demoItem{{"叶菜周末订货量下调 10%", 1, "", 2, true}, {"整理叶菜降价时间表并张贴", 2, "produce", 8, false}}},
	{1, meetings.KindBriefing, "早班班前会", "", []int{0, 1},
		"今日到货：肉类、水产两车。提醒：冷库门关不严已报修；熟食区地面湿滑，注意防滑。",
		[]demoItem{{"核对周末促销价签", 1, "", 2, false}, {"熟食区更换防滑垫", -1, "deli", 1, false}}},
}

// Meetings records three past team meetings of sh-pudong (a monthly, a weekly fresh-produce
// and yesterday's briefing), chaired by manager1 with super1 and super1b attending; their
// action items are tasks, the older ones done by their owners, the recent ones open. A store
// with any meeting keeps what it has.
func Meetings(ctx context.Context, s MeetingServices, now time.Time) (MeetingResult, error) {
	var res MeetingResult
	stores, _, err := s.Org.ListStores(ctx, authz.System("seed"), org.StoreFilter{}, paging.Page{Page: 1, PageSize: 50, Sort: "code"})
	if err != nil {
		return res, err
	}
	i := slices.IndexFunc(stores, func(st org.Store) bool { return st.Code == "sh-pudong" })
	if i < 0 {
		return res, nil
	}
	st := stores[i]
	people, err := principals(ctx, s.Org, st.ID, "manager1", "super1", "super1b")
	if err != nil {
		return res, err
	}
	if _, total, err := s.Meetings.List(ctx, people[0], st.ID, meetings.Filter{}, paging.Page{Page: 1, PageSize: 1}); err != nil || total > 0 {
		return res, err
	}
	loc := st.Location()
	today := civil.Today(now, loc)
	for _, m := range demoMeetings {
		d, err := recordDemoMeeting(ctx, s, st.ID, people, m, today.AddDays(-m.daysAgo), loc)
		if err != nil {
			return res, fmt.Errorf("demo meeting %s: %w", m.title, err)
		}
		res.Meetings++
		res.Items += len(d.ItemList)
		for j, it := range m.items {
			if !it.done {
				continue
			}
			owner := people[it.owner]
			due := tasks.DueAt(d.ItemList[j].DueOn, meetings.DueMinute, loc)
			if _, err := s.Tasks.CompletePast(ctx, owner, d.ItemList[j].TaskID, "已完成", due.Add(-3*time.Hour)); err != nil {
				return res, fmt.Errorf("demo meeting %s item %d: %w", m.title, j+1, err)
			}
			res.Done++
		}
	}
	return res, nil
}

// recordDemoMeeting records m as held on day, entered at 17:30 of that day.
func recordDemoMeeting(ctx context.Context, s MeetingServices, storeID int64, people []*authz.Principal, m demoMeeting, day civil.Date, loc *time.Location) (meetings.Detail, error) {
	n := meetings.NewMeeting{DepartmentCode: m.department, HeldOn: day, Kind: m.kind, Title: m.title,
		ChairID: people[0].UserID, Notes: m.notes}
	for _, a := range m.attendees {
		n.Attendees = append(n.Attendees, people[a].UserID)
	}
	for _, it := range m.items {
		item := meetings.NewItem{Title: it.title, DepartmentCode: it.department, DueOn: day.AddDays(it.dueAfter)}
		if it.owner >= 0 {
			id := people[it.owner].UserID
			item.OwnerID = &id
		}
		n.Items = append(n.Items, item)
	}
	return s.Meetings.Record(ctx, people[0], storeID, n, tasks.DueAt(day, 17*60+30, loc))
}
