package config

import (
	"strings"
	"testing"
	"time"
)

func env(m map[string]string) func(string) string { return func(k string) string { return m[k] } }

func TestDefaults(t *testing.T) {
	c, err := Load(env(nil))
	if err != nil {
		t.Fatal(err)
	}
	if c.Addr != "127.0.0.1:8080" || c.DBDriver != "sqlite" || c.DBDSN != "data/storeops.db" ||
		c.IsProduction() || c.CookieSecure || c.SessionIdleTTL != 12*time.Hour {
		t.Fatalf("defaults %+v", c)
	}
}

func TestProductionDefaultsToSecureCookies(t *testing.T) {
	c, err := Load(env(map[string]string{"STOREOPS_ENV": "production", "STOREOPS_METRICS_TOKEN": "scrape"}))
	if err != nil || !c.CookieSecure {
		t.Fatalf("production: %+v %v", c, err)
	}
}

func TestProductionNeedsAMetricsToken(t *testing.T) {
	_, err := Load(env(map[string]string{"STOREOPS_ENV": "production"}))
	if err == nil || !strings.Contains(err.Error(), "STOREOPS_METRICS_TOKEN") {
		t.Fatalf("production without a metrics token: %v", err)
	}
	if _, err := Load(env(map[string]string{"STOREOPS_METRICS_TOKEN": ""})); err != nil {
		t.Fatalf("development stays open for a local scraper: %v", err)
	}
}

func TestEveryBadVariableIsReported(t *testing.T) {
	_, err := Load(env(map[string]string{
		"STOREOPS_DB_DRIVER": "postgres", "STOREOPS_BCRYPT_COST": "many",
		"STOREOPS_SESSION_IDLE_TTL": "forever", "STOREOPS_ENV": "staging", "STOREOPS_SEED_DEMO": "perhaps",
	}))
	if err == nil {
		t.Fatal("want an error")
	}
	for _, name := range []string{"STOREOPS_DB_DRIVER", "STOREOPS_BCRYPT_COST", "STOREOPS_SESSION_IDLE_TTL", "STOREOPS_ENV", "STOREOPS_SEED_DEMO"} {
		if !strings.Contains(err.Error(), name) {
			t.Errorf("error does not name %s: %v", name, err)
		}
	}
}

func TestMySQLNeedsDSNAndSecretsAreMasked(t *testing.T) {
	if _, err := Load(env(map[string]string{"STOREOPS_DB_DRIVER": "mysql"})); err == nil {
		t.Fatal("mysql without DSN accepted")
	}
	c, err := Load(env(map[string]string{"STOREOPS_DB_DRIVER": "mysql", "STOREOPS_DB_DSN": "app:s3cret@tcp(db:3306)/storeops"}))
	if err != nil {
		t.Fatal(err)
	}
	if s := c.LogValue().String(); strings.Contains(s, "s3cret") {
		t.Fatalf("secret logged: %s", s)
	}
}

func TestAttachmentsDir(t *testing.T) {
	for _, tc := range []struct {
		name, value, want string
	}{
		{"default", "", "data/attachments"},
		{"set", "/var/lib/storeops/attachments", "/var/lib/storeops/attachments"},
		{"surrounding spaces dropped", "  /srv/photos ", "/srv/photos"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c, err := Load(env(map[string]string{"STOREOPS_ATTACHMENTS_DIR": tc.value}))
			if err != nil || c.AttachmentsDir != tc.want {
				t.Fatalf("AttachmentsDir %q (err %v), want %q", c.AttachmentsDir, err, tc.want)
			}
		})
	}
}

func TestNotifyLogIsOffUnlessAsked(t *testing.T) {
	cases := []struct {
		value   string
		want    bool
		wantErr bool
	}{{"", false, false}, {"true", true, false}, {"false", false, false}, {"perhaps", false, true}}
	for _, c := range cases {
		cfg, err := Load(env(map[string]string{"STOREOPS_NOTIFY_LOG": c.value}))
		if (err != nil) != c.wantErr || (err == nil && cfg.NotifyLog != c.want) {
			t.Errorf("STOREOPS_NOTIFY_LOG=%q: NotifyLog %v, err %v", c.value, cfg.NotifyLog, err)
		}
	}
}
