package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"time"

	"gorm.io/gorm"

	"github.com/storeops/storeops/internal/app"
	"github.com/storeops/storeops/internal/coldchain"
	"github.com/storeops/storeops/internal/platform/authz"
	"github.com/storeops/storeops/internal/platform/config"
	"github.com/storeops/storeops/internal/platform/database"
	"github.com/storeops/storeops/internal/platform/fixed"
)

const (
	coldchainEquipment = 50     // sensors of the store sending the batches
	coldchainBatch     = 10_000 // readings per request
	coldchainBatches   = 10     // requests timed
)

// coldchainCase registers 50 pieces of cold equipment in the first store (through the
// service), then times sensor batches of 10,000 readings through HTTP (POST
// /stores/{id}/temperature-logs/bulk, as the admin; one reading in 500 out of range, so the
// batches open, extend and close alerts with their corrective actions). The figure is set
// beside the raw limit measured in the same run: the same 10,000 rows written into a scratch
// copy of temperature_logs with database.Bulk in one transaction.
func coldchainCase(ctx context.Context, e *env) error {
	c, _ := config.Load(func(string) string { return "" })
	a, err := app.New(app.Deps{Config: c, DB: e.db, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		return err
	}
	store := e.stores[0]
	sys := authz.System("bench")
	var ids []int64
	for i := range coldchainEquipment {
		eq, err := a.Coldchain.CreateEquipment(ctx, sys, store, coldchain.Equipment{Kind: coldchain.KindDisplayChiller,
			Name: fmt.Sprintf("风幕柜 %02d", i+1), DepartmentCode: "produce"})
		if err != nil {
			return err
		}
		ids = append(ids, eq.ID)
	}
	client := &http.Client{Timeout: time.Minute}
	start := time.Now().UTC().Add(-time.Duration(coldchainBatches*coldchainBatch/coldchainEquipment+10) * time.Minute).Truncate(time.Minute)
	var lat, raw []time.Duration
	opened := 0
	for b := range coldchainBatches {
		readings := make([]map[string]any, 0, coldchainBatch)
		for i := range coldchainBatch {
			n := b*coldchainBatch + i
			temp := "3.20"
			if n%500 == 0 {
				temp = "8.50"
			}
			readings = append(readings, map[string]any{"equipment_id": ids[i%coldchainEquipment],
				"recorded_at": start.Add(time.Duration(n/coldchainEquipment) * time.Minute).Format(time.RFC3339), "celsius": temp})
		}
		t := time.Now()
		body, err := e.stCall(ctx, client, "POST", fmt.Sprintf("/api/v1/stores/%d/temperature-logs/bulk", store),
			map[string]any{"readings": readings})
		if err != nil {
			return err
		}
		lat = append(lat, time.Since(t))
		opened += countOpened(body)
		d, err := e.rawReadings(ctx, store, ids, start.Add(time.Duration(b)*time.Hour))
		if err != nil {
			return err
		}
		raw = append(raw, d)
	}
	fmt.Printf("  sensor batch of %d readings (%d pieces of equipment, %d alerts opened over %d batches): p50 %s p95 %s (target < 1 s); raw bulk insert of the same rows p95 %s: %.1f× raw\n",
		coldchainBatch, coldchainEquipment, opened, coldchainBatches, exact(lat, 50), exact(lat, 95), exact(raw, 95), ratio(lat, raw))
	return nil
}

func countOpened(body []byte) int {
	var r struct {
		Opened []int64 `json:"alerts_opened"`
	}
	_ = json.Unmarshal(body, &r)
	return len(r.Opened)
}

// rawReadings writes 10,000 rows like a batch's into a scratch copy of temperature_logs with
// database.Bulk in one transaction.
func (e *env) rawReadings(ctx context.Context, store int64, ids []int64, start time.Time) (time.Duration, error) {
	db := e.db.WithContext(ctx)
	if err := db.Exec("CREATE TABLE IF NOT EXISTS bench_raw_temperature_logs LIKE temperature_logs").Error; err != nil {
		return 0, err
	}
	bulk := database.Bulk{Table: "bench_raw_temperature_logs", Columns: []string{"equipment_id", "store_id", "recorded_at",
		"source", "celsius", "out_of_range", "note", "created_by", "created_at"}}
	now := time.Now().UTC()
	celsius := fixed.Money(320)
	t := time.Now()
	err := database.Tx(ctx, db, func(tx *gorm.DB) error {
		return bulk.Insert(ctx, tx, coldchainBatch, func(i int, a []any) []any {
			return append(a, ids[i%len(ids)], store, start.Add(time.Duration(i/len(ids))*time.Minute), "sensor", celsius,
				false, "", nil, now)
		})
	})
	return time.Since(t), err
}
