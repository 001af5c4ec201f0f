package auth_test

import (
	"context"
	"encoding/json"
	"net/http"
	"reflect"
	"strings"
	"sync"
	"sync/atomic"
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

// Throttling answers growing delays, never a wall, and an address with no other recent
// failures keeps a few tries of its own: an attacker elsewhere cannot lock a user out.
func TestLoginThrottling(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, dialect string) {
		env := testutil.NewEnv(t, dialect, func(c *config.Config) { c.LoginMaxPerUser, c.LoginMaxPerIP = 3, 8 })
		from := func(addr, user, pw string) *testutil.Response {
			c := env.Anonymous()
			c.RemoteAddr = addr
			return c.Do(http.MethodPost, "/api/v1/auth/login", map[string]string{"username": user, "password": pw})
		}
		const a, b, c = "203.0.113.1:1000", "198.51.100.2:2000", "192.0.2.33:3000"
		expect := func(res *testutil.Response, status int, retryAfter string, what string) {
			t.Helper()
			if res.Status != status || res.Header.Get("Retry-After") != retryAfter {
				t.Fatalf("%s: %d Retry-After %q, want %d %q: %s", what, res.Status, res.Header.Get("Retry-After"), status, retryAfter, res.Body)
			}
		}
		for i := 0; i < 3; i++ {
			expect(from(a, "super1", "bad-password"), 401, "", "a wrong password within the budget")
		}
		expect(from(a, "super1", "demo1234"), 429, "1", "past the budget even the right password waits a second")
		// Another address with no failures of its own has a few tries, then waits too.
		for i := 0; i < 3; i++ {
			expect(from(c, "super1", "bad-password"), 401, "", "an address's own tries")
		}
		if res := from(c, "super1", "bad-password"); res.Status != 429 {
			t.Fatalf("a fourth try from the same address: %d", res.Status)
		}
		expect(from(b, "super1", "demo1234"), 200, "", "the real user elsewhere is not locked out")
		expect(from(a, "manager1", "demo1234"), 200, "", "another user from the same address")

		// The delays grow with each failure past the budget: 1 s, 2 s, 4 s.
		for i := 0; i < 3; i++ {
			expect(from(a, "hq1", "bad-password"), 401, "", "hq1 within the budget")
		}
		expect(from(a, "hq1", "bad-password"), 429, "1", "first delay")
		env.Clock.Advance(time.Second)
		expect(from(a, "hq1", "bad-password"), 401, "", "checked after the delay")
		expect(from(a, "hq1", "bad-password"), 429, "2", "second delay")
		env.Clock.Advance(2 * time.Second)
		expect(from(a, "hq1", "bad-password"), 401, "", "checked after the second delay")
		expect(from(a, "hq1", "bad-password"), 429, "4", "third delay")
		env.Clock.Advance(4 * time.Second)
		expect(from(a, "hq1", "demo1234"), 200, "", "no wall: the right password after the delay")

		// Failures from one address across usernames add up (3 + 5 = 8, its budget), and a
		// success does not reset the address's count; other addresses are unaffected.
		expect(from(a, "manager1", "demo1234"), 429, "1", "the address past its budget")
		expect(from(b, "manager1", "demo1234"), 200, "", "another address")
		env.Clock.Advance(time.Second)
		expect(from(a, "manager1", "demo1234"), 200, "", "the address after its delay")

		env.Clock.Advance(16 * time.Minute)
		for i := 0; i < 3; i++ {
			expect(from(a, "super1", "bad-password"), 401, "", "counts are forgotten after the window")
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

// Parallel wrong passwords for one user are counted one by one: no more are checked than
// the user's budget, however many arrive at once.
func TestParallelWrongPasswordsAreCountedAtomically(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, dialect string) {
		env := testutil.NewEnv(t, dialect) // 5 failures per username before delays
		var checked, throttled, other atomic.Int32
		var wg sync.WaitGroup
		for i := 0; i < 40; i++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				switch login(env, "super1", "bad-password").Status {
				case http.StatusUnauthorized:
					checked.Add(1)
				case http.StatusTooManyRequests:
					throttled.Add(1)
				default:
					other.Add(1)
				}
			}()
		}
		wg.Wait()
		if checked.Load() != 5 || throttled.Load() != 35 || other.Load() != 0 {
			t.Fatalf("40 parallel wrong passwords: %d checked (want 5), %d throttled, %d other",
				checked.Load(), throttled.Load(), other.Load())
		}
	})
}
