package seed

import (
	"context"
	"fmt"
	"time"

	"github.com/storeops/storeops/internal/org"
	"github.com/storeops/storeops/internal/platform/authz"
	"github.com/storeops/storeops/internal/platform/civil"
	"github.com/storeops/storeops/internal/platform/paging"
	"github.com/storeops/storeops/internal/training"
)

// TrainingServices are the modules the demo's staff and trainings go through.
type TrainingServices struct {
	Org      *org.Service
	Training *training.Service
}

// TrainingResult counts what a run did.
type TrainingResult struct {
	Employees, Sessions, Certificates, SkippedStores int
}

// demoStaff is each demo store's staff register: name, department, role and whether the
// person handles food.
var demoStaff = []struct {
	name, dept, role string
	food             bool
}{
	{"王芳", "produce", "果蔬理货员", true},
	{"李强", "meat", "分割师傅", true},
	{"陈静", "deli", "熟食加工员", true},
	{"赵磊", "seafood", "水产理货员", true},
	{"刘洋", "", "收银员", false},
	{"孙丽", "bakery", "面包师", true},
}

// Training gives each demo store its staff register, a food-safety training held about ten
// months ago (one food handler missed it, so their training is overdue), a crowd-control
// drill planned before the next Double 11, and health certificates: one expires within 30
// days, one has expired, the others are valid. A store with employees is left alone.
func Training(ctx context.Context, s TrainingServices, today civil.Date) (res TrainingResult, err error) {
	codes := make([]string, len(demoSafety))
	for i, d := range demoSafety {
		codes[i] = d.store
	}
	ids, err := s.Org.StoreIDsByCode(ctx, codes)
	if err != nil {
		return res, err
	}
	for _, d := range demoSafety {
		storeID := ids[d.store]
		_, total, err := s.Training.ListEmployees(ctx, authz.System("seed"), storeID, training.EmployeeFilter{}, paging.First())
		if err != nil {
			return res, err
		}
		if total > 0 {
			res.SkippedStores++
			continue
		}
		people, err := principals(ctx, s.Org, storeID, d.manager)
		if err != nil {
			return res, err
		}
		if err := trainStore(ctx, s.Training, people[0], storeID, today, &res); err != nil {
			return res, fmt.Errorf("demo training of %s: %w", d.store, err)
		}
	}
	return res, nil
}

func trainStore(ctx context.Context, svc *training.Service, manager *authz.Principal, storeID int64, today civil.Date, res *TrainingResult) error {
	var staff []training.Employee
	for _, p := range demoStaff {
		name, dept, role, food := p.name, p.dept, p.role, p.food
		e, err := svc.CreateEmployee(ctx, manager, storeID, training.EmployeeInput{Name: &name, DepartmentCode: &dept,
			RoleTitle: &role, FoodHandler: &food})
		if err != nil {
			return err
		}
		staff = append(staff, e)
		res.Employees++
	}
	held, err := svc.CreateSession(ctx, manager, storeID, training.NewSession{Topic: training.TopicFoodSafety,
		Title: "年度食品安全培训", ScheduledOn: today.AddDays(-300), FoodHandlers: true, Trainer: "总部品控部",
		Notes: "食品安全法、交叉污染、个人卫生"})
	if err != nil {
		return err
	}
	var marks []training.AttendanceInput
	for i, e := range staff {
		if !e.FoodHandler {
			continue
		}
		score := 80 + 3*i
		status := training.Attended
		if i == 3 { // the seafood handler missed it: overdue
			status = training.Absent
		}
		marks = append(marks, training.AttendanceInput{EmployeeID: e.ID, Status: status, Score: &score})
	}
	if _, err := svc.RecordAttendance(ctx, manager, held.ID, marks); err != nil {
		return err
	}
	if _, err := svc.CreateSession(ctx, manager, storeID, training.NewSession{Topic: training.TopicCrowdControl,
		Title: "双11大促人流疏导演练", ScheduledOn: beforeDouble11(today), Trainer: "店长",
		Notes: "入口限流、通道疏散、广播预案"}); err != nil {
		return err
	}
	res.Sessions += 2
	// Certificates: the produce handler's expires in 12 days, the meat handler's lapsed 5
	// days ago, the deli and bakery handlers' are valid; the seafood handler has none yet.
	certs := map[int]int{0: 12, 1: -5, 2: 200, 5: 320}
	for i, left := range certs {
		number := fmt.Sprintf("JK%d%04d", storeID, staff[i].ID)
		issued, expires := today.AddDays(left-365), today.AddDays(left)
		if _, err := svc.CreateCertificate(ctx, manager, storeID, training.CertificateInput{EmployeeID: &staff[i].ID,
			Number: &number, IssuedOn: &issued, ExpiresOn: &expires}); err != nil {
			return err
		}
		res.Certificates++
	}
	return nil
}

// beforeDouble11 is a week before the next 11 November from today.
func beforeDouble11(today civil.Date) civil.Date {
	y := today.Time().Year()
	d := civil.Of(time.Date(y, time.November, 4, 0, 0, 0, 0, time.UTC))
	if d <= today {
		d = civil.Of(time.Date(y+1, time.November, 4, 0, 0, 0, 0, time.UTC))
	}
	return d
}
