package outbox_test

import (
	"context"
	"fmt"
	"testing"

	"gorm.io/gorm"

	"github.com/storeops/storeops/internal/platform/config"
	"github.com/storeops/storeops/internal/platform/database"
	"github.com/storeops/storeops/internal/platform/outbox"
	"github.com/storeops/storeops/internal/testutil"
)

type outboxPage struct {
	Items []outbox.Record `json:"items"`
	Total int64           `json:"total"`
}

func TestOutboxEndpointAnswersAdminsOnly(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, dialect string) {
		// STOREOPS_NOTIFY_LOG=true: the log channel delivers, through the outbox.deliver job.
		env := testutil.NewEnv(t, dialect, func(c *config.Config) { c.NotifyLog = true })
		ctx := context.Background()
		for i := range 3 {
			err := database.Tx(ctx, env.DB, func(tx *gorm.DB) error {
				_, err := env.App.Outbox.Add(ctx, tx, outbox.Message{Topic: "test.http", Payload: map[string]int{"i": i}})
				return err
			})
			if err != nil {
				t.Fatal(err)
			}
		}
		admin := env.Login("admin")
		list := func(query string, want int64) outboxPage {
			t.Helper()
			res := admin.Do("GET", "/api/v1/outbox"+query, nil)
			var page outboxPage
			if res.Status != 200 {
				t.Fatalf("GET outbox%s: %d %s", query, res.Status, res.Body)
			}
			res.JSON(t, &page)
			if page.Total != want {
				t.Fatalf("GET outbox%s: total %d, want %d", query, page.Total, want)
			}
			return page
		}
		page := list("?status=pending&page_size=2", 3)
		if len(page.Items) != 2 || page.Items[0].Topic != "test.http" || string(page.Items[0].Payload) != `{"i":2}` {
			t.Fatalf("newest first, two per page: %+v", page.Items)
		}
		list("?status=delivered", 0)

		if _, err := env.App.Jobs.RunDue(ctx); err != nil {
			t.Fatal(err)
		}
		page = list("?status=delivered", 3)
		if got := page.Items[0].DeliveredChannels; len(got) != 2 || got[0] != "channels" || got[1] != "log" {
			t.Fatalf("delivered through %v, want the notification channels (none subscribed) and the log", got)
		}
		list("?status=pending", 0)
		list("", 3)

		res := admin.Do("GET", "/api/v1/outbox?status=sent", nil)
		if res.Status != 400 || res.Fields()["status"] == "" {
			t.Fatalf("unknown status: %d %s", res.Status, res.Body)
		}
		for _, user := range []string{"manager1", "super1", "hq1"} {
			if res := env.Login(user).Do("GET", "/api/v1/outbox", nil); res.Status != 403 {
				t.Errorf("%s: %d, want 403", user, res.Status)
			}
		}
	})
}

// TestAMessageNoChannelTakesIsDone: the app always has the notification channels as a
// channel; a message no configured channel subscribes to is done once they have looked.
func TestAMessageNoChannelTakesIsDone(t *testing.T) {
	env := testutil.NewEnv(t, database.SQLite)
	ctx := context.Background()
	err := database.Tx(ctx, env.DB, func(tx *gorm.DB) error {
		_, err := env.App.Outbox.Add(ctx, tx, outbox.Message{Topic: "test.http", Payload: "x"})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := env.App.Jobs.RunDue(ctx); err != nil {
		t.Fatal(err)
	}
	res := env.Login("admin").Do("GET", "/api/v1/outbox?status=delivered", nil)
	var page outboxPage
	res.JSON(t, &page)
	if res.Status != 200 || page.Total != 1 || page.Items[0].Attempts != 0 || page.Items[0].DeliveredChannels[0] != "channels" {
		t.Fatalf("%d %s", res.Status, fmt.Sprint(page))
	}
}
