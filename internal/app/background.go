package app

import (
	"cmp"
	"context"
	"fmt"
	"log/slog"
	"time"

	"github.com/storeops/storeops/internal/auth"
	"github.com/storeops/storeops/internal/inventory"
	"github.com/storeops/storeops/internal/notify"
	"github.com/storeops/storeops/internal/ordering"
	"github.com/storeops/storeops/internal/org"
	"github.com/storeops/storeops/internal/platform/attachments"
	"github.com/storeops/storeops/internal/platform/authz"
	"github.com/storeops/storeops/internal/platform/civil"
	"github.com/storeops/storeops/internal/platform/idempotency"
	"github.com/storeops/storeops/internal/platform/jobs"
	"github.com/storeops/storeops/internal/platform/outbox"
	"github.com/storeops/storeops/internal/platform/paging"
	"github.com/storeops/storeops/internal/promo"
	"github.com/storeops/storeops/internal/tasks"
	"github.com/storeops/storeops/internal/training"
)

// Periods of the platform's own jobs.
const (
	sweepSessionsEvery = 10 * time.Minute
	outboxDeliverEvery = 15 * time.Second
	outboxBatch        = 100
	sweepEvery         = time.Hour
	// idempotencyKeep is how long an Idempotency-Key answer is replayed: clients retry
	// within minutes or hours, and a week covers a POS that was offline over a weekend.
	idempotencyKeep = 7 * 24 * time.Hour
	// slideCoverEvery moves each store's days-of-cover window to its new day soon after
	// midnight in its time zone, so the first stock list of the day does not pay for it.
	slideCoverEvery = 15 * time.Minute
	// updateForecastsEvery: a store's forecasts move on once its day has turned; a run that
	// finds them current reads only the last weeks' sales to spot new products.
	updateForecastsEvery = time.Hour
	// measureEffectsEvery: campaigns' effect sums are measured ahead within the hour after a
	// store's day turns or its feed lands, so HQ's reports read kept sums.
	measureEffectsEvery = time.Hour
	// generateTasksEvery: each store's tasks of its new day appear within a quarter of an
	// hour after its midnight (and a template added today makes its task by the next run).
	generateTasksEvery = 15 * time.Minute
	// notifyOverdueEvery: a task past its due time is announced within five minutes.
	notifyOverdueEvery = 5 * time.Minute
	// certificateRemindersEvery: reminders 30 and 7 days before a health certificate lapses
	// go out within the hour after a store's day turns (each once, by its key).
	certificateRemindersEvery = time.Hour
)

// housekeeping is what the periodic jobs of the modules work on.
type housekeeping struct {
	auth        *auth.Service
	attachments *attachments.Service
	keys        *idempotency.Store
	inventory   *inventory.Service
	org         *org.Service
	ordering    *ordering.Service
	promo       *promo.Service
	tasks       *tasks.Service
	training    *training.Service
}

// background builds the job runner and the outbox and registers the jobs of the modules
// built so far; serve starts the runner. The outbox delivers to the notification channels
// admins configure (a message none subscribes to is done) and, with STOREOPS_NOTIFY_LOG=true,
// to the log.
func background(d Deps, box *outbox.Service, h housekeeping) (*jobs.Runner, error) {
	// A short outbox period (STOREOPS_OUTBOX_EVERY, e.g. in browser tests) needs a tick as short.
	runner := jobs.NewRunner(d.DB, d.Now, d.Logger, jobs.Options{Tick: min(5*time.Second, d.Config.OutboxEvery)})
	ctx := context.Background()
	err := runner.Register(ctx, jobs.Job{Name: "auth.sweep_sessions", Every: sweepSessionsEvery,
		Run: func(ctx context.Context, p *authz.Principal) error {
			n, err := h.auth.Sweep(ctx, p)
			if n > 0 {
				d.Logger.Info("session sweep", "deleted", n)
			}
			return err
		}})
	if err != nil {
		return nil, err
	}
	err = runner.Register(ctx, jobs.Job{Name: "outbox.deliver", Every: cmp.Or(d.Config.OutboxEvery, outboxDeliverEvery), Timeout: 5 * time.Minute,
		Run: func(ctx context.Context, p *authz.Principal) error {
			res, err := box.DeliverDue(ctx, p, outboxBatch)
			if res != (outbox.Result{}) {
				d.Logger.Info("outbox delivery", slog.Int("delivered", res.Delivered), slog.Int("retried", res.Retried),
					slog.Int("dead", res.Dead))
			}
			return err
		}})
	if err != nil {
		return nil, err
	}
	if err := registerHousekeeping(ctx, d, runner, h); err != nil {
		return nil, err
	}
	return runner, nil
}

// outboxMaxAttempts failed attempts make a message dead (about a day of retries with the
// outbox's backoff); the notify channels mark their last failed delivery dead with it.
const outboxMaxAttempts = 12

// newOutbox builds the notification outbox with its channels: the notification channels
// admins configure (WeChat Work, DingTalk, Feishu, e-mail) and, with STOREOPS_NOTIFY_LOG=true,
// the log. One send to a slow channel is bounded by its own timeout; the whole fan-out of a
// message gets two minutes.
func newOutbox(d Deps, channels *notify.Service) (*outbox.Service, error) {
	list := []outbox.Deliverer{channels.Deliverer()}
	if d.Config.NotifyLog {
		list = append(list, outbox.LogDeliverer{Log: d.Logger})
	}
	return outbox.NewService(d.DB, d.Now, d.Logger, outbox.Options{Deliverers: list, MaxAttempts: outboxMaxAttempts,
		DeliverTimeout: 2 * time.Minute})
}

// newNotify builds the notification channels from the configuration.
func newNotify(d Deps, stores notify.Stores) *notify.Service {
	return notify.NewService(d.DB, notify.Options{Stores: stores, Guard: notify.Guard{Allow: d.Config.NotifyAllowHosts},
		SMTP: notify.SMTP{Host: d.Config.SMTPHost, Port: d.Config.SMTPPort, User: d.Config.SMTPUser,
			Password: d.Config.SMTPPassword, From: d.Config.SMTPFrom},
		MaxAttempts: outboxMaxAttempts, Log: d.Logger}, d.Now)
}

// registerHousekeeping adds the jobs that keep module data tidy: unlinked photos and old
// Idempotency-Key answers are deleted, and each store's days-of-cover window moves on.
func registerHousekeeping(ctx context.Context, d Deps, runner *jobs.Runner, h housekeeping) error {
	list := []jobs.Job{
		{Name: "attachments.sweep_unlinked", Every: sweepEvery, Run: func(ctx context.Context, _ *authz.Principal) error {
			n, err := h.attachments.SweepUnlinked(ctx, attachments.DefaultUnlinkedTTL)
			if n > 0 {
				d.Logger.Info("unlinked photos deleted", "deleted", n)
			}
			return err
		}},
		{Name: "idempotency.sweep", Every: sweepEvery, Run: func(ctx context.Context, _ *authz.Principal) error {
			_, err := h.keys.Sweep(ctx, d.DB, idempotencyKeep)
			return err
		}},
		{Name: "inventory.slide_cover", Every: slideCoverEvery, Timeout: 10 * time.Minute, Run: func(ctx context.Context, p *authz.Principal) error {
			return eachStore(ctx, p, d.Now(), h, h.inventory.SlideCover)
		}},
		// Each store's kept forecasts move on with yesterday's sales (refitted every few
		// weeks), so a plan reads them instead of the sales history.
		{Name: "ordering.update_forecasts", Every: updateForecastsEvery, Timeout: time.Hour, Run: func(ctx context.Context, p *authz.Principal) error {
			return eachStore(ctx, p, d.Now(), h, func(ctx context.Context, storeID int64, today civil.Date) error {
				_, _, err := h.ordering.UpdateForecasts(ctx, storeID, today)
				return err
			})
		}},
		{Name: "promo.measure_effects", Every: measureEffectsEvery, Timeout: 30 * time.Minute, Run: func(ctx context.Context, _ *authz.Principal) error {
			_, err := h.promo.MeasureEffects(ctx)
			return err
		}},
		{Name: "tasks.generate", Every: generateTasksEvery, Timeout: 10 * time.Minute, Run: func(ctx context.Context, _ *authz.Principal) error {
			n, err := h.tasks.Generate(ctx, d.Now())
			if n > 0 {
				d.Logger.Info("tasks generated", "added", n)
			}
			return err
		}},
		{Name: "tasks.notify_overdue", Every: notifyOverdueEvery, Timeout: 5 * time.Minute, Run: func(ctx context.Context, _ *authz.Principal) error {
			_, err := h.tasks.NotifyOverdue(ctx, d.Now())
			return err

		}},
		{Name: "training.certificate_reminders", Every: certificateRemindersEvery, Timeout: 30 * time.Minute, Run: func(ctx context.Context, p *authz.Principal) error {
			return eachStore(ctx, p, d.Now(), h, func(ctx context.Context, storeID int64, today civil.Date) error {
				_, err := h.training.RemindCertificates(ctx, storeID, today)
				return err
			})
		}},
	}
	for _, j := range list {
		if err := runner.Register(ctx, j); err != nil {
			return err
		}
	}
	return nil
}

// eachStore runs fn for every active store with the store's own today.
func eachStore(ctx context.Context, p *authz.Principal, now time.Time, h housekeeping,
	fn func(ctx context.Context, storeID int64, today civil.Date) error) error {
	active := true
	pg := paging.Page{Page: 1, PageSize: paging.MaxPageSize, Sort: "code"}
	for {
		stores, total, err := h.org.ListStores(ctx, p, org.StoreFilter{Active: &active}, pg)
		if err != nil {
			return err
		}
		for _, st := range stores {
			loc, err := time.LoadLocation(st.Timezone)
			if err != nil {
				return fmt.Errorf("store %s: %w", st.Code, err)
			}
			if err := fn(ctx, st.ID, civil.Today(now, loc)); err != nil {
				return fmt.Errorf("store %s: %w", st.Code, err)
			}
		}
		if int64(pg.Page*pg.PageSize) >= total {
			return nil
		}
		pg.Page++
	}
}
