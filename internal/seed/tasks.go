package seed

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"time"

	"github.com/storeops/storeops/internal/org"
	"github.com/storeops/storeops/internal/platform/authz"
	"github.com/storeops/storeops/internal/platform/civil"
	"github.com/storeops/storeops/internal/platform/paging"
	"github.com/storeops/storeops/internal/tasks"
)

// TaskServices are the modules the demo's daily tasks go through.
type TaskServices struct {
	Org   *org.Service
	Tasks *tasks.Service
}

// TaskResult counts what a run did.
type TaskResult struct {
	Templates int
	Generated int64
	Done      int
	Assigned  int
}

// taskHistoryDays of generated tasks each demo store gets before today.
const taskHistoryDays = 7

// Tasks gives every fresh department the chain's default task templates, generates the
// tasks of the last week and of today for every store (nine in ten of the past ones recorded
// done by the store manager, the rest left overdue), and has manager1 assign super1 an ad-hoc task
// due this afternoon. A run after the first adds only what is missing.
func Tasks(ctx context.Context, s TaskServices, now time.Time) (TaskResult, error) {
	var res TaskResult
	sys := authz.System("seed")
	fresh := []string{}
	for _, d := range Departments {
		if d.Kind == org.KindFresh {
			fresh = append(fresh, d.Code)
		}
	}
	n, err := s.Tasks.EnsureDefaultTemplates(ctx, sys, fresh)
	if err != nil {
		return res, err
	}
	res.Templates = n
	for back := taskHistoryDays; back >= 0; back-- {
		added, err := s.Tasks.Generate(ctx, now.AddDate(0, 0, -back))
		if err != nil {
			return res, fmt.Errorf("generate tasks %d days back: %w", back, err)
		}
		res.Generated += added
	}
	if res.Generated == 0 {
		return res, nil
	}
	stores, _, err := s.Org.ListStores(ctx, sys, org.StoreFilter{}, paging.Page{Page: 1, PageSize: 50, Sort: "code"})
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
		done, err := demoTaskHistory(ctx, s.Tasks, people[0], stores[i], now)
		if err != nil {
			return res, fmt.Errorf("demo tasks of %s: %w", d.store, err)
		}
		res.Done += done
		if d.store == "sh-pudong" {
			due := now.Add(4 * time.Hour)
			id := people[1].UserID
			if _, _, err := s.Tasks.Create(ctx, people[0], stores[i].ID, tasks.NewTask{Title: "检查冷库门封条并报修",
				Note: "昨天下午冷库门关不严，请检查门封条，必要时联系维修", AssigneeID: &id, DueAt: due,
				EstimatedMinutes: 30}); err != nil {
				return res, fmt.Errorf("demo ad-hoc task: %w", err)
			}
			res.Assigned++
		}
	}
	return res, nil
}

// demoTaskHistory completes nine in ten of a store's tasks of the days before today, each
// within its day and mostly before its due time.
func demoTaskHistory(ctx context.Context, svc *tasks.Service, manager *authz.Principal, st org.Store, now time.Time) (int, error) {
	loc := st.Location()
	rng := rand.New(rand.NewPCG(uint64(st.ID), 26))
	today := civil.Today(now, loc)
	list, _, err := svc.List(ctx, manager, st.ID, tasks.Filter{Status: tasks.StatusOverdue},
		paging.Page{Page: 1, PageSize: paging.MaxPageSize})
	if err != nil {
		return 0, err
	}
	done := 0
	for _, t := range list {
		if t.BusinessDate >= today || rng.IntN(10) == 0 {
			continue
		}
		at := t.DueAt.Add(-time.Duration(5+rng.IntN(90)) * time.Minute)
		if _, err := svc.CompletePast(ctx, manager, t.ID, "", at); err != nil {
			return done, err
		}
		done++
	}
	return done, nil
}
