package database

import (
	"context"
	"database/sql/driver"
	"errors"
	"fmt"
	"io"
	"net"
	"strings"
	"syscall"
	"time"

	mysqldriver "github.com/go-sql-driver/mysql"

	"github.com/storeops/storeops/internal/platform/apperr"
)

// SequentialNet is the network of a MySQL DSN that lists several servers, most preferred
// first, like MariaDB Connector/J's "sequential" mode:
//
//	root@sequential(127.0.0.1:4306,127.0.0.1:4307,127.0.0.1:4308)/storeops
//
// Every new connection goes to the first server that answers and is ready; on a Galera node,
// ready means in the primary component and Synced (or donating without blocking): a node
// still catching up after a restart is skipped until it has. The pool's connections are
// renewed every few minutes (sequentialConnLifetime), so connections that moved to another
// node while the preferred one was down return to it once it is back.
const SequentialNet = "sequential"

// sequentialConnLifetime bounds how long a connection that failed over to a later server stays
// there after the preferred one is back.
const sequentialConnLifetime = 2 * time.Minute

// sequentialDialTimeout bounds each server's connect when the DSN sets no timeout, so that an
// unreachable first server does not hold up the failover for the OS's TCP timeout.
const sequentialDialTimeout = 3 * time.Second

// sequentialConnector connects to the first of its servers that is ready.
type sequentialConnector struct {
	addrs      []string
	connectors []driver.Connector
}

// newSequentialConnector makes one go-sql-driver connector per listed server, each with cfg's
// settings over TCP.
func newSequentialConnector(cfg *mysqldriver.Config) (*sequentialConnector, error) {
	c := &sequentialConnector{}
	for _, a := range strings.Split(cfg.Addr, ",") {
		a = strings.TrimSpace(a)
		if a == "" {
			continue
		}
		if _, _, err := net.SplitHostPort(a); err != nil {
			a = net.JoinHostPort(a, "3306")
		}
		one := cfg.Clone()
		one.Net, one.Addr = "tcp", a
		if one.Timeout == 0 {
			one.Timeout = sequentialDialTimeout
		}
		conn, err := mysqldriver.NewConnector(one)
		if err != nil {
			return nil, fmt.Errorf("database: STOREOPS_DB_DSN: server %s: %w", a, err)
		}
		c.addrs = append(c.addrs, a)
		c.connectors = append(c.connectors, conn)
	}
	if len(c.connectors) == 0 {
		return nil, errors.New("database: STOREOPS_DB_DSN: sequential(...) lists no server")
	}
	return c, nil
}

// Connect answers a connection to the first ready server, or every server's reason.
func (c *sequentialConnector) Connect(ctx context.Context) (driver.Conn, error) {
	var errs []error
	for i, conn := range c.connectors {
		dc, err := conn.Connect(ctx)
		if err == nil {
			if err = serverReady(ctx, dc); err == nil {
				return dc, nil
			}
			_ = dc.Close()
		}
		errs = append(errs, fmt.Errorf("%s: %w", c.addrs[i], err))
		if ctx.Err() != nil {
			break
		}
	}
	return nil, fmt.Errorf("database: no server ready: %w", errors.Join(errs...))
}

func (c *sequentialConnector) Driver() driver.Driver { return mysqldriver.MySQLDriver{} }

// errNotReady says a Galera node answered but may not take application traffic yet.
var errNotReady = errors.New("galera node not ready")

// serverReady asks a fresh connection's server whether it takes traffic. A server without
// wsrep status variables (not a Galera node) does. A Galera node does when it is in the
// primary component (wsrep_ready) and Synced (4) or a donor that keeps serving (2); a joiner
// (1) or a node that has joined but is still applying what it missed (3) does not.
func serverReady(ctx context.Context, dc driver.Conn) error {
	q, ok := dc.(driver.QueryerContext)
	if !ok {
		return nil
	}
	on, err := showGlobal(ctx, q, "SHOW GLOBAL VARIABLES WHERE Variable_name = 'wsrep_on'")
	if err != nil {
		return err
	}
	if !strings.EqualFold(on["wsrep_on"], "ON") {
		return nil // not a Galera node (MySQL, or MariaDB with replication off)
	}
	status, err := showGlobal(ctx, q, "SHOW GLOBAL STATUS WHERE Variable_name IN ('wsrep_ready', 'wsrep_local_state')")
	if err != nil {
		return err
	}
	if !strings.EqualFold(status["wsrep_ready"], "ON") {
		return fmt.Errorf("%w: wsrep_ready is %q", errNotReady, status["wsrep_ready"])
	}
	if s := status["wsrep_local_state"]; s != "4" && s != "2" {
		return fmt.Errorf("%w: wsrep_local_state is %s (4 is Synced)", errNotReady, s)
	}
	return nil
}

// showGlobal runs a SHOW … WHERE Variable_name … on a raw connection: name → value.
func showGlobal(ctx context.Context, q driver.QueryerContext, query string) (map[string]string, error) {
	rows, err := q.QueryContext(ctx, query, nil)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]string{}
	vals := make([]driver.Value, len(rows.Columns()))
	for {
		if err := rows.Next(vals); err == io.EOF {
			return out, nil
		} else if err != nil {
			return nil, err
		}
		out[strings.ToLower(asString(vals[0]))] = asString(vals[1])
	}
}

func asString(v driver.Value) string {
	if b, ok := v.([]byte); ok {
		return string(b)
	}
	return fmt.Sprint(v)
}

// ConnectionLost reports whether err means the connection to the database server broke or
// could not be made: the server (or its Galera node) died, restarted or is unreachable, or a
// Galera node left the primary component (1047, "WSREP has not yet prepared node for
// application use"). What the statement did is unknown to the client, except that a
// transaction not yet asked to COMMIT was rolled back with the connection.
func ConnectionLost(err error) bool {
	if err == nil {
		return false
	}
	if errors.Is(err, mysqldriver.ErrInvalidConn) || errors.Is(err, driver.ErrBadConn) ||
		errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, syscall.ECONNREFUSED) ||
		errors.Is(err, syscall.ECONNRESET) || errors.Is(err, syscall.EPIPE) || errors.Is(err, errNotReady) {
		return true
	}
	var me *mysqldriver.MySQLError
	if errors.As(err, &me) {
		// 1047 WSREP not ready, 1053 server shutdown in progress, 1927 connection killed.
		return me.Number == 1047 || me.Number == 1053 || me.Number == 1927
	}
	var ne *net.OpError
	return errors.As(err, &ne)
}

// unavailable wraps a lost connection as a 503 the client may repeat.
func unavailable(err error) error {
	if errors.Is(err, apperr.ErrUnavailable) {
		return err
	}
	return &apperr.Error{Kind: apperr.ErrUnavailable, Code: "database_unavailable",
		Message: "the database is not reachable at the moment: try again shortly", Cause: err}
}

// busy wraps a transaction that kept losing races as a 503 the client may repeat.
func busy(err error) error {
	return &apperr.Error{Kind: apperr.ErrUnavailable, Code: "busy",
		Message: "the records are being changed by other requests at this moment: try again", Cause: err}
}

// commitUnknown is the 503 for a connection lost while committing: the change may or may not
// be saved (on a Galera cluster another node may have committed it).
func commitUnknown(err error) error {
	return &apperr.Error{Kind: apperr.ErrUnavailable, Code: "commit_unknown",
		Message: "the database connection broke while saving: the change may or may not be saved; " +
			"repeat the request with the same Idempotency-Key, or reload and check", Cause: err}
}
