package coldchain

import (
	"context"
	"time"

	"github.com/storeops/storeops/internal/platform/apperr"
	"github.com/storeops/storeops/internal/platform/authz"
)

// MaxPoints is about how many points a chart answers: longer ranges are cut into buckets with
// the lowest and highest reading of each.
const MaxPoints = 500

// MaxChartRange is the longest range one chart reads.
const MaxChartRange = 92 * 24 * time.Hour

// ChartPoint is one reading, or one bucket's lowest and highest readings.
type ChartPoint struct {
	At         time.Time
	Min, Max   Celsius
	Readings   int
	OutOfRange bool
}

// Chart is a piece of equipment's temperatures over a range, with its allowed range and the
// alerts that overlap it.
type Chart struct {
	Equipment     Equipment
	From, To      time.Time
	BucketSeconds int64 // 0: every reading
	Points        []ChartPoint
	Alerts        []Alert
}

// Temperatures answers the chart of equipment id from from to to (at most MaxChartRange).
func (s *Service) Temperatures(ctx context.Context, p *authz.Principal, id int64, from, to time.Time) (Chart, error) {
	eq, err := s.GetEquipment(ctx, p, id)
	if err != nil {
		return Chart{}, err
	}
	if !to.After(from) || to.Sub(from) > MaxChartRange {
		return Chart{}, apperr.FieldErrors{"to": "must be after from, at most 92 days later"}
	}
	out := Chart{Equipment: eq, From: from, To: to, Points: []ChartPoint{}}
	var n int64
	q := s.db.WithContext(ctx).Model(&logRow{}).Where("equipment_id = ? AND recorded_at >= ? AND recorded_at < ?", id, from, to)
	if err := q.Count(&n).Error; err != nil {
		return Chart{}, err
	}
	if n > MaxPoints {
		out.BucketSeconds = BucketSeconds(from, to, MaxPoints/2)
	}
	rows, err := q.Select("recorded_at, celsius, out_of_range").Order("recorded_at").Rows()
	if err != nil {
		return Chart{}, err
	}
	defer rows.Close()
	b := Downsampler{Bucket: out.BucketSeconds, From: from}
	for rows.Next() {
		var r logRow
		if err := rows.Scan(&r.RecordedAt, &r.Celsius, &r.OutOfRange); err != nil {
			return Chart{}, err
		}
		b.Add(r.RecordedAt, r.Celsius, r.OutOfRange)
	}
	if err := rows.Err(); err != nil {
		return Chart{}, err
	}
	out.Points = b.Points()
	var ex []excursionRow
	err = s.db.WithContext(ctx).Where("equipment_id = ? AND started_at < ? AND (ended_at IS NULL OR ended_at >= ?)", id, to, from).
		Order("started_at").Limit(200).Find(&ex).Error
	if err != nil {
		return Chart{}, err
	}
	out.Alerts, _, err = s.withEquipment(ctx, ex, 0)
	return out, err
}

// BucketSeconds is the bucket width that cuts from–to into at most buckets buckets.
func BucketSeconds(from, to time.Time, buckets int) int64 {
	span := int64(to.Sub(from) / time.Second)
	return max(1, (span+int64(buckets)-1)/int64(buckets))
}

// Downsampler folds readings, oldest first, into buckets of Bucket seconds from From (0:
// one point per reading), keeping each bucket's lowest and highest reading.
type Downsampler struct {
	Bucket int64
	From   time.Time
	points []ChartPoint
	last   int64
}

// Add folds one reading in.
func (d *Downsampler) Add(at time.Time, c Celsius, out bool) {
	if d.Bucket == 0 {
		d.points = append(d.points, ChartPoint{At: at, Min: c, Max: c, Readings: 1, OutOfRange: out})
		return
	}
	k := int64(at.Sub(d.From)/time.Second) / d.Bucket
	if n := len(d.points); n > 0 && d.last == k {
		pt := &d.points[n-1]
		pt.Min, pt.Max, pt.Readings, pt.OutOfRange = min(pt.Min, c), max(pt.Max, c), pt.Readings+1, pt.OutOfRange || out
		return
	}
	d.last = k
	start := d.From.Add(time.Duration(k*d.Bucket) * time.Second)
	d.points = append(d.points, ChartPoint{At: start, Min: c, Max: c, Readings: 1, OutOfRange: out})
}

// Points answers the folded points.
func (d *Downsampler) Points() []ChartPoint {
	if d.points == nil {
		return []ChartPoint{}
	}
	return d.points
}
