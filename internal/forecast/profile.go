package forecast

import "math"

const (
	maxProfileWeeks = 104 // weekday shapes drift: read the last two years
	fourierK        = 5   // harmonics of the yearly profile; sharp peaks belong to events
	minYearlyWeeks  = 53  // more than a year of weeks before a series has its own yearly shape
)

// clean reports whether day i of the series shows plain demand: stock known, no promotion,
// no calendar event.
func clean(s *Series, ix *eventIndex, i int) bool {
	return s.known(i) && !s.promo(i) && len(ix.on(s.Start+Day(i))) == 0
}

// rawWeekday estimates a series' weekday factors as the mean, per weekday, of the ratio of
// a day's sales to its week's mean (so trend and yearly season cancel), with the sampling
// variance of those means. It returns nil when some weekday has fewer than two weeks.
func rawWeekday(s *Series, ix *eventIndex) ([]float64, float64) {
	n := s.Len()
	weeks := min(n/7, maxProfileWeeks)
	f := [7]float64{1, 1, 1, 1, 1, 1, 1}
	var sum, sum2, cnt [7]float64
	for iter := 0; iter < 2; iter++ {
		sum, sum2, cnt = [7]float64{}, [7]float64{}, [7]float64{}
		for w := 0; w < weeks; w++ {
			lo := n - 7*(w+1)
			sy, sf, days := 0.0, 0.0, 0
			for i := lo; i < lo+7; i++ {
				if clean(s, ix, i) {
					sy += float64(s.Sales[i])
					sf += f[(s.Start + Day(i)).Weekday()]
					days++
				}
			}
			if days < 4 || sy <= 0 {
				continue
			}
			mean := sy / sf
			for i := lo; i < lo+7; i++ {
				if clean(s, ix, i) {
					r := float64(s.Sales[i]) / mean
					d := (s.Start + Day(i)).Weekday()
					sum[d] += r
					sum2[d] += r * r
					cnt[d]++
				}
			}
		}
		for d := range f {
			if cnt[d] < 2 {
				return nil, 0
			}
			f[d] = sum[d] / cnt[d]
		}
		normalise(f[:])
	}
	v := 0.0
	for d := range f {
		m := sum[d] / cnt[d]
		v += math.Max(sum2[d]/cnt[d]-m*m, 1e-6) / cnt[d] / 7
	}
	return f[:], v
}

func normalise(f []float64) {
	t := 0.0
	for _, x := range f {
		t += x
	}
	if t <= 0 {
		for i := range f {
			f[i] = 1
		}
		return
	}
	for i := range f {
		f[i] = math.Max(0, f[i]*float64(len(f))/t)
	}
}

// rawYearly fits log weekly demand (deseasonalised by weekday) with a quadratic trend and
// fourierK harmonics of the year, and returns the harmonic coefficients with their mean
// sampling variance. It returns nil with a year or less of usable weeks.
func rawYearly(s *Series, ix *eventIndex, wd *[7]float64) ([]float64, float64) {
	n := s.Len()
	type pt struct{ t, m float64 }
	var pts []pt
	total := 0.0
	for lo := n - 7; lo >= 0; lo -= 7 {
		sy, sf, days := 0.0, 0.0, 0
		for i := lo; i < lo+7; i++ {
			if clean(s, ix, i) {
				sy += float64(s.Sales[i])
				sf += wd[(s.Start + Day(i)).Weekday()]
				days++
			}
		}
		if days < 4 || sf <= 0 {
			continue
		}
		pts = append(pts, pt{float64(s.Start) + float64(lo) + 3, sy / sf})
		total += sy / sf
	}
	if len(pts) < minYearlyWeeks || pts[0].t-pts[len(pts)-1].t < 365 {
		return nil, 0
	}
	// A small offset keeps weeks without sales finite without flattening the shape.
	delta := 0.02*total/float64(len(pts)) + 1e-9
	center := (pts[0].t + pts[len(pts)-1].t) / 2
	p := 3 + 2*fourierK
	ata := make([][]float64, p)
	for i := range ata {
		ata[i] = make([]float64, p)
	}
	atb := make([]float64, p)
	row := make([]float64, p)
	design := func(t float64) {
		u := (t - center) / yearDays
		row[0], row[1], row[2] = 1, u, u*u
		w := 2 * math.Pi * t / yearDays
		for k := 0; k < fourierK; k++ {
			sn, cs := math.Sincos(float64(k+1) * w)
			row[3+2*k], row[4+2*k] = cs, sn
		}
	}
	for _, q := range pts {
		design(q.t)
		y := math.Log(q.m + delta)
		for i := 0; i < p; i++ {
			atb[i] += row[i] * y
			for j := 0; j < p; j++ {
				ata[i][j] += row[i] * row[j]
			}
		}
	}
	coef, invDiag, ok := solve(ata, atb)
	if !ok {
		return nil, 0
	}
	rss := 0.0
	for _, q := range pts {
		design(q.t)
		fit := 0.0
		for i := 0; i < p; i++ {
			fit += row[i] * coef[i]
		}
		e := math.Log(q.m+delta) - fit
		rss += e * e
	}
	sigma2 := rss / float64(len(pts)-p)
	v := 0.0
	for i := 3; i < p; i++ {
		v += sigma2 * invDiag[i] / float64(p-3)
	}
	return coef[3:], v
}

// solve solves the symmetric system a·x = b by Gauss–Jordan elimination with partial
// pivoting and also returns the diagonal of a's inverse (for coefficient variances).
func solve(a [][]float64, b []float64) ([]float64, []float64, bool) {
	p := len(b)
	m := make([][]float64, p)
	for i := range m {
		m[i] = make([]float64, 2*p+1)
		copy(m[i], a[i])
		m[i][p+i] = 1
		m[i][2*p] = b[i]
	}
	for c := 0; c < p; c++ {
		piv := c
		for r := c + 1; r < p; r++ {
			if math.Abs(m[r][c]) > math.Abs(m[piv][c]) {
				piv = r
			}
		}
		if math.Abs(m[piv][c]) < 1e-12 {
			return nil, nil, false
		}
		m[c], m[piv] = m[piv], m[c]
		inv := 1 / m[c][c]
		for j := range m[c] {
			m[c][j] *= inv
		}
		for r := 0; r < p; r++ {
			if r != c && m[r][c] != 0 {
				f := m[r][c]
				for j := range m[r] {
					m[r][j] -= f * m[c][j]
				}
			}
		}
	}
	x, d := make([]float64, p), make([]float64, p)
	for i := range x {
		x[i], d[i] = m[i][2*p], m[i][p+i]
	}
	return x, d, true
}
