package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	vegeta "github.com/tsenart/vegeta/v12/lib"
)

// session is one signed-in user sending a mix's requests.
type session struct {
	label   string // user.n, unique in the run
	user    string
	mix     string
	token   string
	storeID int64
	depts   []string
	today   string   // the store's business date (its time zone)
	skus    []string // products the session writes (write-offs, POS lines)

	counter atomic.Uint64

	mu    sync.Mutex
	queue []int64 // ids to act on (open tasks, pending write-offs)
}

func (s *session) next() uint64 { return s.counter.Add(1) - 1 }

// pop takes the next queued id.
func (s *session) pop() (int64, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.queue) == 0 {
		return 0, false
	}
	id := s.queue[0]
	s.queue = s.queue[1:]
	return id, true
}

// offer queues the ids no session has queued before: sessions sharing a store (two
// supervisors, two sessions of one user) must not act on one task twice.
func (s *session) offer(claimed *sync.Map, what string, ids []int64) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, id := range ids {
		if _, dup := claimed.LoadOrStore(fmt.Sprintf("%s:%d", what, id), true); !dup {
			s.queue = append(s.queue, id)
		}
	}
}

// world is what the load knows: the targets, the run's tag, the signed-in sessions per mix
// and the demo chain's ids found through the API.
type world struct {
	targets   []string
	tag       string
	client    *http.Client
	sessions  map[string][]*session
	stores    []int64
	campaigns []int64
	rr        atomic.Uint64
	claimed   sync.Map // "task:ID", "write-off:ID" once queued
}

// base answers the next target, round robin.
func (w *world) base() string {
	return w.targets[int(w.rr.Add(1)%uint64(len(w.targets)))]
}

// fill makes t a request of the API path (under /api/v1) as the session.
func (w *world) fill(s *session, t *vegeta.Target, method, path string, body []byte) {
	t.Method, t.URL, t.Body = method, w.base()+"/api/v1"+path, body
	t.Header = http.Header{"Authorization": {"Bearer " + s.token}}
	if body != nil {
		t.Header.Set("Content-Type", "application/json")
	}
}

// note is the text write requests carry, so the database's rows of this run can be counted.
func (w *world) note() string { return "storeops-load " + w.tag }

// call sends one request outside the measured load (sign-in, discovery, refreshing queues)
// and decodes a 2xx JSON answer into out.
func (w *world) call(ctx context.Context, token, method, path string, in, out any) error {
	var body io.Reader
	if in != nil {
		b, _ := json.Marshal(in)
		body = bytes.NewReader(b)
	}
	req, err := http.NewRequestWithContext(ctx, method, w.base()+"/api/v1"+path, body)
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/json")
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	res, err := w.client.Do(req)
	if err != nil {
		return err
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	if res.StatusCode/100 != 2 {
		return fmt.Errorf("%s %s: %d %s", method, path, res.StatusCode, strings.TrimSpace(string(b[:min(len(b), 300)])))
	}
	if out != nil {
		return json.Unmarshal(b, out)
	}
	return nil
}

type loginAnswer struct {
	Token string `json:"token"`
	User  struct {
		StoreID *int64   `json:"store_id"`
		Depts   []string `json:"department_codes"`
		Store   *struct {
			Timezone string `json:"timezone"`
		} `json:"store"`
	} `json:"user"`
}

type inventoryItem struct {
	SKU        string `json:"sku"`
	Department string `json:"department_code"`
	OnHand     string `json:"on_hand"`
}

// setUp signs in users sessions per mix and finds the ids the kinds need.
func setUp(ctx context.Context, w *world, mixes []string, users int, password string) error {
	w.sessions = map[string][]*session{}
	for _, mix := range mixes {
		names := mixUsers[mix]
		for i := range users {
			name := names[i%len(names)]
			var a loginAnswer
			if err := w.call(ctx, "", http.MethodPost, "/auth/login", map[string]string{"username": name, "password": password}, &a); err != nil {
				return fmt.Errorf("sign in %s: %w", name, err)
			}
			s := &session{label: fmt.Sprintf("%s.%d", name, i), user: name, mix: mix, token: a.Token, depts: a.User.Depts}
			if a.User.StoreID != nil {
				s.storeID = *a.User.StoreID
			}
			loc := time.UTC
			if a.User.Store != nil {
				if l, err := time.LoadLocation(a.User.Store.Timezone); err == nil {
					loc = l
				}
			}
			s.today = time.Now().In(loc).Format(time.DateOnly)
			w.sessions[mix] = append(w.sessions[mix], s)
		}
	}
	var any1 *session
	for _, mix := range mixes {
		any1 = w.sessions[mix][0]
	}
	if hq := w.sessions[mixHQ]; len(hq) > 0 {
		any1 = hq[0]
	}
	var stores struct {
		Items []struct {
			ID int64 `json:"id"`
		} `json:"items"`
	}
	if err := w.call(ctx, any1.token, http.MethodGet, "/stores?page_size=500", nil, &stores); err != nil {
		return err
	}
	for _, st := range stores.Items {
		w.stores = append(w.stores, st.ID)
	}
	if len(w.stores) == 0 {
		return fmt.Errorf("no stores visible to %s", any1.user)
	}
	if hq := w.sessions[mixHQ]; len(hq) > 0 {
		var camps struct {
			Items []struct {
				ID int64 `json:"id"`
			} `json:"items"`
		}
		if err := w.call(ctx, hq[0].token, http.MethodGet, "/campaigns?page_size=100", nil, &camps); err != nil {
			return err
		}
		for _, c := range camps.Items {
			w.campaigns = append(w.campaigns, c.ID)
		}
	}
	for _, mix := range []string{mixSupervisor, mixPOS} {
		for _, s := range w.sessions[mix] {
			var inv struct {
				Items []inventoryItem `json:"items"`
			}
			if err := w.call(ctx, s.token, http.MethodGet, fmt.Sprintf("/stores/%d/inventory?page_size=500", s.storeID), nil, &inv); err != nil {
				return err
			}
			s.skus = pickSKUs(inv.Items, mix, s.depts)
		}
	}
	return nil
}

// pickSKUs chooses a session's products: a supervisor's are their departments' products with
// at least 1 in stock (write-offs take 0.001); the POS feed's are up to 20 products of the
// non-fresh departments (so its sales do not eat the supervisors' write-off stock).
func pickSKUs(items []inventoryItem, mix string, depts []string) []string {
	fresh := []string{"produce", "meat", "seafood", "deli", "bakery"}
	var out []string
	for _, it := range items {
		switch mix {
		case mixSupervisor:
			if slices.Contains(depts, it.Department) && onHandAtLeastOne(it.OnHand) {
				out = append(out, it.SKU)
			}
		case mixPOS:
			if !slices.Contains(fresh, it.Department) && len(out) < 20 {
				out = append(out, it.SKU)
			}
		}
	}
	return out
}

func onHandAtLeastOne(q string) bool {
	whole, _, _ := strings.Cut(q, ".")
	return whole != "" && whole != "0" && !strings.HasPrefix(whole, "-")
}

// refresh queues open tasks for the supervisors and pending write-offs for the managers,
// every period until ctx ends. Its requests are not part of the measured load.
func refresh(ctx context.Context, w *world, period time.Duration) {
	tick := time.NewTicker(period)
	defer tick.Stop()
	for {
		for _, s := range w.sessions[mixSupervisor] {
			var tasks struct {
				Items []struct {
					ID      int64    `json:"id"`
					Allowed []string `json:"allowed_actions"`
				} `json:"items"`
			}
			if w.call(ctx, s.token, http.MethodGet, fmt.Sprintf("/stores/%d/tasks?mine=true&status=open&page_size=100", s.storeID), nil, &tasks) == nil {
				var ids []int64
				for _, t := range tasks.Items {
					if slices.Contains(t.Allowed, "complete") {
						ids = append(ids, t.ID)
					}
				}
				s.offer(&w.claimed, "task", ids)
			}
		}
		for _, s := range w.sessions[mixManager] {
			var wos struct {
				Items []struct {
					ID int64 `json:"id"`
				} `json:"items"`
			}
			if w.call(ctx, s.token, http.MethodGet, fmt.Sprintf("/stores/%d/write-offs?status=pending&page_size=100", s.storeID), nil, &wos) == nil {
				var ids []int64
				for _, wo := range wos.Items {
					ids = append(ids, wo.ID)
				}
				s.offer(&w.claimed, "write-off", ids)
			}
		}
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
	}
}
