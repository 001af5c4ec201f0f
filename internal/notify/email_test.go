package notify

import (
	"bufio"
	"context"
	"crypto/tls"
	"crypto/x509"
	"net"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"
)

// fakeSMTP is a minimal SMTP server with STARTTLS and AUTH PLAIN that keeps what it receives.
type fakeSMTP struct {
	ln       net.Listener
	tls      *tls.Config
	pool     *x509.CertPool
	mu       sync.Mutex
	messages []string
	rcpts    [][]string
	authOK   bool
	noTLS    bool
	wg       sync.WaitGroup
}

func newFakeSMTP(t *testing.T) *fakeSMTP {
	t.Helper()
	// httptest's certificate is valid for 127.0.0.1.
	srv := httptest.NewUnstartedServer(nil)
	srv.StartTLS()
	certs, pool := srv.TLS.Certificates, x509.NewCertPool()
	pool.AddCert(srv.Certificate())
	srv.Close()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	f := &fakeSMTP{ln: ln, tls: &tls.Config{Certificates: certs}, pool: pool}
	go f.serve()
	t.Cleanup(func() { ln.Close(); f.wg.Wait() })
	return f
}

func (f *fakeSMTP) serve() {
	for {
		c, err := f.ln.Accept()
		if err != nil {
			return
		}
		f.wg.Add(1)
		go func() { defer f.wg.Done(); f.session(c) }()
	}
}

func (f *fakeSMTP) session(c net.Conn) {
	defer c.Close()
	_ = c.SetDeadline(time.Now().Add(10 * time.Second))
	r, w := bufio.NewReader(c), bufio.NewWriter(c)
	say := func(s string) { _, _ = w.WriteString(s + "\r\n"); _ = w.Flush() }
	say("220 fake ESMTP")
	secure := false
	var rcpts []string
	for {
		line, err := r.ReadString('\n')
		if err != nil {
			return
		}
		cmd := strings.ToUpper(strings.TrimSpace(line))
		switch {
		case strings.HasPrefix(cmd, "EHLO"):
			if !secure && !f.noTLS {
				say("250-fake\r\n250 STARTTLS")
			} else {
				say("250-fake\r\n250 AUTH PLAIN")
			}
		case cmd == "STARTTLS":
			say("220 go ahead")
			tc := tls.Server(c, f.tls)
			if tc.Handshake() != nil {
				return
			}
			c, secure = tc, true
			r, w = bufio.NewReader(c), bufio.NewWriter(c)
		case strings.HasPrefix(cmd, "AUTH PLAIN"):
			f.mu.Lock()
			f.authOK = secure
			f.mu.Unlock()
			say("235 ok")
		case strings.HasPrefix(cmd, "MAIL FROM"):
			say("250 ok")
		case strings.HasPrefix(cmd, "RCPT TO"):
			rcpts = append(rcpts, strings.Trim(strings.TrimSpace(line)[8:], "<>"))
			say("250 ok")
		case cmd == "DATA":
			say("354 go on")
			var b strings.Builder
			for {
				l, err := r.ReadString('\n')
				if err != nil {
					return
				}
				if l == ".\r\n" {
					break
				}
				b.WriteString(l)
			}
			f.mu.Lock()
			f.messages, f.rcpts = append(f.messages, b.String()), append(f.rcpts, rcpts)
			f.mu.Unlock()
			say("250 queued")
		case cmd == "QUIT":
			say("221 bye")
			return
		default:
			say("250 ok")
		}
	}
}

func (f *fakeSMTP) port() int { return f.ln.Addr().(*net.TCPAddr).Port }

func TestEmailGoesOverSTARTTLSWithTheMessageID(t *testing.T) {
	f := newFakeSMTP(t)
	e := emailSender{cfg: SMTP{Host: "127.0.0.1", Port: f.port(), User: "robot", Password: "pw", From: "storeops@chain.cn",
		TLS: &tls.Config{RootCAs: f.pool, ServerName: "127.0.0.1"}}, now: time.Now}
	ch := Channel{Kind: KindEmail, Recipients: []string{"mgr@chain.cn", "hq@chain.cn"}}
	text := Compose("msg-42", "task.assigned", []byte(`{"title":"冷库除霜"}`), "浦东店")
	if err := e.send(context.Background(), ch, text); err != nil {
		t.Fatal(err)
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	if len(f.messages) != 1 || !f.authOK || strings.Join(f.rcpts[0], ",") != "mgr@chain.cn,hq@chain.cn" {
		t.Fatalf("messages %d, auth over TLS %v, rcpts %v", len(f.messages), f.authOK, f.rcpts)
	}
	for _, want := range []string{"Message-ID: <msg-42@chain.cn>", "X-StoreOps-Message-Id: msg-42", "标题：冷库除霜", "New task assigned"} {
		if !strings.Contains(f.messages[0], want) {
			t.Errorf("message lacks %q:\n%s", want, f.messages[0])
		}
	}
}

func TestEmailRefusesAServerWithoutSTARTTLS(t *testing.T) {
	f := newFakeSMTP(t)
	f.noTLS = true
	e := emailSender{cfg: SMTP{Host: "127.0.0.1", Port: f.port(), From: "s@chain.cn"}, now: time.Now}
	err := e.send(context.Background(), Channel{Kind: KindEmail, Recipients: []string{"a@chain.cn"}}, Text{MessageID: "m"})
	if err == nil || !strings.Contains(err.Error(), "STARTTLS") {
		t.Fatalf("%v", err)
	}
	if e2 := (emailSender{now: time.Now}); e2.send(context.Background(), Channel{}, Text{}) == nil {
		t.Fatal("unconfigured SMTP must fail")
	}
}
