package coldchain

import (
	"errors"
	"testing"
	"time"

	"github.com/storeops/storeops/internal/org"
	"github.com/storeops/storeops/internal/platform/apperr"
	"github.com/storeops/storeops/internal/platform/authz"
	"github.com/storeops/storeops/internal/platform/fixed"
	"github.com/storeops/storeops/internal/safety"
)

func c(s string) Celsius {
	v, err := fixed.ParseMoney(s)
	if err != nil {
		panic(err)
	}
	return v
}

func cp(s string) *Celsius { v := c(s); return &v }

func TestApplyOpensExtendsAndCloses(t *testing.T) {
	t0 := time.Date(2026, 12, 1, 8, 0, 0, 0, time.UTC)
	at := func(m int) time.Time { return t0.Add(time.Duration(m) * time.Minute) }
	tests := []struct {
		name       string
		cur        *Excursion
		points     []Point
		wantN      int
		wantStatus string
		wantCount  int
		wantMax    string
	}{
		{"in range opens nothing", nil, []Point{{At: at(0), Celsius: c("3")}}, 0, "", 0, ""},
		{"one out opens", nil, []Point{{At: at(0), Celsius: c("7"), OutOfRange: true}}, 1, AlertOpen, 1, "7.00"},
		{"more out extend the same one", nil, []Point{{At: at(1), Celsius: c("8"), OutOfRange: true},
			{At: at(0), Celsius: c("7"), OutOfRange: true}, {At: at(2), Celsius: c("6"), OutOfRange: true}}, 1, AlertOpen, 3, "8.00"},
		{"back in range closes", nil, []Point{{At: at(0), Celsius: c("7"), OutOfRange: true},
			{At: at(1), Celsius: c("3")}}, 1, AlertClosed, 1, "7.00"},
		{"an older in-range reading does not close", &Excursion{ID: 9, Status: AlertAcknowledged, StartedAt: at(5),
			LastSeenAt: at(5), Min: c("7"), Max: c("7"), Count: 1}, []Point{{At: at(1), Celsius: c("3")}}, 1, AlertAcknowledged, 1, "7.00"},
		{"closed then out again opens a second", nil, []Point{{At: at(0), Celsius: c("7"), OutOfRange: true},
			{At: at(1), Celsius: c("3")}, {At: at(2), Celsius: c("9"), OutOfRange: true}}, 2, AlertOpen, 1, "9.00"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Apply(tt.cur, tt.points)
			if len(got) != tt.wantN {
				t.Fatalf("got %d excursions, want %d", len(got), tt.wantN)
			}
			if tt.wantN == 0 {
				return
			}
			last := got[len(got)-1]
			if last.Status != tt.wantStatus || last.Count != tt.wantCount || last.Max.String() != tt.wantMax {
				t.Errorf("got %s count %d max %s, want %s %d %s", last.Status, last.Count, last.Max, tt.wantStatus, tt.wantCount, tt.wantMax)
			}
		})
	}
}

func TestCheckReadingsNamesTheBadLine(t *testing.T) {
	now := time.Date(2026, 12, 1, 8, 0, 0, 0, time.UTC)
	good := NewReading{EquipmentID: 1, RecordedAt: now.Add(-time.Minute), Celsius: c("3")}
	tests := []struct {
		name  string
		bad   NewReading
		field string
	}{
		{"minus 100", NewReading{EquipmentID: 1, RecordedAt: now, Celsius: c("-100")}, "readings[1].celsius"},
		{"500", NewReading{EquipmentID: 1, RecordedAt: now, Celsius: c("500")}, "readings[1].celsius"},
		{"future", NewReading{EquipmentID: 1, RecordedAt: now.Add(time.Hour), Celsius: c("3")}, "readings[1].recorded_at"},
		{"no equipment", NewReading{RecordedAt: now, Celsius: c("3")}, "readings[1].equipment_id"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := CheckReadings([]NewReading{good, tt.bad}, now)
			fe, ok := err.(interface{ Error() string })
			if !ok || err == nil {
				t.Fatalf("want an error naming %s", tt.field)
			}
			if !containsField(err, tt.field) {
				t.Errorf("error %v does not name %s", fe, tt.field)
			}
		})
	}
	if err := CheckReadings([]NewReading{good}, now); err != nil {
		t.Errorf("a good reading refused: %v", err)
	}
}

func containsField(err error, field string) bool {
	var fe apperr.FieldErrors
	if errors.As(err, &fe) {
		_, has := fe[field]
		return has
	}
	return false
}

func TestPickReadingTakesTheOverlappingItem(t *testing.T) {
	rs := []safety.ItemReading{{ItemID: 1, Min: cp("0"), Max: cp("4"), Celsius: c("7")},
		{ItemID: 2, Max: cp("-18"), Celsius: c("-20")}}
	if got := PickReading(rs, cp("0"), cp("4")); got != 0 {
		t.Errorf("cold room: got item index %d, want 0", got)
	}
	if got := PickReading(rs, nil, cp("-18")); got != 1 {
		t.Errorf("freezer: got item index %d, want 1", got)
	}
	if got := PickReading(rs, cp("100"), nil); got != 0 {
		t.Errorf("oven: got item index %d, want 0 (the first)", got)
	}
	if got := PickReading(nil, nil, nil); got != -1 {
		t.Errorf("none: got %d, want -1", got)
	}
}

func TestDownsamplerKeepsMinAndMaxPerBucket(t *testing.T) {
	from := time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)
	d := Downsampler{Bucket: BucketSeconds(from, from.Add(24*time.Hour), 250), From: from}
	n := 0
	for m := 0; m < 24*60; m++ {
		v := c("3")
		if m == 601 {
			v = c("9")
		}
		d.Add(from.Add(time.Duration(m)*time.Minute), v, m == 601)
		n++
	}
	pts := d.Points()
	if len(pts) > 250 || len(pts) < 200 {
		t.Fatalf("got %d points for %d readings, want at most 250", len(pts), n)
	}
	found := false
	for _, p := range pts {
		if p.Max == c("9") && p.OutOfRange && p.Min == c("3") {
			found = true
		}
	}
	if !found {
		t.Error("the 9 °C spike was lost in downsampling")
	}
}

func TestRulesOfEquipmentAndCosts(t *testing.T) {
	e := Equipment{Kind: KindFreezer, Name: "冷冻柜", DepartmentCode: "meat", MinCelsius: cp("-10"), MaxCelsius: cp("-20")}
	if err := e.Validate(); !containsField(err, "min_celsius") {
		t.Errorf("min above max: %v", err)
	}
	lo, hi := DefaultRange(KindColdRoom)
	if !InRange(c("4"), lo, hi) || InRange(c("4.01"), lo, hi) || InRange(c("-0.5"), lo, hi) {
		t.Error("cold room 0–4 °C range")
	}
	lo, hi = DefaultRange(KindFreezer)
	if !InRange(c("-25"), lo, hi) || InRange(c("-17"), lo, hi) {
		t.Error("freezer ≤ −18 °C range")
	}
	if !Posts(MaintenanceRepair, c("680"), false) || Posts(MaintenanceRepair, c("680"), true) ||
		Posts(MaintenanceRoutine, c("100"), false) || Posts(MaintenanceRepair, 0, false) {
		t.Error("only a repair with a cost not via the ERP posts")
	}
	users := []org.User{{ID: 1, Role: authz.RoleStoreManager}, {ID: 2, Role: authz.RoleSupervisor, DepartmentCodes: []string{"meat"}}}
	if u, _ := PickOwner(users, "meat"); u.ID != 2 {
		t.Errorf("meat's owner: got %d, want the supervisor", u.ID)
	}
	if u, _ := PickOwner(users, "produce"); u.ID != 1 {
		t.Errorf("produce's owner: got %d, want the manager", u.ID)
	}
}
