package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"strings"
	"time"
)

// readsUser signs in for GET /me: a supervisor has the fullest principal (a store and
// several departments), so /me costs the most for them.
const readsUser = "super1"

// readsCase loads authenticated reads on the real server for a fixed time with keep-alive
// clients: GET /me (as a supervisor) and a 50-line inventory page of a stocked store (as the
// admin); beside them, in the same run and with the same load generator, the raw figure: a
// minimal Gin server in its own process answering one GORM primary-key SELECT of a users row
// through database.Open's pool.
func readsCase(ctx context.Context, e *env) error {
	client := &http.Client{Timeout: 5 * time.Minute}
	if err := e.stockStore(ctx, client, 0); err != nil {
		return err
	}
	token, userID, err := e.signIn(ctx, readsUser, "demo1234")
	if err != nil {
		return err
	}
	raw, rawBase, err := e.startRawServer(ctx, userID)
	if err != nil {
		return err
	}
	defer stopProcess(raw)
	d := time.Duration(e.o.readSeconds) * time.Second
	targets := []struct{ name, url, token string }{
		{"raw Gin + GORM First() by primary key", fmt.Sprintf("%s/raw/%d", rawBase, userID), ""},
		{"GET /api/v1/me (" + readsUser + ")", e.base + "/api/v1/me", token},
		{"GET inventory page_size=50 (admin)", fmt.Sprintf("%s/api/v1/stores/%d/inventory?page_size=50", e.base, e.stores[0]), e.token},
	}
	fmt.Printf("reads for %s each after a %s warm-up; load average %s\n", d, warmUp(d), loadAverage())
	for _, n := range e.o.clients {
		c := keepAliveClient(n)
		var rawRate float64
		for i, t := range targets {
			load(ctx, c, t.url, t.token, n, warmUp(d))
			r := load(ctx, c, t.url, t.token, n, d)
			if r.requests == 0 {
				return fmt.Errorf("%s: no request succeeded: %v", t.name, r.firstErr)
			}
			ratio := ""
			if i == 0 {
				rawRate = r.rate()
			} else {
				ratio = fmt.Sprintf(" = %.2f × raw", r.rate()/rawRate)
			}
			fmt.Printf("%-40s %2d clients: %s%s\n", t.name, n, r, ratio)
		}
		c.CloseIdleConnections()
		fmt.Printf("load average after %d clients: %s\n", n, loadAverage())
	}
	rss, peak := e.serverMemory()
	fmt.Printf("server RSS %d MiB, peak %d MiB\n", rss/1024, peak/1024)
	return e.wrkReads(ctx, targets[:2])
}

// warmUp is how long each target is loaded before it is measured: connections opened,
// statements prepared, pools filled.
func warmUp(d time.Duration) time.Duration { return min(2*time.Second, d/4+time.Millisecond) }

// signIn answers a bearer token for username and the user's id from GET /me.
func (e *env) signIn(ctx context.Context, username, password string) (string, int64, error) {
	body, _ := json.Marshal(map[string]string{"username": username, "password": password})
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, e.base+"/api/v1/auth/login", bytes.NewReader(body))
	if err != nil {
		return "", 0, err
	}
	req.Header.Set("Content-Type", "application/json")
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		return "", 0, err
	}
	defer res.Body.Close()
	var login struct {
		Token string `json:"token"`
		User  struct {
			ID int64 `json:"id"`
		} `json:"user"`
	}
	if err := json.NewDecoder(res.Body).Decode(&login); err != nil || login.Token == "" {
		return "", 0, fmt.Errorf("sign in as %s: %d %v", username, res.StatusCode, err)
	}
	return login.Token, login.User.ID, nil
}

// stockStore books an opening receipt of every SKU (perishables with an expiry, so the page
// shows lots) and the last 28 days of sales into one store, so its inventory page reads
// balances, the sales behind days of cover and open lots like a store in use. Sales are
// upserted, so running after the ingest case changes nothing there.
func (e *env) stockStore(ctx context.Context, c *http.Client, si int) error {
	store := e.stores[si]
	opening := e.o.endDate.AddDate(0, 0, -29)
	receipts := make([]map[string]string, 0, len(e.products))
	for _, p := range e.products {
		line := map[string]string{"business_date": opening.Format("2006-01-02"), "sku": p.SKU,
			"qty": "100000", "cost": "100000.00"}
		if p.Perishable {
			line["expiry_date"] = e.o.endDate.AddDate(0, 0, max(p.ShelfLifeDays, 1)).Format("2006-01-02")
		}
		receipts = append(receipts, line)
	}
	if _, err := e.call(ctx, c, http.MethodPost, fmt.Sprintf("/api/v1/stores/%d/receipts", store), map[string]any{"lines": receipts}); err != nil {
		return err
	}
	var sales []map[string]string
	for d := 0; d < 28; d++ {
		day := e.o.endDate.AddDate(0, 0, -d)
		for ki, sku := range e.skus {
			q, s, cost := salesLine(si, ki, day)
			sales = append(sales, map[string]string{"business_date": day.Format("2006-01-02"), "sku": sku,
				"qty": q, "net_sales": s, "cost": cost})
		}
	}
	_, err := e.call(ctx, c, http.MethodPost, fmt.Sprintf("/api/v1/stores/%d/sales", store), map[string]any{"lines": sales})
	return err
}

// wrkReads prints the wrk command lines that load the same targets, and runs them when asked
// (-wrk) and wrk is installed. wrk's figures are not comparable with the Go load generator's,
// only with each other.
func (e *env) wrkReads(ctx context.Context, targets []struct{ name, url, token string }) error {
	_, err := exec.LookPath("wrk")
	for _, n := range e.o.clients {
		var rawRate float64
		for i, t := range targets {
			args := []string{"-t2", fmt.Sprintf("-c%d", n), fmt.Sprintf("-d%ds", e.o.readSeconds), "--latency"}
			if t.token != "" {
				args = append(args, "-H", "Authorization: Bearer "+t.token)
			}
			args = append(args, t.url)
			fmt.Printf("wrk equivalent: wrk %s\n", shellJoin(args))
			if !e.o.wrk || err != nil {
				continue
			}
			out, err := exec.CommandContext(ctx, "wrk", args...).CombinedOutput()
			if err != nil {
				return fmt.Errorf("wrk: %w: %s", err, out)
			}
			rate, summary := wrkSummary(out)
			ratio := ""
			if i == 0 {
				rawRate = rate
			} else if rawRate > 0 {
				ratio = fmt.Sprintf(" = %.2f × raw", rate/rawRate)
			}
			fmt.Printf("  wrk %-36s %2d connections: %s%s\n", t.name, n, summary, ratio)
		}
	}
	if e.o.wrk && err != nil {
		fmt.Println("wrk is not installed (apt-get install wrk): skipped")
	}
	return nil
}

// wrkSummary picks the rate and the latency percentiles out of wrk --latency output.
func wrkSummary(out []byte) (float64, string) {
	var rate float64
	var parts []string
	sc := bufio.NewScanner(bytes.NewReader(out))
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		switch {
		case len(f) == 2 && f[0] == "Requests/sec:":
			fmt.Sscan(f[1], &rate)
			parts = append([]string{f[1] + " req/s"}, parts...)
		case len(f) == 2 && (f[0] == "50%" || f[0] == "90%" || f[0] == "99%"):
			parts = append(parts, "p"+strings.TrimSuffix(f[0], "%")+" "+f[1])
		case len(f) > 0 && (f[0] == "Non-2xx" || f[0] == "Socket"):
			parts = append(parts, sc.Text())
		}
	}
	return rate, strings.Join(parts, "; ")
}

// shellJoin quotes arguments for a copy-pasteable command line.
func shellJoin(args []string) string {
	out := make([]string, len(args))
	for i, a := range args {
		if strings.ContainsAny(a, " :'\"&?") {
			a = "'" + strings.ReplaceAll(a, "'", `'\''`) + "'"
		}
		out[i] = a
	}
	return strings.Join(out, " ")
}

// loadAverage reads the 1, 5 and 15-minute load averages: other work on the machine skews
// every figure, so each run prints them.
func loadAverage() string {
	out, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "unknown"
	}
	f := strings.Fields(string(out))
	if len(f) < 3 {
		return "unknown"
	}
	return strings.Join(f[:3], " ")
}
