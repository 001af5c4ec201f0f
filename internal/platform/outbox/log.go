package outbox

import (
	"context"
	"log/slog"
)

// LogDeliverer is a real channel for development and trials: it writes each message to the
// logger (STOREOPS_NOTIFY_LOG=true), so the whole path from event to delivery can be watched
// without a WeChat Work, DingTalk, Feishu or mail account.
type LogDeliverer struct {
	Log *slog.Logger
}

// Name identifies the channel in delivered_channels.
func (LogDeliverer) Name() string { return "log" }

// Deliver logs the message; it cannot fail.
func (d LogDeliverer) Deliver(ctx context.Context, e Envelope) error {
	var store any
	if e.StoreID != nil {
		store = *e.StoreID
	}
	d.Log.InfoContext(ctx, "notification", "message_id", e.MessageID, "topic", e.Topic, "store_id", store,
		"key", e.Key, "attempt", e.Attempt, "payload", string(e.Payload))
	return nil
}
