package auth_test

import (
	"context"
	"encoding/json"
	"net/http"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/storeops/storeops/internal/platform/authz"
	"github.com/storeops/storeops/internal/platform/config"
	"github.com/storeops/storeops/internal/testutil"
)

func login(env *testutil.Env, user, pw string) *testutil.Response {
	return env.Anonymous().Do(http.MethodPost, "/api/v1/auth/login", map[string]string{"username": user, "password": pw})
}

func TestLoginIssuesSessionAndCookie(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, dialect string) {
		env := testutil.NewEnv(t, dialect)
		res := login(env, "super1", "demo1234")
		if res.Status != http.StatusOK {
			t.Fatalf("login: %d %s", res.Status, res.Body)
		}
		var body struct {
			Token     string `json:"token"`
			CSRFToken string `json:"csrf_token"`
			User      struct {
				Role            string   `json:"role"`
				StoreID         *int64   `json:"store_id"`
				DepartmentCodes []string `json:"department_codes"`
			} `json:"user"`
		}
		res.JSON(t, &body)
		if body.User.Role != "supervisor" || body.User.StoreID == nil || len(body.User.DepartmentCodes) != 3 {
			t.Errorf("user %+v", body.User)
		}
		if body.CSRFToken == "" || body.CSRFToken == body.Token {
			t.Errorf("csrf token %q", body.CSRFToken)
		}
		ck := res.Header.Get("Set-Cookie")
		for _, want := range []string{"storeops_session=" + body.Token, "HttpOnly", "SameSite=Lax", "Path=/"} {
			if !strings.Contains(ck, want) {
				t.Errorf("cookie %q lacks %q", ck, want)
			}
		}
		for _, h := range []string{"X-Content-Type-Options", "X-Frame-Options", "Content-Security-Policy", "Referrer-Policy", "X-Request-Id"} {
			if res.Header.Get(h) == "" {
				t.Errorf("header %s missing", h)
			}
		}
		if res := login(env, "super1", "wrong-password"); res.Status != 401 || res.ErrorCode() != "invalid_credentials" {
			t.Errorf("wrong password: %d %s", res.Status, res.Body)
		}
		if res := login(env, "nobody", "wrong-password"); res.Status != 401 || res.ErrorCode() != "invalid_credentials" {
			t.Errorf("unknown user: %d %s", res.Status, res.Body)
		}
		if res := login(env, "SUPER1 ", "demo1234"); res.Status != 200 {
			t.Errorf("usernames are case- and space-insensitive at sign-in: %d", res.Status)
		}
	})
}

func TestLoginThrottling(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, dialect string) {
		env := testutil.NewEnv(t, dialect, func(c *config.Config) { c.LoginMaxPerUser, c.LoginMaxPerIP = 3, 8 })
		for i := 0; i < 3; i++ {
			if res := login(env, "super1", "bad-password"); res.Status != 401 {
				t.Fatalf("attempt %d: %d", i, res.Status)
			}
		}
		res := login(env, "super1", "demo1234")
		if res.Status != http.StatusTooManyRequests || res.Header.Get("Retry-After") == "" {
			t.Fatalf("after 3 failures even the right password waits: got %d, Retry-After %q", res.Status, res.Header.Get("Retry-After"))
		}
		if res := login(env, "manager1", "demo1234"); res.Status != 200 {
			t.Fatalf("another user is not throttled by super1's failures: %d", res.Status)
		}
		env.Clock.Advance(16 * time.Minute)
		if res := login(env, "super1", "demo1234"); res.Status != 200 {
			t.Fatalf("after the window: %d", res.Status)
		}
		// Failures against many usernames from one address add up, and a success does not
		// reset the address's count.
		for i := 0; i < 8; i++ {
			login(env, "user"+string(rune('a'+i)), "bad-password")
		}
		if res := login(env, "hq1", "demo1234"); res.Status != http.StatusTooManyRequests {
			t.Fatalf("8 failures from one address: got %d, want 429", res.Status)
		}
	})
}

func TestSessionsLogoutSlideAndExpire(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, dialect string) {
		env := testutil.NewEnv(t, dialect, func(c *config.Config) {
			c.SessionIdleTTL, c.SessionMaxTTL = 12*time.Hour, 30*time.Hour
		})
		c := env.Login("super1")
		env.Clock.Advance(11 * time.Hour)
		if res := c.Do("GET", "/api/v1/me", nil); res.Status != 200 {
			t.Fatalf("within idle TTL: %d", res.Status)
		}
		env.Clock.Advance(11 * time.Hour) // 22h after login, 11h after the last request
		if res := c.Do("GET", "/api/v1/me", nil); res.Status != 200 {
			t.Fatalf("sliding expiry did not slide: %d", res.Status)
		}
		env.Clock.Advance(9 * time.Hour) // 31h: past the absolute limit
		if res := c.Do("GET", "/api/v1/me", nil); res.Status != 401 {
			t.Fatalf("past the absolute limit: %d", res.Status)
		}
		c = env.Login("super1")
		env.Clock.Advance(13 * time.Hour)
		if res := c.Do("GET", "/api/v1/me", nil); res.Status != 401 {
			t.Fatalf("idle past TTL: %d", res.Status)
		}
		c = env.Login("super1")
		if res := c.Do("POST", "/api/v1/auth/logout", nil); res.Status != 204 {
			t.Fatalf("logout: %d", res.Status)
		}
		if res := c.Do("GET", "/api/v1/me", nil); res.Status != 401 {
			t.Fatalf("after logout: %d", res.Status)
		}
		if n, err := env.App.Auth.Sweep(context.Background(), authz.System("test")); err != nil || n == 0 {
			t.Fatalf("sweep removed %d (err %v), want the ended sessions", n, err)
		}
	})
}

func TestCookieWritesNeedCSRFToken(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, dialect string) {
		env := testutil.NewEnv(t, dialect)
		c := env.Login("admin")
		c.Cookie = true
		if res := c.Do("GET", "/api/v1/me", nil); res.Status != 200 {
			t.Fatalf("cookie read: %d", res.Status)
		}
		body := map[string]any{"code": "hz-xihu", "name": "杭州西湖店", "region": "华东", "timezone": "Asia/Shanghai"}
		if res := c.Do("POST", "/api/v1/stores", body); res.Status != 403 || res.ErrorCode() != "csrf_failed" {
			t.Fatalf("cookie write without CSRF: %d %s", res.Status, res.Body)
		}
		c.Headers = map[string]string{"X-CSRF-Token": "wrong"}
		if res := c.Do("POST", "/api/v1/stores", body); res.Status != 403 {
			t.Fatalf("cookie write with a wrong CSRF token: %d", res.Status)
		}
		c.Headers = map[string]string{"X-CSRF-Token": c.CSRF}
		if res := c.Do("POST", "/api/v1/stores", body); res.Status != 201 {
			t.Fatalf("cookie write with CSRF: %d %s", res.Status, res.Body)
		}
	})
}

func TestProductionRefusesDefaultPasswords(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, dialect string) {
		env := testutil.NewEnv(t, dialect, func(c *config.Config) { c.Env = config.EnvProduction })
		res := login(env, "super1", "demo1234")
		if res.Status != 403 || res.ErrorCode() != "password_change_required" {
			t.Fatalf("default password in production: %d %s", res.Status, res.Body)
		}
		var id int64
		env.DB.Table("users").Where("username = ?", "super1").Pluck("id", &id)
		if err := env.App.Org.ResetPassword(context.Background(), authz.System("test"), id, "a-real-secret-9"); err != nil {
			t.Fatal(err)
		}
		if res := login(env, "super1", "a-real-secret-9"); res.Status != 200 {
			t.Fatalf("after the admin set a password: %d %s", res.Status, res.Body)
		}
	})
}

func TestChangeOwnPassword(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, dialect string) {
		env := testutil.NewEnv(t, dialect)
		c, other := env.Login("super1"), env.Login("super1")
		res := c.Do("PUT", "/api/v1/me/password", map[string]string{"current_password": "nope", "new_password": "short"})
		if res.Status != 400 || res.Fields()["current_password"] == "" || res.Fields()["new_password"] == "" {
			t.Fatalf("bad change: %d %s", res.Status, res.Body)
		}
		res = c.Do("PUT", "/api/v1/me/password", map[string]string{"current_password": "demo1234", "new_password": "fresh-apples-42"})
		if res.Status != 204 {
			t.Fatalf("change: %d %s", res.Status, res.Body)
		}
		if res := c.Do("GET", "/api/v1/me", nil); res.Status != 200 {
			t.Errorf("own session ended: %d", res.Status)
		}
		if res := other.Do("GET", "/api/v1/me", nil); res.Status != 401 {
			t.Errorf("other session still alive: %d", res.Status)
		}
		if res := login(env, "super1", "demo1234"); res.Status != 401 {
			t.Errorf("old password still works: %d", res.Status)
		}
		env.LoginWith("super1", "fresh-apples-42")
	})
}

// TestMeAnswersWhatSignInAnswers holds the two paths to a profile together: sign-in reads it
// by user id, GET /me takes it from the statement that authenticated the request.
func TestMeAnswersWhatSignInAnswers(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, dialect string) {
		env := testutil.NewEnv(t, dialect)
		for _, user := range []string{"admin", "manager1", "super1", "hq1"} {
			res := login(env, user, "demo1234")
			var signIn struct {
				Token string          `json:"token"`
				User  json.RawMessage `json:"user"`
			}
			res.JSON(t, &signIn)
			c := env.Anonymous()
			c.Token = signIn.Token
			me := c.Do("GET", "/api/v1/me", nil)
			if me.Status != 200 {
				t.Fatalf("%s: me %d %s", user, me.Status, me.Body)
			}
			var a, b map[string]any
			if err := json.Unmarshal(signIn.User, &a); err != nil {
				t.Fatal(err)
			}
			me.JSON(t, &b)
			if !reflect.DeepEqual(a, b) {
				t.Errorf("%s: sign-in answered\n%s\nGET /me answered\n%s", user, signIn.User, me.Body)
			}
		}
	})
}

// TestEveryRequestSeesTheCurrentUser proves that nothing about a session or its user is
// kept between requests: a change made straight in the database, with no session revoked,
// applies to the very next request.
func TestEveryRequestSeesTheCurrentUser(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, dialect string) {
		env := testutil.NewEnv(t, dialect)
		c := env.Login("super1")
		var me struct {
			ID              int64    `json:"id"`
			Role            string   `json:"role"`
			DepartmentCodes []string `json:"department_codes"`
		}
		c.Do("GET", "/api/v1/me", nil).JSON(t, &me)
		testutil.MustExec(t, env.DB, "DELETE FROM user_departments WHERE user_id = ? AND department_code = ?", me.ID, me.DepartmentCodes[0])
		testutil.MustExec(t, env.DB, "UPDATE users SET role = ? WHERE id = ?", "store_manager", me.ID)
		var after struct {
			Role            string   `json:"role"`
			DepartmentCodes []string `json:"department_codes"`
		}
		c.Do("GET", "/api/v1/me", nil).JSON(t, &after)
		if after.Role != "store_manager" || len(after.DepartmentCodes) != len(me.DepartmentCodes)-1 {
			t.Errorf("after the change: %+v, before %+v", after, me)
		}
		testutil.MustExec(t, env.DB, "UPDATE users SET disabled = ? WHERE id = ?", true, me.ID)
		if res := c.Do("GET", "/api/v1/me", nil); res.Status != 401 {
			t.Errorf("a disabled user's session still works: %d", res.Status)
		}
		testutil.MustExec(t, env.DB, "UPDATE users SET disabled = ? WHERE id = ?", false, me.ID)
		if res := c.Do("GET", "/api/v1/me", nil); res.Status != 200 {
			t.Errorf("re-enabled: %d", res.Status)
		}
		testutil.MustExec(t, env.DB, "UPDATE sessions SET revoked_at = ? WHERE user_id = ?", env.Clock.Now(), me.ID)
		if res := c.Do("GET", "/api/v1/me", nil); res.Status != 401 {
			t.Errorf("a revoked session still works: %d", res.Status)
		}
	})
}
