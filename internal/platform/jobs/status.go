package jobs

import (
	"context"
	"time"

	"github.com/storeops/storeops/internal/platform/authz"
	"github.com/storeops/storeops/internal/platform/paging"
)

// Status is one job as operators see it: when it last ran and how, when it runs next, and
// which replica holds it now.
type Status struct {
	Name           string     `json:"name"`
	Running        bool       `json:"running"`
	Holder         *string    `json:"holder"`
	LeaseUntil     *time.Time `json:"lease_until"`
	NextRunAt      time.Time  `json:"next_run_at"`
	LastStartedAt  *time.Time `json:"last_started_at"`
	LastFinishedAt *time.Time `json:"last_finished_at"`
	LastOKAt       *time.Time `json:"last_ok_at"`
	LastError      *string    `json:"last_error"`
	Runs           int64      `json:"runs"`
	Failures       int64      `json:"failures"`
}

// List reads every job's lease row, by name, for admins: the rows are shared, so it shows
// jobs registered by any replica.
func (r *Runner) List(ctx context.Context, p *authz.Principal, pg paging.Page) ([]Status, int64, error) {
	if err := p.RequireRole(authz.RoleAdmin); err != nil {
		return nil, 0, err
	}
	q := r.db.WithContext(ctx).Model(&leaseRow{})
	var total int64
	if err := q.Count(&total).Error; err != nil {
		return nil, 0, err
	}
	var rows []leaseRow
	if err := q.Order("name").Offset(pg.Offset()).Limit(pg.PageSize).Find(&rows).Error; err != nil {
		return nil, 0, err
	}
	now := r.now()
	out := make([]Status, len(rows))
	for i, l := range rows {
		out[i] = Status{Name: l.Name, Running: l.Holder != nil && l.LeaseUntil != nil && !l.LeaseUntil.Before(now),
			Holder: l.Holder, LeaseUntil: l.LeaseUntil, NextRunAt: l.NextRunAt, LastStartedAt: l.LastStartedAt,
			LastFinishedAt: l.LastFinishedAt, LastOKAt: l.LastOKAt, LastError: l.LastError, Runs: l.Runs,
			Failures: l.Failures}
	}
	return out, total, nil
}
