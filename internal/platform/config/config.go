// Package config reads StoreOps' typed configuration from STOREOPS_* environment variables.
package config

import (
	"fmt"
	"log/slog"
	"strconv"
	"strings"
	"time"
)

// Environment names.
const (
	EnvDevelopment = "development"
	EnvProduction  = "production"
)

// Config is everything the binary can be told from its environment. Defaults live in Load.
type Config struct {
	Env             string        // STOREOPS_ENV: development (default) or production
	Addr            string        // STOREOPS_ADDR: listen address
	DBDriver        string        // STOREOPS_DB_DRIVER: sqlite (default) or mysql
	DBDSN           string        // STOREOPS_DB_DSN: file path for sqlite, DSN for mysql
	DBMaxOpenConns  int           // STOREOPS_DB_MAX_OPEN_CONNS
	SessionIdleTTL  time.Duration // STOREOPS_SESSION_IDLE_TTL: sliding expiry
	SessionMaxTTL   time.Duration // STOREOPS_SESSION_MAX_TTL: absolute expiry
	CookieSecure    bool          // STOREOPS_COOKIE_SECURE: defaults to true in production
	BcryptCost      int           // STOREOPS_BCRYPT_COST
	MaxBodyBytes    int64         // STOREOPS_MAX_BODY_BYTES: default request body limit
	LoginMaxPerUser int           // STOREOPS_LOGIN_MAX_FAILURES_PER_USER within LoginWindow
	LoginMaxPerIP   int           // STOREOPS_LOGIN_MAX_FAILURES_PER_IP within LoginWindow
	LoginWindow     time.Duration // STOREOPS_LOGIN_WINDOW: a count is forgotten this long after its last failure
	LoginMaxDelay   time.Duration // STOREOPS_LOGIN_MAX_DELAY: the longest wait between attempts past a budget
	LoginOwnTries   int           // STOREOPS_LOGIN_OWN_TRIES: tries of an address with no other recent failures
	SeedDemo        bool          // STOREOPS_SEED_DEMO: seed demo data when the database is empty
	DemoPassword    string        // STOREOPS_DEMO_PASSWORD: password of the demo users
	AdminPassword   string        // STOREOPS_ADMIN_PASSWORD: creates user "admin" on an empty database
	MetricsToken    string        // STOREOPS_METRICS_TOKEN: when set, /metrics needs this bearer token
	LogLevel        slog.Level    // STOREOPS_LOG_LEVEL: debug, info, warn, error
	LogFormat       string        // STOREOPS_LOG_FORMAT: json (default) or text
	TrustedProxies  []string      // STOREOPS_TRUSTED_PROXIES: comma-separated CIDRs whose X-Forwarded-For is believed
	ShutdownTimeout time.Duration // STOREOPS_SHUTDOWN_TIMEOUT
	AttachmentsDir  string        // STOREOPS_ATTACHMENTS_DIR: where uploaded photos are stored
	NotifyLog       bool          // STOREOPS_NOTIFY_LOG: deliver notifications to the log (a development channel)
	// NotifyAllowHosts (STOREOPS_NOTIFY_ALLOW_HOSTS: host[:port],...) are webhook hosts that may
	// be private or loopback and use http: on-premises receivers, tests' fake receivers.
	NotifyAllowHosts []string
	OutboxEvery      time.Duration // STOREOPS_OUTBOX_EVERY: period of the outbox.deliver job (default 15s)
	SMTPHost         string        // STOREOPS_SMTP_HOST: mail server of the e-mail channels (STARTTLS required)
	SMTPPort         int           // STOREOPS_SMTP_PORT: default 587
	SMTPUser         string        // STOREOPS_SMTP_USER
	SMTPPassword     string        // STOREOPS_SMTP_PASSWORD
	SMTPFrom         string        // STOREOPS_SMTP_FROM: sender address
}

// IsProduction reports whether the binary runs in production mode.
func (c Config) IsProduction() bool { return c.Env == EnvProduction }

// LogValue masks secrets when the config is logged.
func (c Config) LogValue() slog.Value {
	return slog.GroupValue(
		slog.String("env", c.Env),
		slog.String("addr", c.Addr),
		slog.String("db_driver", c.DBDriver),
		slog.String("db_dsn", maskDSN(c.DBDSN)),
		slog.String("attachments_dir", c.AttachmentsDir),
		slog.Bool("cookie_secure", c.CookieSecure),
		slog.Bool("seed_demo", c.SeedDemo),
		slog.Bool("metrics_token_set", c.MetricsToken != ""),
		slog.Bool("notify_log", c.NotifyLog),
		slog.Any("notify_allow_hosts", c.NotifyAllowHosts),
		slog.Duration("outbox_every", c.OutboxEvery),
		slog.String("smtp_host", c.SMTPHost),
		slog.Bool("smtp_password_set", c.SMTPPassword != ""),
	)
}

// maskDSN hides a password in "user:password@..." DSNs.
func maskDSN(dsn string) string {
	at := strings.LastIndex(dsn, "@")
	colon := strings.Index(dsn, ":")
	if at < 0 || colon < 0 || colon > at {
		return dsn
	}
	return dsn[:colon+1] + "***" + dsn[at:]
}

// Load reads the configuration through getenv, so tests pass a map instead of the process
// environment. It reports every bad variable at once.
func Load(getenv func(string) string) (Config, error) {
	r := reader{getenv: getenv}
	c := Config{
		Env:             r.str("STOREOPS_ENV", EnvDevelopment),
		Addr:            r.str("STOREOPS_ADDR", "127.0.0.1:8080"),
		DBDriver:        r.str("STOREOPS_DB_DRIVER", "sqlite"),
		DBMaxOpenConns:  r.int("STOREOPS_DB_MAX_OPEN_CONNS", 16),
		SessionIdleTTL:  r.duration("STOREOPS_SESSION_IDLE_TTL", 12*time.Hour),
		SessionMaxTTL:   r.duration("STOREOPS_SESSION_MAX_TTL", 7*24*time.Hour),
		BcryptCost:      r.int("STOREOPS_BCRYPT_COST", 11),
		MaxBodyBytes:    int64(r.int("STOREOPS_MAX_BODY_BYTES", 1<<20)),
		LoginMaxPerUser: r.int("STOREOPS_LOGIN_MAX_FAILURES_PER_USER", 5),
		LoginMaxPerIP:   r.int("STOREOPS_LOGIN_MAX_FAILURES_PER_IP", 50),
		LoginWindow:     r.duration("STOREOPS_LOGIN_WINDOW", 15*time.Minute),
		LoginMaxDelay:   r.duration("STOREOPS_LOGIN_MAX_DELAY", 5*time.Minute),
		LoginOwnTries:   r.int("STOREOPS_LOGIN_OWN_TRIES", 3),
		SeedDemo:        r.bool("STOREOPS_SEED_DEMO", false),
		DemoPassword:    r.str("STOREOPS_DEMO_PASSWORD", ""),
		AdminPassword:   r.str("STOREOPS_ADMIN_PASSWORD", ""),
		MetricsToken:    r.str("STOREOPS_METRICS_TOKEN", ""),
		LogFormat:       r.str("STOREOPS_LOG_FORMAT", "json"),
		ShutdownTimeout: r.duration("STOREOPS_SHUTDOWN_TIMEOUT", 15*time.Second),
		AttachmentsDir:  r.str("STOREOPS_ATTACHMENTS_DIR", "data/attachments"),
		NotifyLog:       r.bool("STOREOPS_NOTIFY_LOG", false),
		OutboxEvery:     r.duration("STOREOPS_OUTBOX_EVERY", 15*time.Second),
		SMTPHost:        r.str("STOREOPS_SMTP_HOST", ""),
		SMTPPort:        r.int("STOREOPS_SMTP_PORT", 587),
		SMTPUser:        r.str("STOREOPS_SMTP_USER", ""),
		SMTPPassword:    r.getenv("STOREOPS_SMTP_PASSWORD"),
		SMTPFrom:        r.str("STOREOPS_SMTP_FROM", ""),
	}
	if v := r.str("STOREOPS_NOTIFY_ALLOW_HOSTS", ""); v != "" {
		for _, h := range strings.Split(v, ",") {
			if h = strings.TrimSpace(h); h != "" {
				c.NotifyAllowHosts = append(c.NotifyAllowHosts, h)
			}
		}
	}
	if c.OutboxEvery < time.Second {
		r.fail("STOREOPS_OUTBOX_EVERY", "must be at least 1s")
	}
	if c.SMTPPort < 1 || c.SMTPPort > 65535 {
		r.fail("STOREOPS_SMTP_PORT", "must be a port number")
	}
	c.DBDSN = r.str("STOREOPS_DB_DSN", "")
	if c.DBDSN == "" && c.DBDriver == "sqlite" {
		c.DBDSN = "data/storeops.db"
	}
	c.CookieSecure = r.bool("STOREOPS_COOKIE_SECURE", c.Env == EnvProduction)
	if v := r.str("STOREOPS_TRUSTED_PROXIES", ""); v != "" {
		for _, p := range strings.Split(v, ",") {
			c.TrustedProxies = append(c.TrustedProxies, strings.TrimSpace(p))
		}
	}
	switch strings.ToLower(r.str("STOREOPS_LOG_LEVEL", "info")) {
	case "debug":
		c.LogLevel = slog.LevelDebug
	case "info":
		c.LogLevel = slog.LevelInfo
	case "warn":
		c.LogLevel = slog.LevelWarn
	case "error":
		c.LogLevel = slog.LevelError
	default:
		r.fail("STOREOPS_LOG_LEVEL", "must be debug, info, warn or error")
	}
	if c.Env != EnvDevelopment && c.Env != EnvProduction {
		r.fail("STOREOPS_ENV", "must be development or production")
	}
	if c.DBDriver != "sqlite" && c.DBDriver != "mysql" {
		r.fail("STOREOPS_DB_DRIVER", "must be sqlite or mysql")
	}
	if c.DBDriver == "mysql" && c.DBDSN == "" {
		r.fail("STOREOPS_DB_DSN", "is required with STOREOPS_DB_DRIVER=mysql")
	}
	if c.LogFormat != "json" && c.LogFormat != "text" {
		r.fail("STOREOPS_LOG_FORMAT", "must be json or text")
	}
	if c.BcryptCost < 4 || c.BcryptCost > 31 {
		r.fail("STOREOPS_BCRYPT_COST", "must be between 4 and 31")
	}
	if c.SessionIdleTTL <= 0 || c.SessionMaxTTL < c.SessionIdleTTL {
		r.fail("STOREOPS_SESSION_MAX_TTL", "must be at least STOREOPS_SESSION_IDLE_TTL, both positive")
	}
	if c.Env == EnvProduction && c.MetricsToken == "" {
		// Metrics name routes, error rates and pool sizes: not for the open internet.
		r.fail("STOREOPS_METRICS_TOKEN", "is required with STOREOPS_ENV=production (the scraper sends it as a bearer token)")
	}
	if c.LoginMaxPerUser < 1 || c.LoginMaxPerIP < 1 || c.LoginOwnTries < 0 {
		r.fail("STOREOPS_LOGIN_MAX_FAILURES_PER_USER", "the login budgets must be at least 1 (own tries at least 0)")
	}
	if c.LoginWindow <= 0 || c.LoginMaxDelay < time.Second {
		r.fail("STOREOPS_LOGIN_MAX_DELAY", "must be at least 1s, with a positive STOREOPS_LOGIN_WINDOW")
	}
	if c.MaxBodyBytes < 1024 {
		r.fail("STOREOPS_MAX_BODY_BYTES", "must be at least 1024")
	}
	if len(r.errs) > 0 {
		return Config{}, fmt.Errorf("configuration: %s", strings.Join(r.errs, "; "))
	}
	return c, nil
}

type reader struct {
	getenv func(string) string
	errs   []string
}

func (r *reader) fail(name, msg string) { r.errs = append(r.errs, name+" "+msg) }

func (r *reader) str(name, def string) string {
	if v := strings.TrimSpace(r.getenv(name)); v != "" {
		return v
	}
	return def
}

func (r *reader) int(name string, def int) int {
	v := r.getenv(name)
	if v == "" {
		return def
	}
	n, err := strconv.Atoi(v)
	if err != nil {
		r.fail(name, "must be a whole number")
		return def
	}
	return n
}

func (r *reader) bool(name string, def bool) bool {
	v := r.getenv(name)
	if v == "" {
		return def
	}
	b, err := strconv.ParseBool(v)
	if err != nil {
		r.fail(name, "must be true or false")
		return def
	}
	return b
}

func (r *reader) duration(name string, def time.Duration) time.Duration {
	v := r.getenv(name)
	if v == "" {
		return def
	}
	d, err := time.ParseDuration(v)
	if err != nil {
		r.fail(name, "must be a duration such as 30m or 12h")
		return def
	}
	return d
}
