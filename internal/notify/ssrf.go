package notify

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/netip"
	"net/url"
	"strings"
	"syscall"
)

// Guard keeps webhooks from reaching the server's own network (server-side request forgery):
// a webhook must be https and its host must resolve only to public addresses. Hosts in Allow
// ("host" or "host:port", from STOREOPS_NOTIFY_ALLOW_HOSTS) are exempt, which is how tests and
// an on-premises receiver are reached.
type Guard struct {
	Allow []string
}

// blockedPrefixes are the ranges a webhook must not reach, beyond what netip's predicates
// (private, loopback, link-local, multicast, unspecified) name.
var blockedPrefixes = []netip.Prefix{
	netip.MustParsePrefix("0.0.0.0/8"),      // "this network"
	netip.MustParsePrefix("100.64.0.0/10"),  // carrier-grade NAT (CGNAT)
	netip.MustParsePrefix("192.0.0.0/24"),   // IETF protocol assignments
	netip.MustParsePrefix("198.18.0.0/15"),  // benchmarking
	netip.MustParsePrefix("240.0.0.0/4"),    // reserved, and the broadcast address
	netip.MustParsePrefix("64:ff9b::/96"),   // NAT64: embeds an IPv4 address
	netip.MustParsePrefix("64:ff9b:1::/48"), // local-use NAT64
	netip.MustParsePrefix("2002::/16"),      // 6to4: embeds an IPv4 address
	netip.MustParsePrefix("fec0::/10"),      // deprecated site-local
	netip.MustParsePrefix("100::/64"),       // discard-only
	netip.MustParsePrefix("2001:db8::/32"),  // documentation
	netip.MustParsePrefix("192.88.99.0/24"), // 6to4 relay anycast
	netip.MustParsePrefix("255.255.255.255/32"),
}

// PublicAddr reports whether a webhook may connect to addr: not private, loopback,
// link-local, unspecified, multicast, CGNAT or another special-purpose range. IPv4 addresses
// written as IPv6 (::ffff:10.0.0.1) are judged as the IPv4 address they are.
func PublicAddr(addr netip.Addr) bool {
	addr = addr.Unmap()
	if !addr.IsValid() || addr.IsPrivate() || addr.IsLoopback() || addr.IsLinkLocalUnicast() ||
		addr.IsLinkLocalMulticast() || addr.IsInterfaceLocalMulticast() || addr.IsMulticast() || addr.IsUnspecified() {
		return false
	}
	for _, p := range blockedPrefixes {
		if p.Contains(addr) {
			return false
		}
	}
	return true
}

// Allowed reports whether host (and port) is in the allow-list: an entry "host" allows every
// port, "host:port" that port only. Hosts compare without case; IPv6 entries are bracketed
// when they carry a port ("[::1]:8080").
func (g Guard) Allowed(host, port string) bool {
	host = strings.ToLower(strings.Trim(host, "[]"))
	for _, e := range g.Allow {
		e = strings.ToLower(strings.TrimSpace(e))
		h, p, err := net.SplitHostPort(e)
		if err != nil {
			h, p = strings.Trim(e, "[]"), ""
		}
		if h == host && (p == "" || p == port) {
			return true
		}
	}
	return false
}

// Resolver looks hosts up; net.DefaultResolver is one, tests pass a fake.
type Resolver interface {
	LookupNetIP(ctx context.Context, network, host string) ([]netip.Addr, error)
}

// errBlocked is the reason a private address is refused.
var errBlocked = errors.New("must not point at a private, loopback, link-local or other internal address")

// CheckURL is the check when a webhook is saved: an absolute https URL without user info,
// whose host resolves only to public addresses, unless the host is allowed (then http is
// accepted too). The answer is the message for the field "url".
func (g Guard) CheckURL(ctx context.Context, r Resolver, raw string) error {
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" || u.Opaque != "" {
		return errors.New("must be an absolute https URL")
	}
	if u.User != nil {
		return errors.New("must not carry a user name or password")
	}
	host, port := u.Hostname(), u.Port()
	if port == "" {
		port = map[string]string{"https": "443", "http": "80"}[u.Scheme]
	}
	if g.Allowed(host, port) {
		if u.Scheme != "https" && u.Scheme != "http" {
			return errors.New("must be an http or https URL")
		}
		return nil
	}
	if u.Scheme != "https" {
		return errors.New("must be an https URL")
	}
	if ip, err := netip.ParseAddr(strings.Trim(host, "[]")); err == nil {
		if !PublicAddr(ip) {
			return errBlocked
		}
		return nil
	}
	addrs, err := r.LookupNetIP(ctx, "ip", host)
	if err != nil || len(addrs) == 0 {
		return fmt.Errorf("host %s does not resolve", host)
	}
	for _, a := range addrs {
		if !PublicAddr(a) {
			return fmt.Errorf("host %s resolves to %s: %w", host, a, errBlocked)
		}
	}
	return nil
}

// control is a net.Dialer Control: it runs on the address actually dialled, after DNS, so a
// host that resolved to a public address when saved and to a private one now (DNS
// rebinding) is still refused.
func control(_, address string, _ syscall.RawConn) error {
	ap, err := netip.ParseAddrPort(address)
	if err != nil {
		return fmt.Errorf("dial %s: %w", address, err)
	}
	if !PublicAddr(ap.Addr()) {
		return fmt.Errorf("dial %s: %w", address, errBlocked)
	}
	return nil
}

// DialContext dials addr ("host:port" as the URL names it): an allowed host plainly, any
// other only to a public address, checked on the socket's own address.
func (g Guard) DialContext(d net.Dialer) func(ctx context.Context, network, addr string) (net.Conn, error) {
	guarded := d
	guarded.Control = control
	return func(ctx context.Context, network, addr string) (net.Conn, error) {
		host, port, err := net.SplitHostPort(addr)
		if err == nil && g.Allowed(host, port) {
			return d.DialContext(ctx, network, addr)
		}
		return guarded.DialContext(ctx, network, addr)
	}
}
