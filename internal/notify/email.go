package notify

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"mime"
	"net"
	"net/smtp"
	"strconv"
	"strings"
	"time"
)

// SMTP is the mail server every e-mail channel sends through (STOREOPS_SMTP_*). It comes from
// the operator's configuration, never from a channel, so it is not subject to the webhook
// guard.
type SMTP struct {
	Host     string
	Port     int
	User     string
	Password string
	From     string
	// TLS, when set, replaces the default TLS settings of STARTTLS (tests trust their own
	// certificate with it).
	TLS *tls.Config
}

// Configured reports whether e-mail can be sent at all.
func (s SMTP) Configured() bool { return s.Host != "" && s.From != "" }

// emailSender sends with the standard library's net/smtp: it speaks STARTTLS and AUTH PLAIN
// (refusing PLAIN over an unencrypted link), which is all a notification needs, and adds no
// dependency. The message is built here: a plain-text UTF-8 body with encoded headers.
type emailSender struct {
	cfg SMTP
	now func() time.Time
}

// send delivers t to the channel's recipients. STARTTLS is required: a server that does not
// offer it is a failure, so passwords and notifications never cross the network in clear.
func (e emailSender) send(ctx context.Context, ch Channel, t Text) error {
	if !e.cfg.Configured() {
		return errors.New("SMTP is not configured (STOREOPS_SMTP_HOST, STOREOPS_SMTP_FROM)")
	}
	addr := net.JoinHostPort(e.cfg.Host, strconv.Itoa(e.cfg.Port))
	d := net.Dialer{Timeout: dialTimeout}
	conn, err := d.DialContext(ctx, "tcp", addr)
	if err != nil {
		return fmt.Errorf("smtp dial: %w", err)
	}
	deadline := time.Now().Add(requestTimeout)
	if dl, ok := ctx.Deadline(); ok && dl.Before(deadline) {
		deadline = dl
	}
	_ = conn.SetDeadline(deadline)
	c, err := smtp.NewClient(conn, e.cfg.Host)
	if err != nil {
		conn.Close()
		return fmt.Errorf("smtp: %w", err)
	}
	defer c.Close()
	if ok, _ := c.Extension("STARTTLS"); !ok {
		return errors.New("smtp: the server does not offer STARTTLS")
	}
	tc := &tls.Config{ServerName: e.cfg.Host, MinVersion: tls.VersionTLS12}
	if e.cfg.TLS != nil {
		tc = e.cfg.TLS.Clone()
	}
	if err := c.StartTLS(tc); err != nil {
		return fmt.Errorf("smtp starttls: %w", err)
	}
	if e.cfg.User != "" {
		if err := c.Auth(smtp.PlainAuth("", e.cfg.User, e.cfg.Password, e.cfg.Host)); err != nil {
			return fmt.Errorf("smtp auth: %w", err)
		}
	}
	if err := c.Mail(e.cfg.From); err != nil {
		return fmt.Errorf("smtp MAIL FROM: %w", err)
	}
	for _, r := range ch.Recipients {
		if err := c.Rcpt(r); err != nil {
			return fmt.Errorf("smtp RCPT TO %s: %w", r, err)
		}
	}
	w, err := c.Data()
	if err != nil {
		return fmt.Errorf("smtp DATA: %w", err)
	}
	if _, err := w.Write([]byte(e.message(ch, t))); err != nil {
		return fmt.Errorf("smtp write: %w", err)
	}
	if err := w.Close(); err != nil {
		return fmt.Errorf("smtp DATA: %w", err)
	}
	return c.Quit()
}

// message is the RFC 5322 message: the stable id is its Message-ID (and a header of ours),
// so mail clients and filters can drop a duplicate.
func (e emailSender) message(ch Channel, t Text) string {
	host := "storeops"
	if at := strings.LastIndex(e.cfg.From, "@"); at >= 0 {
		host = e.cfg.From[at+1:]
	}
	h := []string{
		"From: " + e.cfg.From,
		"To: " + strings.Join(ch.Recipients, ", "),
		"Subject: " + mime.QEncoding.Encode("utf-8", "[StoreOps] "+t.TitleZH+" / "+t.TitleEN),
		"Date: " + e.now().Format(time.RFC1123Z),
		"Message-ID: <" + t.MessageID + "@" + host + ">",
		HeaderMessageID + ": " + t.MessageID,
		"MIME-Version: 1.0",
		"Content-Type: text/plain; charset=utf-8",
		"Content-Transfer-Encoding: 8bit",
	}
	body := strings.ReplaceAll(t.Plain(), "\n", "\r\n")
	return strings.Join(h, "\r\n") + "\r\n\r\n" + body
}
