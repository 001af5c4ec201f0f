// Package notify delivers the outbox's messages to the chain's notification channels: the
// group robots of WeChat Work (企业微信), DingTalk (钉钉) and Feishu (飞书), and e-mail over
// SMTP. Admins configure channels per store (or chain-wide) and per topic; every message is
// sent at least once to every matching channel, with its stable message id, and each
// (message, channel) delivery is recorded so a retry sends only to the channels that failed.
package notify

import (
	"net/mail"
	"slices"
	"strings"
	"time"

	"github.com/storeops/storeops/internal/platform/apperr"
)

// Channel kinds.
const (
	KindWeCom    = "wecom"
	KindDingTalk = "dingtalk"
	KindFeishu   = "feishu"
	KindEmail    = "email"
)

// Kinds lists the channel kinds in the order screens show them.
var Kinds = []string{KindWeCom, KindDingTalk, KindFeishu, KindEmail}

// Topics are the events a channel may subscribe to: every topic some module writes to the
// outbox. A module that starts announcing a new topic adds it here (and its wording in
// format.go) so admins can route it.
var Topics = []string{
	"task.assigned",
	"task.overdue",
	"stocktake.submitted",
	"stocktake.approved",
	"stocktake.rejected",
	"safety.temperature_alert",
	"risk.incident_opened",
	"training.certificate_expiring",
}

// TopicTest is the topic of the messages sent by "send test"; no channel subscribes to it.
const TopicTest = "notify.test"

// Delivery statuses of one message to one channel.
const (
	StatusPending   = "pending"   // being sent (or the sender stopped before recording)
	StatusDelivered = "delivered" // the channel took it
	StatusFailed    = "failed"    // the last attempt failed; the outbox retries it
	StatusDead      = "dead"      // the outbox gave up on the message
)

// Statuses lists the delivery statuses in the order screens show them.
var Statuses = []string{StatusPending, StatusDelivered, StatusFailed, StatusDead}

// Limits of a channel, as wide as its columns.
const (
	MaxNameLen       = 100
	MaxURLLen        = 1000
	MaxSecretLen     = 200
	MaxRecipients    = 20
	MaxRecipientsLen = 2000
)

// Channel is one configured destination. Its URL and secret never leave the server: screens
// see MaskedURL and SecretSet.
type Channel struct {
	ID         int64
	Name       string
	Kind       string
	StoreID    *int64 // nil: chain-wide
	Topics     []string
	URL        string
	Secret     string
	Recipients []string
	Enabled    bool
	Version    int
	CreatedAt  time.Time
	UpdatedAt  time.Time
}

// Webhook reports whether the channel posts to a URL (every kind but e-mail).
func (c Channel) Webhook() bool { return c.Kind != KindEmail }

// Subscribes reports whether the channel takes messages of topic about storeID (nil:
// chain-wide news reaches chain-wide channels only).
func (c Channel) Subscribes(topic string, storeID *int64) bool {
	if !c.Enabled || !slices.Contains(c.Topics, topic) {
		return false
	}
	return c.StoreID == nil || (storeID != nil && *storeID == *c.StoreID)
}

// Validate checks the channel's own fields (not the URL's address, which needs DNS; see
// CheckURL). Every problem is reported at once, by field.
func (c Channel) Validate() error {
	fe := apperr.FieldErrors{}
	if n := strings.TrimSpace(c.Name); n == "" || len([]rune(n)) > MaxNameLen {
		fe.Add("name", "must have 1 to 100 characters")
	}
	if !slices.Contains(Kinds, c.Kind) {
		fe.Add("kind", "must be one of: "+strings.Join(Kinds, ", "))
	}
	if len(c.Topics) == 0 {
		fe.Add("topics", "must name at least one topic")
	}
	for _, t := range c.Topics {
		if !slices.Contains(Topics, t) {
			fe.Add("topics", "unknown topic "+t+"; one of: "+strings.Join(Topics, ", "))
			break
		}
	}
	if len(c.Secret) > MaxSecretLen {
		fe.Add("secret", "must have at most 200 characters")
	}
	switch {
	case c.Kind == KindEmail:
		validateRecipients(c.Recipients, fe)
		if c.URL != "" {
			fe.Add("url", "must be empty for an e-mail channel")
		}
	case c.URL == "":
		fe.Add("url", "is required")
	case len(c.URL) > MaxURLLen:
		fe.Add("url", "must have at most 1000 characters")
	}
	if c.Kind == KindWeCom && c.Secret != "" {
		fe.Add("secret", "WeChat Work robots have no signing secret")
	}
	return fe.Err()
}

func validateRecipients(rs []string, fe apperr.FieldErrors) {
	if len(rs) == 0 || len(rs) > MaxRecipients {
		fe.Add("recipients", "must list 1 to 20 addresses")
		return
	}
	if len(strings.Join(rs, ",")) > MaxRecipientsLen {
		fe.Add("recipients", "are too long together")
		return
	}
	for _, r := range rs {
		a, err := mail.ParseAddress(r)
		if err != nil || a.Address != r || strings.ContainsAny(r, ",\r\n") {
			fe.Add("recipients", "\""+r+"\" is not a plain e-mail address")
			return
		}
	}
}

// Dedupe trims and drops empty and repeated entries, keeping order.
func Dedupe(in []string) []string {
	out := make([]string, 0, len(in))
	for _, s := range in {
		s = strings.TrimSpace(s)
		if s != "" && !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	return out
}

// MaskURL shows where a webhook points without its token: the scheme and host, the path with
// its long segments hidden, and the query's names without their values.
func MaskURL(raw string) string {
	if raw == "" {
		return ""
	}
	scheme, rest, ok := strings.Cut(raw, "://")
	if !ok {
		return "•••"
	}
	rest, query, _ := strings.Cut(rest, "?")
	segs := strings.Split(rest, "/")
	for i := 1; i < len(segs); i++ {
		if len(segs[i]) > 16 {
			segs[i] = segs[i][:4] + "•••"
		}
	}
	out := scheme + "://" + strings.Join(segs, "/")
	if query != "" {
		var qs []string
		for _, kv := range strings.Split(query, "&") {
			k, _, _ := strings.Cut(kv, "=")
			qs = append(qs, k+"=•••")
		}
		out += "?" + strings.Join(qs, "&")
	}
	return out
}
