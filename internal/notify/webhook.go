package notify

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// Timeouts of one webhook call.
const (
	dialTimeout    = 5 * time.Second
	requestTimeout = 15 * time.Second
	maxAnswerBytes = 64 << 10
)

// HeaderMessageID carries the stable message id on every webhook request, so a receiver can
// drop a message it has already taken (the text shows it too).
const HeaderMessageID = "X-StoreOps-Message-Id"

// newHTTPClient is the client of every webhook: dials through the guard, no proxy from the
// environment (a proxy would dial for us, unchecked), no redirects (a 3xx is a failure, so a
// public host cannot bounce the request inward), bounded in time.
func newHTTPClient(g Guard) *http.Client {
	tr := &http.Transport{
		Proxy:                 nil,
		DialContext:           g.DialContext(net.Dialer{Timeout: dialTimeout}),
		TLSHandshakeTimeout:   dialTimeout,
		ResponseHeaderTimeout: requestTimeout,
		MaxIdleConnsPerHost:   2,
		IdleConnTimeout:       time.Minute,
		ForceAttemptHTTP2:     true,
	}
	return &http.Client{Transport: tr, Timeout: requestTimeout,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
}

// webhookSender posts messages to the group robots.
type webhookSender struct {
	client *http.Client
	guard  Guard
	now    func() time.Time
}

// send posts t to the channel's webhook in its platform's format and reads the platform's
// verdict from the answer.
func (w webhookSender) send(ctx context.Context, ch Channel, t Text) error {
	u, err := url.Parse(ch.URL)
	if err != nil {
		return errors.New("bad webhook URL")
	}
	port := u.Port()
	if port == "" {
		port = map[string]string{"https": "443", "http": "80"}[u.Scheme]
	}
	if u.Scheme != "https" && !(u.Scheme == "http" && w.guard.Allowed(u.Hostname(), port)) {
		return errors.New("webhook URL must be https")
	}
	var body any
	switch ch.Kind {
	case KindWeCom:
		body = map[string]any{"msgtype": "markdown", "markdown": map[string]string{"content": t.Markdown()}}
	case KindDingTalk:
		body = map[string]any{"msgtype": "markdown", "markdown": map[string]string{"title": t.TitleZH, "text": t.Markdown()}}
		if ch.Secret != "" {
			ts := strconv.FormatInt(w.now().UnixMilli(), 10)
			q := u.Query()
			q.Set("timestamp", ts)
			q.Set("sign", DingTalkSign(ts, ch.Secret))
			u.RawQuery = q.Encode()
		}
	case KindFeishu:
		m := map[string]any{"msg_type": "post", "content": map[string]any{"post": t.FeishuPost()}}
		if ch.Secret != "" {
			ts := strconv.FormatInt(w.now().Unix(), 10)
			m["timestamp"], m["sign"] = ts, FeishuSign(ts, ch.Secret)
		}
		body = m
	default:
		return fmt.Errorf("kind %s is not a webhook", ch.Kind)
	}
	b, err := json.Marshal(body)
	if err != nil {
		return err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, u.String(), bytes.NewReader(b))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/json; charset=utf-8")
	req.Header.Set(HeaderMessageID, t.MessageID)
	res, err := w.client.Do(req)
	if err != nil {
		return errors.New(redact(err.Error(), ch.URL, u.String()))
	}
	defer res.Body.Close()
	answer, _ := io.ReadAll(io.LimitReader(res.Body, maxAnswerBytes))
	if res.StatusCode < 200 || res.StatusCode > 299 {
		return fmt.Errorf("HTTP %d: %s", res.StatusCode, snippet(answer))
	}
	return platformVerdict(ch.Kind, answer)
}

// platformVerdict reads the answer body: the robots answer HTTP 200 with an error code when
// they refuse a message (bad signature, bad token, rate limit).
func platformVerdict(kind string, answer []byte) error {
	var v struct {
		ErrCode       *int   `json:"errcode"` // WeChat Work, DingTalk
		ErrMsg        string `json:"errmsg"`
		Code          *int   `json:"code"` // Feishu
		Msg           string `json:"msg"`
		StatusCode    *int   `json:"StatusCode"` // Feishu's older answer
		StatusMessage string `json:"StatusMessage"`
	}
	if err := json.Unmarshal(answer, &v); err != nil {
		return fmt.Errorf("answer is not JSON: %s", snippet(answer))
	}
	switch kind {
	case KindWeCom, KindDingTalk:
		if v.ErrCode == nil {
			return fmt.Errorf("answer has no errcode: %s", snippet(answer))
		}
		if *v.ErrCode != 0 {
			return fmt.Errorf("errcode %d: %s", *v.ErrCode, v.ErrMsg)
		}
	case KindFeishu:
		switch {
		case v.Code != nil && *v.Code != 0:
			return fmt.Errorf("code %d: %s", *v.Code, v.Msg)
		case v.Code == nil && v.StatusCode != nil && *v.StatusCode != 0:
			return fmt.Errorf("StatusCode %d: %s", *v.StatusCode, v.StatusMessage)
		case v.Code == nil && v.StatusCode == nil:
			return fmt.Errorf("answer has no code: %s", snippet(answer))
		}
	}
	return nil
}

// DingTalkSign is DingTalk's robot signature: base64(HMAC-SHA256(key=secret,
// timestamp+"\n"+secret)), timestamp in milliseconds; sent URL-encoded as ?timestamp=&sign=.
func DingTalkSign(timestampMillis, secret string) string {
	m := hmac.New(sha256.New, []byte(secret))
	m.Write([]byte(timestampMillis + "\n" + secret))
	return base64.StdEncoding.EncodeToString(m.Sum(nil))
}

// FeishuSign is Feishu's custom-bot signature: base64(HMAC-SHA256(key=timestamp+"\n"+secret,
// empty message)), timestamp in seconds; sent in the body as "timestamp" and "sign".
func FeishuSign(timestampSeconds, secret string) string {
	m := hmac.New(sha256.New, []byte(timestampSeconds+"\n"+secret))
	return base64.StdEncoding.EncodeToString(m.Sum(nil))
}

// snippet shortens an answer for the error recorded.
func snippet(b []byte) string {
	const n = 200
	s := string(b)
	if len(s) > n {
		s = s[:n] + "…"
	}
	return s
}

// redact keeps webhook tokens out of recorded errors (url.Error quotes the URL).
func redact(msg string, urls ...string) string {
	for _, u := range urls {
		if u != "" {
			msg = strings.ReplaceAll(msg, u, MaskURL(u))
		}
	}
	return msg
}
