package notify

import (
	"context"
	"errors"
	"net"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"strings"
	"testing"
)

// fakeResolver answers fixed addresses per host.
type fakeResolver map[string][]string

func (f fakeResolver) LookupNetIP(_ context.Context, _, host string) ([]netip.Addr, error) {
	ips, ok := f[host]
	if !ok {
		return nil, errors.New("no such host")
	}
	out := make([]netip.Addr, len(ips))
	for i, ip := range ips {
		out[i] = netip.MustParseAddr(ip)
	}
	return out, nil
}

func TestPublicAddrRefusesInternalRanges(t *testing.T) {
	cases := map[string]bool{
		"8.8.8.8": true, "203.0.113.9": true, "2606:4700::1111": true,
		"10.0.0.1": false, "172.16.5.4": false, "192.168.1.1": false, "127.0.0.1": false, "127.8.8.8": false,
		"::1": false, "169.254.169.254": false, "fe80::1": false, "0.0.0.0": false, "::": false,
		"224.0.0.1": false, "ff02::1": false, "100.64.0.1": false, "100.127.255.254": false, "fd00::1": false,
		"::ffff:127.0.0.1": false, "::ffff:10.1.2.3": false, "255.255.255.255": false, "64:ff9b::a00:1": false,
	}
	for ip, want := range cases {
		if got := PublicAddr(netip.MustParseAddr(ip)); got != want {
			t.Errorf("PublicAddr(%s) = %v, want %v", ip, got, want)
		}
	}
}

func TestCheckURLRefusesWhatCouldReachInside(t *testing.T) {
	r := fakeResolver{"qyapi.weixin.qq.com": {"101.91.40.24"}, "evil.example": {"93.184.216.34", "127.0.0.1"},
		"rebind.example": {"10.0.0.7"}, "localhost": {"127.0.0.1", "::1"}}
	g := Guard{Allow: []string{"127.0.0.1:9999", "hooks.lan"}}
	cases := []struct {
		url, wantErr string // "" when accepted
	}{
		{"https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=abc", ""},
		{"http://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=abc", "https"},
		{"ftp://qyapi.weixin.qq.com/x", "https"},
		{"https://10.0.0.1/hook", "private"},
		{"https://127.0.0.1/hook", "private"},
		{"https://[::1]/hook", "private"},
		{"https://169.254.169.254/latest/meta-data", "private"},
		{"https://100.64.1.1/hook", "private"},
		{"https://[::ffff:127.0.0.1]/hook", "private"},
		{"https://evil.example/hook", "resolves to 127.0.0.1"},
		{"https://localhost/hook", "resolves to"},
		{"https://rebind.example/hook", "resolves to 10.0.0.7"},
		{"https://nowhere.example/hook", "does not resolve"},
		{"https://user:pw@qyapi.weixin.qq.com/x", "user name"},
		{"/relative", "absolute"},
		{"http://127.0.0.1:9999/hook", ""},      // allowed host:port, http accepted
		{"https://127.0.0.1:9999/hook", ""},     // and https
		{"http://127.0.0.1:9998/hook", "https"}, // another port is not allowed
		{"http://hooks.lan:8080/x", ""},         // a host entry allows every port
	}
	for _, c := range cases {
		err := g.CheckURL(context.Background(), r, c.url)
		switch {
		case c.wantErr == "" && err != nil:
			t.Errorf("%s: refused: %v", c.url, err)
		case c.wantErr != "" && (err == nil || !strings.Contains(err.Error(), c.wantErr)):
			t.Errorf("%s: got %v, want an error with %q", c.url, err, c.wantErr)
		}
	}
}

func TestDialGuardChecksTheAddressActuallyDialled(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { _, _ = w.Write([]byte("{}")) }))
	defer srv.Close()
	host, port, _ := net.SplitHostPort(srv.Listener.Addr().String())
	// A name that resolved to a public address when saved and to loopback now (DNS
	// rebinding) reaches the dialler as the loopback address: refused.
	c := newHTTPClient(Guard{})
	if _, err := c.Get(srv.URL); err == nil || !strings.Contains(err.Error(), "private") {
		t.Fatalf("dial to loopback: %v", err)
	}
	if err := control("tcp", "169.254.169.254:80", nil); err == nil {
		t.Fatal("metadata address passed the dial control")
	}
	if err := control("tcp", "8.8.8.8:443", nil); err != nil {
		t.Fatalf("public address refused: %v", err)
	}
	allowed := newHTTPClient(Guard{Allow: []string{net.JoinHostPort(host, port)}})
	res, err := allowed.Get(srv.URL)
	if err != nil {
		t.Fatalf("allowed host: %v", err)
	}
	res.Body.Close()
}

func TestNoRedirectIsFollowed(t *testing.T) {
	target := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		t.Error("the redirect was followed")
	}))
	defer target.Close()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, target.URL, http.StatusFound)
	}))
	defer srv.Close()
	u := strings.TrimPrefix(srv.URL, "http://")
	w := webhookSender{client: newHTTPClient(Guard{Allow: []string{u, strings.TrimPrefix(target.URL, "http://")}}),
		guard: Guard{Allow: []string{u}}, now: func() (t0 timeT) { return }}
	err := w.send(context.Background(), Channel{Kind: KindWeCom, URL: srv.URL + "/hook"}, Text{MessageID: "m1"})
	if err == nil || !strings.Contains(err.Error(), "HTTP 302") {
		t.Fatalf("redirect: %v", err)
	}
}
