package training

import (
	"testing"

	"github.com/storeops/storeops/internal/platform/civil"
)

func day(s string) civil.Date {
	d, err := civil.Parse(s)
	if err != nil {
		panic(err)
	}
	return d
}

func TestCertState(t *testing.T) {
	today := day("2026-12-01")
	for _, tc := range []struct {
		name    string
		expires string
		want    string
		left    int
	}{
		{"expired yesterday", "2026-11-30", CertExpired, -1},
		{"expires today", "2026-12-01", CertExpiring, 0},
		{"30 days left", "2026-12-31", CertExpiring, 30},
		{"31 days left", "2027-01-01", CertValid, 31},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, left := CertState(&Certificate{ExpiresOn: day(tc.expires)}, today, ExpiringWindow)
			if got != tc.want || left == nil || *left != tc.left {
				t.Fatalf("got %s %v, want %s %d", got, left, tc.want, tc.left)
			}
		})
	}
	if got, left := CertState(nil, today, 30); got != CertMissing || left != nil {
		t.Fatalf("no certificate: %s %v", got, left)
	}
}

func TestReminderDue(t *testing.T) {
	for left, want := range map[int]int{31: 0, 30: 30, 8: 30, 7: 7, 0: 7, -1: 0} {
		if got := ReminderDue(left); got != want {
			t.Errorf("ReminderDue(%d) = %d, want %d", left, got, want)
		}
	}
}

func TestAddMonths(t *testing.T) {
	for from, want := range map[string]string{"2024-02-29": "2025-02-28", "2026-01-31": "2027-01-31", "2026-03-15": "2027-03-15"} {
		if got := AddMonths(day(from), 12).String(); got != want {
			t.Errorf("AddMonths(%s, 12) = %s, want %s", from, got, want)
		}
	}
}

func TestLapsed(t *testing.T) {
	today := day("2026-12-01")
	rules := []Rule{{Topic: TopicFoodSafety, ValidityMonths: 12, FoodHandlers: true}}
	emps := []Employee{{ID: 1, Active: true, FoodHandler: true}, {ID: 2, Active: true, FoodHandler: true},
		{ID: 3, Active: true, FoodHandler: true}, {ID: 4, Active: true}, {ID: 5, FoodHandler: true}}
	last := map[int64]map[string]civil.Date{
		1: {TopicFoodSafety: day("2026-01-15")}, // valid until 2027-01-15
		2: {TopicFoodSafety: day("2025-12-01")}, // lapsed today
	}
	got := Lapsed(emps, rules, last, today)
	if len(got) != 2 || got[0].Employee.ID != 2 || got[0].DueOn.String() != "2026-12-01" || got[1].Employee.ID != 3 || got[1].LastOn != nil {
		t.Fatalf("lapsed: %+v", got)
	}
}

func TestCertificateValidate(t *testing.T) {
	if err := (Certificate{Number: "A", IssuedOn: day("2026-01-02"), ExpiresOn: day("2026-01-01")}).Validate(); err == nil {
		t.Fatal("expiry before issue passed")
	}
	if err := (Certificate{Number: "A", IssuedOn: day("2026-01-01"), ExpiresOn: day("2027-01-01")}).Validate(); err != nil {
		t.Fatal(err)
	}
}
