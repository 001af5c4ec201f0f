package app_test

import (
	"fmt"
	"testing"

	"github.com/storeops/storeops/internal/testutil"
)

// channelFixture adds a disabled WeChat Work channel of the store and answers its id. It is
// written straight to the table: its loopback URL (refused by the API) makes "send test"
// fail at once, at the dial guard, without reaching any network.
func channelFixture(t *testing.T, env *testutil.Env, storeCode string) string {
	t.Helper()
	now := env.Clock.Now()
	testutil.MustExec(t, env.DB, `INSERT INTO notify_channels (name, kind, store_id, topics, url, secret, recipients,
		enabled, version, created_at, updated_at) VALUES (?, 'wecom', ?, 'task.assigned', 'https://127.0.0.1/hook', '', '',
		?, 1, ?, ?)`, "fixture "+storeCode, storeID(t, env, storeCode), false, now, now)
	var id int64
	env.DB.Table("notify_channels").Where("name = ?", "fixture "+storeCode).Pluck("id", &id)
	return fmt.Sprint(id)
}
