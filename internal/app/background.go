package app

import (
	"context"
	"log/slog"
	"time"

	"github.com/storeops/storeops/internal/auth"
	"github.com/storeops/storeops/internal/platform/authz"
	"github.com/storeops/storeops/internal/platform/jobs"
	"github.com/storeops/storeops/internal/platform/outbox"
)

// Periods of the platform's own jobs.
const (
	sweepSessionsEvery = 10 * time.Minute
	outboxDeliverEvery = 15 * time.Second
	outboxBatch        = 100
)

// background builds the job runner and the outbox and registers the jobs of the modules
// built so far; serve starts the runner. Without a configured channel the outbox keeps its
// messages pending; STOREOPS_NOTIFY_LOG=true delivers them to the log.
func background(d Deps, authSvc *auth.Service) (*jobs.Runner, *outbox.Service, error) {
	if d.Logger == nil {
		d.Logger = slog.New(slog.DiscardHandler)
	}
	var channels []outbox.Deliverer
	if d.Config.NotifyLog {
		channels = append(channels, outbox.LogDeliverer{Log: d.Logger})
	}
	box, err := outbox.NewService(d.DB, d.Now, d.Logger, outbox.Options{Deliverers: channels})
	if err != nil {
		return nil, nil, err
	}
	runner := jobs.NewRunner(d.DB, d.Now, d.Logger, jobs.Options{})
	ctx := context.Background()
	err = runner.Register(ctx, jobs.Job{Name: "auth.sweep_sessions", Every: sweepSessionsEvery,
		Run: func(ctx context.Context, p *authz.Principal) error {
			n, err := authSvc.Sweep(ctx, p)
			if n > 0 {
				d.Logger.Info("session sweep", "deleted", n)
			}
			return err
		}})
	if err != nil {
		return nil, nil, err
	}
	err = runner.Register(ctx, jobs.Job{Name: "outbox.deliver", Every: outboxDeliverEvery, Timeout: 5 * time.Minute,
		Run: func(ctx context.Context, p *authz.Principal) error {
			res, err := box.DeliverDue(ctx, p, outboxBatch)
			if res != (outbox.Result{}) {
				d.Logger.Info("outbox delivery", slog.Int("delivered", res.Delivered), slog.Int("retried", res.Retried),
					slog.Int("dead", res.Dead))
			}
			return err
		}})
	if err != nil {
		return nil, nil, err
	}
	return runner, box, nil
}
