package notify_test

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"gorm.io/gorm"

	"github.com/storeops/storeops/internal/platform/config"
	"github.com/storeops/storeops/internal/platform/database"
	"github.com/storeops/storeops/internal/platform/outbox"
	"github.com/storeops/storeops/internal/testutil"
)

const (
	dingSecret   = "SECding-test-secret"
	feishuSecret = "feishu-test-secret"
)

// receivers fake the three robots on one local server: /wecom, /dingtalk (checks the
// signature), /feishu (checks the signature; fails while failFeishu > 0).
type receivers struct {
	mu         sync.Mutex
	got        map[string][]string // path → message ids
	bodies     map[string][]string
	failFeishu int
	srv        *httptest.Server
}

func newReceivers(t *testing.T) *receivers {
	r := &receivers{got: map[string][]string{}, bodies: map[string][]string{}}
	r.srv = httptest.NewServer(http.HandlerFunc(r.serve))
	t.Cleanup(r.srv.Close)
	return r
}

func (r *receivers) serve(w http.ResponseWriter, req *http.Request) {
	body, _ := io.ReadAll(req.Body)
	var m map[string]any
	_ = json.Unmarshal(body, &m)
	r.mu.Lock()
	defer r.mu.Unlock()
	switch req.URL.Path {
	case "/wecom":
		_, _ = io.WriteString(w, `{"errcode":0,"errmsg":"ok"}`)
	case "/dingtalk":
		ts, sign := req.URL.Query().Get("timestamp"), req.URL.Query().Get("sign")
		mac := hmac.New(sha256.New, []byte(dingSecret))
		mac.Write([]byte(ts + "\n" + dingSecret))
		if sign != base64.StdEncoding.EncodeToString(mac.Sum(nil)) {
			_, _ = io.WriteString(w, `{"errcode":310000,"errmsg":"sign not match"}`)
			return
		}
		_, _ = io.WriteString(w, `{"errcode":0,"errmsg":"ok"}`)
	case "/feishu":
		ts, _ := m["timestamp"].(string)
		mac := hmac.New(sha256.New, []byte(ts+"\n"+feishuSecret))
		if m["sign"] != base64.StdEncoding.EncodeToString(mac.Sum(nil)) {
			_, _ = io.WriteString(w, `{"code":19021,"msg":"sign match fail"}`)
			return
		}
		if r.failFeishu > 0 {
			r.failFeishu--
			_, _ = io.WriteString(w, `{"code":9499,"msg":"too many requests"}`)
			return
		}
		_, _ = io.WriteString(w, `{"code":0,"msg":"success","data":{}}`)
	default:
		http.NotFound(w, req)
		return
	}
	r.got[req.URL.Path] = append(r.got[req.URL.Path], req.Header.Get("X-StoreOps-Message-Id"))
	r.bodies[req.URL.Path] = append(r.bodies[req.URL.Path], string(body))
}

func (r *receivers) count(path string) int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return len(r.got[path])
}

func (r *receivers) host() string { return strings.TrimPrefix(r.srv.URL, "http://") }

type channelJSON struct {
	ID        int64    `json:"id"`
	Kind      string   `json:"kind"`
	URLMasked string   `json:"url_masked"`
	SecretSet bool     `json:"secret_set"`
	Topics    []string `json:"topics"`
	Version   int      `json:"version"`
}

type deliveryPage struct {
	Items []struct {
		MessageID   string  `json:"message_id"`
		ChannelID   int64   `json:"channel_id"`
		Topic       string  `json:"topic"`
		Status      string  `json:"status"`
		Attempts    int     `json:"attempts"`
		LastError   *string `json:"last_error"`
		DeliveredAt *string `json:"delivered_at"`
	} `json:"items"`
	Total int `json:"total"`
}

func storeID(t *testing.T, env *testutil.Env, code string) int64 {
	t.Helper()
	var id int64
	env.DB.Table("stores").Where("code = ?", code).Pluck("id", &id)
	if id == 0 {
		t.Fatalf("store %s", code)
	}
	return id
}

func announce(t *testing.T, env *testutil.Env, topic string, store int64) string {
	t.Helper()
	var id string
	err := database.Tx(context.Background(), env.DB, func(tx *gorm.DB) error {
		var err error
		id, err = env.App.Outbox.Add(context.Background(), tx, outbox.Message{Topic: topic, StoreID: &store,
			Payload: map[string]any{"stocktake_id": 7, "store_id": store, "department_code": "meat", "by": "super1"}})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return id
}

// TestDeliveryRetriesOnlyTheFailedChannel sends one message to three robots of the store, one
// of which refuses it once: the retry reaches only that one, and nobody gets it twice.
func TestDeliveryRetriesOnlyTheFailedChannel(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, dialect string) {
		rc := newReceivers(t)
		rc.failFeishu = 1
		env := testutil.NewEnv(t, dialect, func(c *config.Config) { c.NotifyAllowHosts = []string{rc.host()} })
		admin := env.Login("admin")
		pudong, tianhe := storeID(t, env, "sh-pudong"), storeID(t, env, "gz-tianhe")
		topics := []string{"stocktake.submitted"}
		var chans []channelJSON
		for _, body := range []map[string]any{
			{"name": "浦东企业微信群", "kind": "wecom", "store_id": pudong, "topics": topics, "url": rc.srv.URL + "/wecom?key=tok-wecom-123456"},
			{"name": "浦东钉钉群", "kind": "dingtalk", "store_id": pudong, "topics": topics, "url": rc.srv.URL + "/dingtalk?access_token=tok-ding", "secret": dingSecret},
			{"name": "总部飞书群", "kind": "feishu", "topics": topics, "url": rc.srv.URL + "/feishu", "secret": feishuSecret},
			{"name": "天河群", "kind": "wecom", "store_id": tianhe, "topics": topics, "url": rc.srv.URL + "/wecom?key=other"},
			{"name": "浦东停用", "kind": "wecom", "store_id": pudong, "topics": topics, "url": rc.srv.URL + "/wecom?key=off", "enabled": false},
		} {
			var c channelJSON
			res := testutil.Must(t, admin, "POST", "/api/v1/notification-channels", body, http.StatusCreated)
			res.JSON(t, &c)
			for _, secret := range []string{dingSecret, feishuSecret, "tok-wecom-123456", "tok-ding"} {
				if strings.Contains(string(res.Body), secret) {
					t.Fatalf("the answer shows a secret: %s", res.Body)
				}
			}
			chans = append(chans, c)
		}
		if !chans[1].SecretSet || chans[0].SecretSet || chans[0].URLMasked != rc.srv.URL+"/wecom?key=•••" {
			t.Fatalf("secret_set / url_masked: %+v", chans[:2])
		}
		msg := announce(t, env, "stocktake.submitted", pudong)
		if _, err := env.App.Jobs.RunDue(context.Background()); err != nil {
			t.Fatal(err)
		}
		// Receivers record only what they took: Feishu refused the first attempt.
		if rc.count("/wecom") != 1 || rc.count("/dingtalk") != 1 || rc.count("/feishu") != 0 {
			t.Fatalf("first pass: %v", rc.got)
		}
		if rc.got["/wecom"][0] != msg || !strings.Contains(rc.bodies["/wecom"][0], msg) || !strings.Contains(rc.bodies["/wecom"][0], "盘点已提交") {
			t.Fatalf("the stable message id travels in the header and the text: %v %s", rc.got, rc.bodies["/wecom"][0])
		}
		var page deliveryPage
		testutil.Must(t, admin, "GET", "/api/v1/notification-deliveries?status=failed", nil, 200).JSON(t, &page)
		if page.Total != 1 || page.Items[0].ChannelID != chans[2].ID || page.Items[0].LastError == nil ||
			!strings.Contains(*page.Items[0].LastError, "9499") {
			t.Fatalf("failed deliveries: %+v", page)
		}

		env.Clock.Advance(2 * time.Minute) // past the outbox's first backoff (≤ 30 s) and the job's period
		if _, err := env.App.Jobs.RunDue(context.Background()); err != nil {
			t.Fatal(err)
		}
		if rc.count("/wecom") != 1 || rc.count("/dingtalk") != 1 || rc.count("/feishu") != 1 {
			t.Fatalf("the retry reaches only the channel that failed: %v", rc.got)
		}
		testutil.Must(t, admin, "GET", "/api/v1/notification-deliveries?topic=stocktake.submitted&page_size=10", nil, 200).JSON(t, &page)
		if page.Total != 3 {
			t.Fatalf("one row per message and channel: %+v", page)
		}
		for _, d := range page.Items {
			if d.Status != "delivered" || d.MessageID != msg || d.DeliveredAt == nil {
				t.Fatalf("delivery %+v", d)
			}
			if d.ChannelID == chans[2].ID && d.Attempts != 2 {
				t.Fatalf("feishu attempts %d", d.Attempts)
			}
		}
		env.Clock.Advance(time.Hour)
		if _, err := env.App.Jobs.RunDue(context.Background()); err != nil {
			t.Fatal(err)
		}
		if rc.count("/wecom") != 1 || rc.count("/feishu") != 1 {
			t.Fatalf("a delivered message is not sent again: %v", rc.got)
		}

		// The store manager reads the store's channels and deliveries, nothing more.
		mgr := env.Login("manager1")
		var list struct {
			Items []channelJSON `json:"items"`
			Total int           `json:"total"`
		}
		testutil.Must(t, mgr, "GET", "/api/v1/notification-channels", nil, 200).JSON(t, &list)
		if list.Total != 3 {
			t.Fatalf("manager1 sees %d channels, want the store's 3", list.Total)
		}
		testutil.Must(t, mgr, "GET", "/api/v1/notification-deliveries", nil, 200).JSON(t, &page)
		if page.Total != 2 {
			t.Fatalf("manager1 sees %d deliveries, want the store's 2", page.Total)
		}
		testutil.Must(t, mgr, "GET", fmt.Sprintf("/api/v1/notification-channels/%d", chans[3].ID), nil, 404)
		testutil.Must(t, mgr, "GET", fmt.Sprintf("/api/v1/notification-channels/%d", chans[2].ID), nil, 404)
		testutil.Must(t, mgr, "POST", "/api/v1/notification-channels", map[string]any{"name": "x"}, 403)
		testutil.Must(t, mgr, "POST", fmt.Sprintf("/api/v1/notification-channels/%d/test", chans[0].ID), nil, 403)
		for _, u := range []string{"super1", "hq1"} {
			testutil.Must(t, env.Login(u), "GET", "/api/v1/notification-channels", nil, 403)
			testutil.Must(t, env.Login(u), "GET", "/api/v1/notification-deliveries", nil, 403)
		}
	})
}

func TestSendTestAndEditChannel(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, dialect string) {
		rc := newReceivers(t)
		env := testutil.NewEnv(t, dialect, func(c *config.Config) { c.NotifyAllowHosts = []string{rc.host()} })
		admin := env.Login("admin")
		var c channelJSON
		testutil.Must(t, admin, "POST", "/api/v1/notification-channels", map[string]any{"name": "钉钉", "kind": "dingtalk",
			"topics": []string{"task.assigned"}, "url": rc.srv.URL + "/dingtalk", "secret": "wrong"}, 201).JSON(t, &c)
		var out struct {
			OK        bool    `json:"ok"`
			Error     *string `json:"error"`
			MessageID string  `json:"message_id"`
		}
		path := fmt.Sprintf("/api/v1/notification-channels/%d", c.ID)
		testutil.Must(t, admin, "POST", path+"/test", nil, 200).JSON(t, &out)
		if out.OK || out.Error == nil || !strings.Contains(*out.Error, "310000") {
			t.Fatalf("a wrong secret is the platform's errcode: %+v", out)
		}
		testutil.Must(t, admin, "PATCH", path, map[string]any{"secret": dingSecret, "version": c.Version}, 200).JSON(t, &c)
		testutil.Must(t, admin, "PATCH", path, map[string]any{"name": "stale", "version": 1}, 409)
		testutil.Must(t, admin, "POST", path+"/test", nil, 200).JSON(t, &out)
		if !out.OK || rc.count("/dingtalk") != 1 || rc.got["/dingtalk"][0] != out.MessageID {
			t.Fatalf("test message: %+v %v", out, rc.got)
		}
		var page deliveryPage
		testutil.Must(t, admin, "GET", fmt.Sprintf("/api/v1/notification-deliveries?channel_id=%d&status=delivered", c.ID), nil, 200).JSON(t, &page)
		if page.Total != 1 || page.Items[0].Topic != "notify.test" {
			t.Fatalf("%+v", page)
		}
		testutil.Must(t, admin, "GET", "/api/v1/notification-deliveries?status=sent", nil, 400)
		testutil.Must(t, admin, "DELETE", path, nil, 400)
		testutil.Must(t, admin, "DELETE", path+"?version=1", nil, 409)
		testutil.Must(t, admin, "DELETE", fmt.Sprintf("%s?version=%d", path, c.Version), nil, 204)
		testutil.Must(t, admin, "GET", path, nil, 404)
	})
}

func TestWebhooksThatCouldReachInsideAreRefused(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, dialect string) {
		rc := newReceivers(t)
		env := testutil.NewEnv(t, dialect, func(c *config.Config) { c.NotifyAllowHosts = []string{rc.host()} })
		admin := env.Login("admin")
		for _, u := range []string{"http://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=x", "https://10.0.0.1/hook",
			"https://127.0.0.1/hook", "https://[::1]/hook", "https://169.254.169.254/latest/meta-data",
			"https://localhost/hook", "https://100.64.0.9/hook"} {
			res := admin.Do("POST", "/api/v1/notification-channels", map[string]any{"name": "x", "kind": "wecom",
				"topics": []string{"task.assigned"}, "url": u})
			if res.Status != 400 || res.Fields()["url"] == "" {
				t.Errorf("%s: %d %s", u, res.Status, res.Body)
			}
		}
		var n int64
		env.DB.Table("notify_channels").Count(&n)
		if n != 0 {
			t.Fatalf("%d channels written", n)
		}
		// The allow-listed local receiver may use http.
		testutil.Must(t, admin, "POST", "/api/v1/notification-channels", map[string]any{"name": "local", "kind": "wecom",
			"topics": []string{"task.assigned"}, "url": rc.srv.URL + "/wecom"}, 201)
		res := admin.Do("POST", "/api/v1/notification-channels", map[string]any{"name": "mail", "kind": "email",
			"topics": []string{"task.assigned"}, "recipients": []string{"not-an-address"}})
		if res.Status != 400 || res.Fields()["recipients"] == "" {
			t.Errorf("recipients: %d %s", res.Status, res.Body)
		}
	})
}
