package forecast

import (
	"math"
	"runtime"
	"sync"
	"sync/atomic"
)

// ebPool combines the estimates of a pool's series (nil: the series has none) with their
// sampling variances by empirical Bayes: the pool mean, and the variance tau2 of the true
// values between series (method of moments). A series then keeps the share
// tau2/(tau2+own variance) of its own estimate, so a noisy series leans on the pool and a
// well-measured one that truly differs keeps its own shape. With fewer than three
// estimates there is no spread to measure and each keeps its own (tau2 = +Inf).
func ebPool(vecs [][]float64, vars []float64) (mu []float64, tau2 float64, ok bool) {
	n, dim := 0, 0
	for _, v := range vecs {
		if v != nil {
			n, dim = n+1, len(v)
		}
	}
	if n == 0 {
		return nil, 0, false
	}
	mean := make([]float64, dim)
	meanVar := 0.0
	for i, v := range vecs {
		if v == nil {
			continue
		}
		for j, x := range v {
			mean[j] += x / float64(n)
		}
		meanVar += vars[i] / float64(n)
	}
	if n < 3 {
		return mean, math.Inf(1), true
	}
	spread := 0.0
	for _, v := range vecs {
		if v == nil {
			continue
		}
		for j, x := range v {
			spread += (x - mean[j]) * (x - mean[j])
		}
	}
	spread /= float64((n - 1) * dim)
	tau2 = math.Max(0, spread-meanVar)
	// Precision-weighted mean: well-measured series count more.
	mu = make([]float64, dim)
	wsum := 0.0
	for i, v := range vecs {
		if v == nil {
			continue
		}
		w := 1 / (vars[i] + tau2 + 1e-12)
		wsum += w
		for j, x := range v {
			mu[j] += w * x
		}
	}
	for j := range mu {
		mu[j] /= wsum
	}
	return mu, tau2, true
}

// shrink returns own moved toward mu by the empirical-Bayes weight.
func shrink(own []float64, ownVar float64, mu []float64, tau2 float64) []float64 {
	if own == nil {
		return append([]float64(nil), mu...)
	}
	lambda := 1.0
	if !math.IsInf(tau2, 1) {
		lambda = tau2 / (tau2 + ownVar + 1e-12)
	}
	out := make([]float64, len(own))
	for j := range own {
		out[j] = lambda*own[j] + (1-lambda)*mu[j]
	}
	return out
}

// pooled answers, for each series, the pool estimate to shrink toward: its own pool's when
// at least minPool series of that pool have an estimate, else the whole set's.
type pooled struct {
	mu   map[string][]float64
	tau2 map[string]float64
}

const minPool = 5

func poolEstimates(keys []string, vecs [][]float64, vars []float64) (pooled, bool) {
	p := pooled{mu: map[string][]float64{}, tau2: map[string]float64{}}
	mu, tau2, ok := ebPool(vecs, vars)
	if !ok {
		return p, false
	}
	p.mu[""], p.tau2[""] = mu, tau2
	byKey := map[string][]int{}
	for i, k := range keys {
		if vecs[i] != nil {
			byKey[k] = append(byKey[k], i)
		}
	}
	for k, idx := range byKey {
		if len(idx) < minPool {
			continue
		}
		sv, sr := make([][]float64, len(idx)), make([]float64, len(idx))
		for j, i := range idx {
			sv[j], sr[j] = vecs[i], vars[i]
		}
		p.mu[k], p.tau2[k], _ = ebPool(sv, sr)
	}
	return p, true
}

func (p pooled) get(key string) ([]float64, float64) {
	if mu, ok := p.mu[key]; ok {
		return mu, p.tau2[key]
	}
	return p.mu[""], p.tau2[""]
}

// ratioPool shrinks a ratio y/b toward prior with prior strength priorUnits of b: a
// Poisson–gamma posterior mean, so a few promotion days of a slow seller say little and
// many days of a fast seller say a lot.
func ratioPool(y, b, prior float64) float64 {
	return (y + priorUnits*prior) / (b + priorUnits)
}

// Parallel runs f(0..n-1) on workers goroutines (0: GOMAXPROCS); the backtest scores its
// series with it too.
func Parallel(n, workers int, f func(i int)) {
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(workers, max(n, 1)) {
		wg.Go(func() {
			for {
				i := int(next.Add(1) - 1)
				if i >= n {
					return
				}
				f(i)
			}
		})
	}
	wg.Wait()
}
