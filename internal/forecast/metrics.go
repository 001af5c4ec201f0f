package forecast

import "math"

// Accuracy accumulates forecast errors over any number of series and days:
//
//	WAPE  = Σ|F−A| / ΣA
//	SMAPE = mean over days of 2|F−A| / (|F|+|A|), a day with F = A = 0 counting 0
//	bias  = Σ(F−A) / ΣA
//	MASE  = MAE / in-sample MAE of the seasonal-naive (lag 7) forecast; over several
//	        series Σ MAE_series / Σ scale_series, so every series is weighed by its scale.
type Accuracy struct {
	AbsErr, Actual, Err, SMAPESum float64
	Days                          int
	maeSum, scaleSum              float64
}

// Add adds one day.
func (a *Accuracy) Add(f, actual float64) {
	a.AbsErr += math.Abs(f - actual)
	a.Actual += actual
	a.Err += f - actual
	if d := math.Abs(f) + math.Abs(actual); d > 0 {
		a.SMAPESum += 2 * math.Abs(f-actual) / d
	}
	a.Days++
}

// AddSeries adds a whole series' days at once with its MASE scale (see NaiveScale).
func (a *Accuracy) AddSeries(series Accuracy, scale float64) {
	a.AbsErr += series.AbsErr
	a.Actual += series.Actual
	a.Err += series.Err
	a.SMAPESum += series.SMAPESum
	a.Days += series.Days
	if series.Days > 0 {
		a.maeSum += series.AbsErr / float64(series.Days)
		a.scaleSum += scale
	}
	a.maeSum += series.maeSum
	a.scaleSum += series.scaleSum
}

// WAPE is Σ|F−A| / ΣA (NaN without sales).
func (a Accuracy) WAPE() float64 { return ratio(a.AbsErr, a.Actual) }

// SMAPE is the mean symmetric absolute percentage error, between 0 and 2.
func (a Accuracy) SMAPE() float64 { return ratio(a.SMAPESum, float64(a.Days)) }

// Bias is Σ(F−A) / ΣA: positive when the forecast runs high.
func (a Accuracy) Bias() float64 { return ratio(a.Err, a.Actual) }

// MASE is the scaled error of the series added with AddSeries.
func (a Accuracy) MASE() float64 { return ratio(a.maeSum, a.scaleSum) }

func ratio(x, y float64) float64 {
	if y == 0 {
		return math.NaN()
	}
	return x / y
}

// NaiveScale is the in-sample mean absolute error of the seasonal-naive forecast (sales of
// the same weekday a week earlier) over the known days of a history: MASE's denominator.
func NaiveScale(s *Series) float64 {
	sum, n := 0.0, 0
	for i := 7; i < s.Len(); i++ {
		if s.known(i) && s.known(i-7) {
			sum += math.Abs(float64(s.Sales[i] - s.Sales[i-7]))
			n++
		}
	}
	if n == 0 {
		return 0
	}
	return sum / float64(n)
}
