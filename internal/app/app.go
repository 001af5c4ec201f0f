// Package app is the composition root: it builds every module's service and handlers from
// the configuration and the database, and assembles the HTTP server's router.
package app

import (
	"context"
	"crypto/subtle"
	"io/fs"
	"log/slog"
	"net/http"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
	"gorm.io/gorm"

	"github.com/storeops/storeops/api"
	"github.com/storeops/storeops/frontend"
	"github.com/storeops/storeops/internal/auth"
	"github.com/storeops/storeops/internal/budget"
	"github.com/storeops/storeops/internal/calendar"
	"github.com/storeops/storeops/internal/catalog"
	"github.com/storeops/storeops/internal/coldchain"
	"github.com/storeops/storeops/internal/complaints"
	"github.com/storeops/storeops/internal/delegation"
	"github.com/storeops/storeops/internal/feeds"
	"github.com/storeops/storeops/internal/inbox"
	"github.com/storeops/storeops/internal/inventory"
	"github.com/storeops/storeops/internal/kpi"
	"github.com/storeops/storeops/internal/meetings"
	"github.com/storeops/storeops/internal/notify"
	"github.com/storeops/storeops/internal/ordering"
	"github.com/storeops/storeops/internal/org"
	"github.com/storeops/storeops/internal/platform/attachments"
	"github.com/storeops/storeops/internal/platform/audit"
	"github.com/storeops/storeops/internal/platform/config"
	"github.com/storeops/storeops/internal/platform/database"
	"github.com/storeops/storeops/internal/platform/httpx"
	"github.com/storeops/storeops/internal/platform/idempotency"
	"github.com/storeops/storeops/internal/platform/jobs"
	"github.com/storeops/storeops/internal/platform/outbox"
	"github.com/storeops/storeops/internal/platform/password"
	"github.com/storeops/storeops/internal/platform/web"
	"github.com/storeops/storeops/internal/pricesurvey"
	"github.com/storeops/storeops/internal/promo"
	"github.com/storeops/storeops/internal/risk"
	"github.com/storeops/storeops/internal/safety"
	"github.com/storeops/storeops/internal/shrink"
	"github.com/storeops/storeops/internal/shrinkfeed"
	"github.com/storeops/storeops/internal/stocktake"
	"github.com/storeops/storeops/internal/supplier"
	"github.com/storeops/storeops/internal/tasks"
	"github.com/storeops/storeops/internal/training"
)

// Deps are what the application is built from.
type Deps struct {
	Config config.Config
	DB     *gorm.DB
	Logger *slog.Logger
	Now    func() time.Time
}

// App holds the services (for the CLI and tests) and the HTTP handler.
type App struct {
	Handler http.Handler
	// Engine is the router behind Handler's compression, for tests that list what it serves.
	Engine    *gin.Engine
	Routes    []httpx.RouteInfo
	Org       *org.Service
	Auth      *auth.Service
	Audit     *audit.Log
	Catalog   *catalog.Service
	Inventory *inventory.Service
	Feeds     *feeds.Service
	Budget    *budget.Service
	KPI       *kpi.Service
	Stocktake *stocktake.Service
	// Attachments stores photos; modules register their owner kinds on it.
	Attachments *attachments.Service
	// Jobs runs periodic work once per period across replicas; modules register theirs on it
	// and serve starts it.
	Jobs *jobs.Runner
	// Outbox takes notifications inside the transaction of the event they announce.
	Outbox *outbox.Service
	// Delegation answers who may approve for a store's manager (MayApprove).
	Delegation *delegation.Service
	// Calendar is the chain's holidays and events, which the forecast reads.
	Calendar *calendar.Service
	// Ordering keeps order plans and the forecasts behind them.
	Ordering *ordering.Service
	Shrink   *shrink.Service
	Promo    *promo.Service
	Supplier *supplier.Service
	// Safety keeps checklists, inspections and corrective actions.
	Safety *safety.Service
	// Complaints keeps customer complaints and their handling.
	Complaints *complaints.Service
	// Notify sends the outbox's messages to the configured notification channels.
	Notify *notify.Service
	// Coldchain keeps the equipment register, temperatures and their alerts.
	Coldchain *coldchain.Service
	// Risk keeps the risk register, incidents and pre-event readiness.
	Risk *risk.Service
	// PriceSurveys keeps competitor price surveys, their gaps and price-change requests.
	PriceSurveys *pricesurvey.Service
	// Tasks keeps task templates, the daily tasks generated from them and ad-hoc tasks.
	Tasks *tasks.Service
	// Training keeps the staff register, training sessions and health certificates.
	Training *training.Service
	// Meetings keeps team meetings (例会) and turns their action items into tasks.
	Meetings *meetings.Service
	// FrontendBuilt is false when the binary was compiled before `npm run build`: the SPA
	// and the docs page then answer 503 and 404.
	FrontendBuilt bool
}

// New builds the application.
func New(d Deps) (*App, error) {
	if d.Now == nil {
		d.Now = func() time.Time { return time.Now().UTC().Truncate(time.Microsecond) }
	}
	if d.Logger == nil {
		d.Logger = slog.New(slog.DiscardHandler)
	}
	hasher, err := password.NewHasher(d.Config.BcryptCost)
	if err != nil {
		return nil, err
	}
	auditLog := audit.New(d.Now)
	sessions := auth.NewSessions(d.DB, d.Now)
	orgSvc := org.NewService(d.DB, auditLog, hasher, sessions, d.Now)
	authSvc := auth.NewService(sessions, orgSvc, hasher, auth.Options{
		IdleTTL: d.Config.SessionIdleTTL, MaxTTL: d.Config.SessionMaxTTL, Production: d.Config.IsProduction(),
		Limits: auth.Limits{PerUser: d.Config.LoginMaxPerUser, PerIP: d.Config.LoginMaxPerIP, PerPair: d.Config.LoginOwnTries,
			Window: d.Config.LoginWindow, MaxDelay: d.Config.LoginMaxDelay},
	}, d.Now)
	keys := idempotency.New(d.Now)
	notifySvc := newNotify(d, orgSvc)
	outboxSvc, err := newOutbox(d, notifySvc)
	if err != nil {
		return nil, err
	}
	supplierSvc := supplier.NewService(d.DB, auditLog, d.Now)
	catalogSvc := catalog.NewService(d.DB, auditLog, orgSvc, supplierSvc, keys, d.Now)
	inventorySvc := inventory.NewService(d.DB, catalogSvc, orgSvc, d.Now)
	feedsSvc := feeds.NewService(d.DB, catalogSvc, orgSvc, inventorySvc, auditLog, keys, d.Now)
	delegationSvc := delegation.NewService(d.DB, orgSvc, auditLog, d.Now)
	stocktakeSvc := stocktake.NewService(d.DB, catalogSvc, orgSvc, inventorySvc, delegationSvc, auditLog, keys, outboxSvc, d.Now)
	budgetSvc := budget.NewService(d.DB, orgSvc, auditLog, d.Now)
	calendarSvc := calendar.NewService(d.DB, auditLog, d.Now)
	attachmentsSvc := attachments.NewService(d.DB, attachments.NewDisk(d.Config.AttachmentsDir), auditLog, d.Now, attachments.Options{})
	shrinkSvc := shrink.NewService(d.DB, shrink.Deps{Catalog: catalogSvc, Stores: orgSvc, Inventory: inventorySvc,
		Approvers: delegationSvc, Attachments: attachmentsSvc, Audit: auditLog, Sales: feedsSvc, Budgets: budgetSvc,
		Others: []shrinkfeed.Source{stocktakeSvc}}, d.Now)
	// Write-off photos are seen by whoever sees the write-off.
	attachmentsSvc.Register(shrink.KindWriteOff, attachments.VisibilityFunc(shrinkSvc.VisibleWriteOff))
	promoSvc := promo.NewService(d.DB, promo.Deps{Catalog: catalogSvc, Stores: orgSvc, Attachments: attachmentsSvc,
		Audit: auditLog, Sales: feedsSvc, Stock: inventorySvc, Users: orgSvc, Labour: feedsSvc}, d.Now)
	// Photos of a store's campaign task are seen by whoever sees the task.
	attachmentsSvc.Register(promo.KindTaskRun, attachments.VisibilityFunc(promoSvc.VisibleRun))
	orderingSvc := ordering.NewService(d.DB, ordering.Deps{Catalog: catalogSvc, Stores: orgSvc, Suppliers: supplierSvc,
		Inventory: inventorySvc, Sales: feedsSvc, Calendar: calendarSvc, Promotions: promoSvc, Shrink: shrinkSvc,
		Approvers: delegationSvc, Attachments: attachmentsSvc, Audit: auditLog}, d.Now)
	// Receiving photos (refused lines) are seen by whoever sees the plan.
	attachmentsSvc.Register("order_plan", attachments.VisibilityFunc(orderingSvc.Visible))
	safetySvc := safety.NewService(d.DB, safety.Deps{Stores: orgSvc, Users: orgSvc, Attachments: attachmentsSvc,
		Audit: auditLog}, d.Now)
	// Inspection and corrective-action photos are seen by whoever sees their record.
	attachmentsSvc.Register(safety.KindInspection, attachments.VisibilityFunc(safetySvc.VisibleInspection))
	attachmentsSvc.Register(safety.KindAction, attachments.VisibilityFunc(safetySvc.VisibleAction))
	// Cold chain: an out-of-range reading opens a corrective action through safety, a repair's
	// cost goes to the expenses ledger through feeds, and an inspection naming a piece of
	// equipment records its temperature through the Readings seam.
	coldchainSvc := coldchain.NewService(d.DB, coldchain.Deps{Stores: orgSvc, Users: orgSvc, Actions: safetySvc,
		Expenses: feedsSvc, Notify: outboxSvc, Audit: auditLog, Keys: keys}, d.Now)
	safetySvc.SetReadings(coldchainSvc)
	complaintsSvc := complaints.NewService(d.DB, complaints.Deps{Catalog: catalogSvc, Org: orgSvc,
		Attachments: attachmentsSvc, Audit: auditLog}, d.Now)
	// Photos of a complaint's handling step are seen by whoever sees the complaint.
	attachmentsSvc.Register(complaints.KindStep, attachments.VisibilityFunc(complaintsSvc.VisibleStep))
	// A survey's gap becomes a draft in-store promotion through the promotions module.
	priceSurveySvc := pricesurvey.NewService(d.DB, pricesurvey.Deps{Catalog: catalogSvc, Stores: orgSvc, Promotions: promoSvc,
		Attachments: attachmentsSvc, Audit: auditLog}, d.Now)
	attachmentsSvc.Register(pricesurvey.KindLine, attachments.VisibilityFunc(priceSurveySvc.VisibleLine))
	tasksSvc := tasks.NewService(d.DB, tasks.Deps{Org: orgSvc, Approvers: delegationSvc, Attachments: attachmentsSvc,
		Audit: auditLog, Outbox: outboxSvc, Logger: d.Logger}, d.Now)
	// A completed task's photos are seen by whoever sees the task.
	attachmentsSvc.Register(tasks.KindTask, attachments.VisibilityFunc(tasksSvc.Visible))
	// A meeting's action items become tasks through the tasks module, in the meeting's transaction.
	meetingsSvc := meetings.NewService(d.DB, meetings.Deps{Org: orgSvc, Tasks: tasksSvc, Audit: auditLog}, d.Now)
	riskSvc := risk.NewService(d.DB, risk.Deps{Org: orgSvc, Attachments: attachmentsSvc, Audit: auditLog,
		Notify: outboxSvc}, d.Now)
	// Photos of an incident's response action are seen by whoever sees the incident.
	attachmentsSvc.Register(risk.KindAction, attachments.VisibilityFunc(riskSvc.VisibleAction))
	trainingSvc := training.NewService(d.DB, training.Deps{Org: orgSvc, Attachments: attachmentsSvc, Notify: outboxSvc}, d.Now)
	attachmentsSvc.Register(training.KindCertificate, attachments.VisibilityFunc(trainingSvc.VisibleCertificate))
	jobsRunner, err := background(d, outboxSvc, housekeeping{auth: authSvc, attachments: attachmentsSvc, keys: keys,
		inventory: inventorySvc, org: orgSvc, ordering: orderingSvc, promo: promoSvc, tasks: tasksSvc, training: trainingSvc})
	if err != nil {
		return nil, err
	}
	// Shrink is summed over its sources: stocktake losses, write-offs and markdown loss.
	kpiSvc := kpi.NewService(feedsSvc, budgetSvc, catalogSvc, orgSvc, []shrinkfeed.Source{stocktakeSvc, shrinkSvc}, d.Now)
	// The Today inbox: each module registers its source.
	inboxSvc := inbox.NewService(d.Logger, d.Now, inbox.Options{})
	inboxSvc.Register("stocktakes", stocktake.NewInboxSource(stocktakeSvc, stocktakeSvc.Approves))
	inboxSvc.Register("inventory", inventory.NewInboxSource(inventorySvc, catalogSvc, orgSvc))
	inboxSvc.Register("ordering", ordering.NewInboxSource(orderingSvc, catalogSvc))
	inboxSvc.Register("shrink", shrink.NewInboxSource(shrinkSvc))
	inboxSvc.Register("promotions", promo.NewInboxSource(promoSvc))
	inboxSvc.Register("safety", safety.NewInboxSource(safetySvc))
	inboxSvc.Register("coldchain", coldchain.NewInboxSource(coldchainSvc))
	inboxSvc.Register("complaints", complaints.NewInboxSource(complaintsSvc))
	inboxSvc.Register("price_surveys", pricesurvey.NewInboxSource(priceSurveySvc))
	inboxSvc.Register("tasks", tasks.NewInboxSource(tasksSvc))
	inboxSvc.Register("risk", risk.NewInboxSource(riskSvc))
	inboxSvc.Register("training", training.NewInboxSource(trainingSvc))

	engine := gin.New()
	engine.HandleMethodNotAllowed = false
	if err := engine.SetTrustedProxies(d.Config.TrustedProxies); err != nil {
		return nil, err
	}
	registry := prometheus.NewRegistry()
	registry.MustRegister(collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	if sqlDB, err := d.DB.DB(); err == nil {
		registry.MustRegister(collectors.NewDBStatsCollector(sqlDB, database.Dialect(d.DB)))
	}
	metrics := httpx.NewMetrics(registry)
	if err := observeTxRetries(d.DB, registry); err != nil {
		return nil, err
	}
	engine.Use(httpx.Recover(d.Logger), httpx.RequestID(), httpx.AccessLog(d.Logger),
		metrics.Middleware(), httpx.SecurityHeaders(d.Config.CookieSecure), httpx.NoStore())

	root := httpx.NewRouter(&engine.RouterGroup, authSvc, d.Config.MaxBodyBytes)
	registerSystem(root, d, registry)

	dist, err := fs.Sub(frontend.Dist, "dist")
	if err != nil {
		return nil, err
	}
	apiGroup := root.Group("/api")
	web.NewDocs(api.Spec, dist).Register(apiGroup)

	v1 := apiGroup.Group("/v1")
	dec := httpx.NewDecoder()
	auth.NewHandler(authSvc, orgSvc, dec, d.Config.CookieSecure).Register(v1)
	org.NewHandler(orgSvc, dec).Register(v1)
	audit.NewReader(d.DB).Register(v1)
	catalog.NewHandler(catalogSvc, dec).Register(v1)
	inventory.NewHandler(inventorySvc).Register(v1)
	feeds.NewHandler(feedsSvc).Register(v1)
	stocktake.NewHandler(stocktakeSvc, dec).Register(v1)
	ordering.NewHandler(orderingSvc, dec, orgSvc).Register(v1)
	shrink.NewHandler(shrinkSvc, dec).Register(v1)
	promo.NewHandler(promoSvc, dec).Register(v1)
	safety.NewHandler(safetySvc, dec).Register(v1)
	coldchain.NewHandler(coldchainSvc, dec).Register(v1)
	delegation.NewHandler(delegationSvc, dec).Register(v1)
	budget.NewHandler(budgetSvc, dec).Register(v1)
	calendar.NewHandler(calendarSvc, dec).Register(v1)
	supplier.NewHandler(supplierSvc, dec).Register(v1)
	complaints.NewHandler(complaintsSvc, dec).Register(v1)
	notify.NewHandler(notifySvc, dec).Register(v1)
	pricesurvey.NewHandler(priceSurveySvc, dec).Register(v1)
	tasks.NewHandler(tasksSvc, dec).Register(v1)
	meetings.NewHandler(meetingsSvc, dec).Register(v1)
	risk.NewHandler(riskSvc, dec).Register(v1)
	training.NewHandler(trainingSvc, dec).Register(v1)
	kpi.NewHandler(kpiSvc).Register(v1)
	attachments.NewHandler(attachmentsSvc).Register(v1)
	jobs.NewHandler(jobsRunner).Register(v1)
	outbox.NewHandler(outboxSvc).Register(v1)
	inbox.NewHandler(inboxSvc).Register(v1)

	spa := web.NewSPA(dist)
	engine.NoRoute(spa.Serve)
	compressed, err := httpx.Compress(engine)
	if err != nil {
		return nil, err
	}

	return &App{Handler: compressed, Engine: engine, Routes: root.Routes(), Org: orgSvc, Auth: authSvc, Audit: auditLog,
		Catalog: catalogSvc, Inventory: inventorySvc, Feeds: feedsSvc, Budget: budgetSvc, KPI: kpiSvc,
		Stocktake: stocktakeSvc, Attachments: attachmentsSvc, Calendar: calendarSvc, Supplier: supplierSvc, Ordering: orderingSvc, Shrink: shrinkSvc, Promo: promoSvc, Safety: safetySvc, FrontendBuilt: spa.Built(), Jobs: jobsRunner,
		Outbox: outboxSvc, Delegation: delegationSvc, Complaints: complaintsSvc, Notify: notifySvc, Coldchain: coldchainSvc,
		PriceSurveys: priceSurveySvc, Tasks: tasksSvc, Risk: riskSvc, Training: trainingSvc, Meetings: meetingsSvc}, nil
}

// registerSystem adds health, readiness and metrics.
func registerSystem(r *httpx.Router, d Deps, registry *prometheus.Registry) {
	r.GET("/healthz", httpx.Public(), func(c *gin.Context) {
		c.JSON(http.StatusOK, gin.H{"status": "ok"})
	})
	r.GET("/readyz", httpx.Public(), func(c *gin.Context) {
		ctx, cancel := context.WithTimeout(c.Request.Context(), 2*time.Second)
		defer cancel()
		if err := database.Ping(ctx, d.DB); err != nil {
			c.JSON(http.StatusServiceUnavailable, gin.H{"status": "unavailable", "error": "database does not answer"})
			return
		}
		c.JSON(http.StatusOK, gin.H{"status": "ready"})
	})
	prom := promhttp.HandlerFor(registry, promhttp.HandlerOpts{Registry: registry})
	token := d.Config.MetricsToken
	r.GET("/metrics", httpx.Public(), func(c *gin.Context) {
		if token != "" && subtle.ConstantTimeCompare([]byte(c.GetHeader("Authorization")), []byte("Bearer "+token)) != 1 {
			c.Header("WWW-Authenticate", `Bearer realm="metrics"`)
			c.JSON(http.StatusUnauthorized, httpx.ErrorBody{Error: httpx.ErrorDetail{
				Code: "unauthenticated", Message: "metrics need the bearer token"}})
			return
		}
		prom.ServeHTTP(c.Writer, c.Request)
	})
}

// observeTxRetries counts, in storeops_db_tx_retries_total, every transaction attempt that
// database.Tx lost and ran again (outcome "retried") or gave up on ("gave_up"), by cause:
// "conflict" (a deadlock, a failed Galera certification, a busy SQLite) or "connection" (the
// database server or cluster node was lost before COMMIT).
func observeTxRetries(db *gorm.DB, reg *prometheus.Registry) error {
	retries := prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "storeops_db_tx_retries_total",
		Help: "Transaction attempts lost to a conflict or a lost connection, retried or given up.",
	}, []string{"cause", "outcome"})
	for _, cause := range []string{"conflict", "connection"} {
		for _, outcome := range []string{"retried", "gave_up"} {
			retries.WithLabelValues(cause, outcome)
		}
	}
	reg.MustRegister(retries)
	return database.ObserveRetries(db, func(e database.RetryEvent) {
		cause, outcome := "conflict", "retried"
		if database.ConnectionLost(e.Err) {
			cause = "connection"
		}
		if !e.Retried {
			outcome = "gave_up"
		}
		retries.WithLabelValues(cause, outcome).Inc()
	})
}
