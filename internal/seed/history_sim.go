package seed

import (
	"hash/fnv"
	"math"
	"math/rand/v2"
	"slices"
	"time"

	"github.com/storeops/storeops/internal/catalog"
	"github.com/storeops/storeops/internal/org"
	"github.com/storeops/storeops/internal/platform/civil"
	"github.com/storeops/storeops/internal/platform/fixed"
)

// feedLine is one simulated sale or receipt. For sales, a is net sales and b the cost; for
// receipts, a is the cost of the line.
type feedLine struct {
	sku  string
	qty  fixed.Qty
	a, b fixed.Money
}

// storeHistory is one store's simulated past, bucketed by day so uploads go in date order.
type storeHistory struct {
	code     string
	scale    float64
	first    civil.Date   // first day of sales; the opening receipt is the day before
	days     int          // days of sales
	receipts [][]feedLine // receipts[i+1] holds day i; receipts[0] the opening stock
	sales    [][]feedLine // sales[i] holds day i
	promos   map[string]promoSpan
}

func newStoreHistory(code string, first civil.Date, days int) *storeHistory {
	scale, ok := storeScale[code]
	if !ok {
		scale = 1
	}
	return &storeHistory{code: code, scale: scale, first: first, days: days,
		receipts: make([][]feedLine, days+1), sales: make([][]feedLine, days)}
}

// date is the business date of day i; day -1 is the opening receipt.
func (h *storeHistory) date(i int) civil.Date { return h.first.AddDays(i) }

// rhythm is the store-wide factor of day i: the weekday and a slow growth of 8 % over the
// window (a store still winning customers).
func (h *storeHistory) rhythm(i int) float64 {
	return weekdayFactor[h.date(i).Weekday()] * (0.96 + 0.08*float64(i)/float64(h.days))
}

// streamSeed derives a random stream from names, so it never depends on database ids or time.
func streamSeed(parts ...string) uint64 {
	f := fnv.New64a()
	for _, p := range parts {
		f.Write([]byte(p))
		f.Write([]byte{0})
	}
	return f.Sum64()
}

// addProduct simulates one product in the store: a daily demand, deliveries that top the
// stock up to the demand until the next delivery plus 15 % (whole cases), and sales that
// stop when the shelf is empty.
func (h *storeHistory) addProduct(p *catalog.Ref) {
	d := demandOf(p, h.code, h.scale)
	rng := rand.New(rand.NewPCG(streamSeed("daily", h.code), streamSeed(p.SKU)))
	every := deliveryEvery(p)
	forecast := make([]float64, h.days+every)
	for i := range forecast {
		forecast[i] = d.base * h.rhythm(i) * seasonal(p, h.date(i))
		if sp, ok := h.promoOn(p.SKU, i); ok {
			forecast[i] *= sp.lift // the campaign sells more, and the store orders for it
		}
	}
	cover := func(i int) float64 {
		sum := 0.0
		for _, f := range forecast[i : i+every] {
			sum += f
		}
		return sum
	}
	casePack := p.CaseContents
	if casePack <= 0 {
		casePack = fixed.QtyOf(1)
	}
	onHand := roundUpToCases(1.2*cover(0), casePack)
	h.receipt(-1, p, onHand, rng)
	for i := 0; i < h.days; i++ {
		if i%every == 0 {
			if need := 1.15*cover(i) - float64(onHand)/1000; need > 0 {
				q := roundUpToCases(need, casePack)
				h.receipt(i, p, q, rng)
				onHand += q
			}
		}
		want := d.draw(forecast[i], rng)
		sold := min(want, max(onHand, 0)) // an empty shelf sells nothing more that day
		if sold > 0 {
			h.sale(i, p, sold, rng)
			onHand -= sold
		}
	}
}

// promoOn answers the demo campaign selling sku on day i, if any.
func (h *storeHistory) promoOn(sku string, i int) (promoSpan, bool) {
	sp, ok := h.promos[sku]
	d := h.date(i)
	return sp, ok && d >= sp.from && d <= sp.to
}

// receipt books a delivery at the catalogue cost give or take 3 %.
func (h *storeHistory) receipt(day int, p *catalog.Ref, qty fixed.Qty, rng *rand.Rand) {
	unit := fixed.Money(math.Round(float64(p.CostPrice) * (0.97 + 0.06*rng.Float64())))
	cost, _ := unit.MulQty(qty)
	h.receipts[day+1] = append(h.receipts[day+1], feedLine{sku: p.SKU, qty: qty, a: cost})
}

// sale books a day's POS total; a perishable line is now and then partly sold off near
// closing time, 5-20 % below the retail price over the day.
func (h *storeHistory) sale(day int, p *catalog.Ref, qty fixed.Qty, rng *rand.Rand) {
	cost, _ := p.CostPrice.MulQty(qty)
	if sp, ok := h.promoOn(p.SKU, day); ok { // a campaign's day: the promo price all day
		net, _ := sp.price.MulQty(qty)
		h.sales[day] = append(h.sales[day], feedLine{sku: p.SKU, qty: qty, a: net, b: cost})
		return
	}
	off := int64(0)
	if p.Perishable && rng.Float64() < 0.2 {
		off = 5 + rng.Int64N(16)
	}
	num := int64(p.RetailPrice) * int64(qty) * (100 - off)
	net := fixed.Money((num + 50_000) / 100_000)
	h.sales[day] = append(h.sales[day], feedLine{sku: p.SKU, qty: qty, a: net, b: cost})
}

// roundUpToCases orders whole cases covering need (in units or kg).
func roundUpToCases(need float64, casePack fixed.Qty) fixed.Qty {
	milli := int64(math.Ceil(need * 1000))
	cases := (milli + int64(casePack) - 1) / int64(casePack)
	return fixed.Qty(max(cases, 1) * int64(casePack))
}

// deliveryEvery is how many days apart a product is delivered, by how long it keeps.
func deliveryEvery(p *catalog.Ref) int {
	switch {
	case !p.Perishable:
		return 7
	case p.DepartmentCode == "bakery" || p.ShelfLifeDays <= 1:
		return 1
	case p.DepartmentCode == "meat" || p.DepartmentCode == "deli":
		return 2
	case p.ShelfLifeDays <= 3:
		return 1
	case p.ShelfLifeDays <= 7:
		return 2
	case p.ShelfLifeDays <= 30:
		return 3
	}
	return 7
}

// volume is the range of a category's base daily sales per product, in its unit (kg or
// each), at a store of scale 1 on an ordinary weekday.
type volume struct{ lo, hi float64 }

var categoryVolume = map[string]volume{
	"叶菜": {15, 40}, "根茎": {10, 35}, "瓜果": {15, 40}, "菌菇": {5, 15}, "水果": {20, 60},
	"猪肉": {20, 50}, "牛肉": {5, 15}, "羊肉": {3, 10}, "禽类": {10, 30}, "蛋类": {15, 40},
	"鱼类": {5, 20}, "虾蟹贝": {5, 15}, "冻品": {3, 10},
	"卤味": {5, 15}, "烧腊": {10, 30}, "凉菜": {5, 12}, "面点": {30, 120},
	"面包": {20, 60}, "蛋糕": {5, 20}, "西点": {10, 40},
	"饮料": {10, 40}, "零食": {3, 12},
}

var departmentVolume = map[string]volume{"produce": {10, 30}, "meat": {8, 25}, "seafood": {5, 15},
	"deli": {10, 30}, "bakery": {15, 40}, "dry": {2, 10}}

// season is when a category sells best (day of the year) and by how much more.
type season struct {
	peak int
	amp  float64
}

var categorySeason = map[string]season{
	"水果": {200, 0.12}, "叶菜": {100, 0.06}, "羊肉": {15, 0.25}, "冻品": {15, 0.15},
	"饮料": {210, 0.2}, "冲调": {15, 0.1}, "蛋糕": {30, 0.08},
}

// seasonal is a product's seasonal factor on a date: mild, peaking once a year.
func seasonal(p *catalog.Ref, d civil.Date) float64 {
	s, ok := categorySeason[p.Category]
	if !ok {
		s = season{200, 0.04}
	}
	doy := d.Time().YearDay()
	return 1 + s.amp*math.Cos(2*math.Pi*float64(doy-s.peak)/365)
}

// demand is a product's selling pattern in one store.
type demand struct {
	base       float64 // mean daily sales on an ordinary weekday, in the product's unit
	each       bool    // sold in whole units
	saleChance float64 // chance a slow mover sold by weight sells at all on a day
}

// demandOf sizes a product: how popular it is comes from its SKU alone (a best seller sells
// well everywhere), give or take 15 % per store, times the store's scale. Dear items sell
// less; about one in ten products is a slow mover with days without a sale.
func demandOf(p *catalog.Ref, storeCode string, scale float64) demand {
	rng := rand.New(rand.NewPCG(streamSeed("product"), streamSeed(p.SKU)))
	v, ok := categoryVolume[p.Category]
	if !ok {
		if v, ok = departmentVolume[p.DepartmentCode]; !ok {
			v = volume{2, 10}
		}
	}
	d := demand{each: p.Unit == catalog.UnitEach, saleChance: 1}
	d.base = v.lo + (v.hi-v.lo)*rng.Float64()
	switch retail := float64(p.RetailPrice) / 100; {
	case retail >= 100:
		d.base *= 0.25
	case retail >= 60:
		d.base *= 0.4
	case retail >= 30:
		d.base *= 0.6
	}
	if rng.Float64() < 0.1 {
		d.base = 0.3 + 1.2*rng.Float64()
		if !d.each {
			d.saleChance = 0.35 + 0.35*rng.Float64()
		}
	}
	local := rand.New(rand.NewPCG(streamSeed("store", storeCode), streamSeed(p.SKU)))
	d.base *= scale * (0.85 + 0.3*local.Float64())
	return d
}

// draw is one day's demand around mean: weighed goods to the gram, counted goods in whole
// units (Poisson for the few-a-day ones, so slow movers have days without a sale).
func (d demand) draw(mean float64, rng *rand.Rand) fixed.Qty {
	if d.saleChance < 1 {
		if rng.Float64() >= d.saleChance {
			return 0
		}
		mean /= d.saleChance
	}
	x := mean * min(max(math.Exp(0.12*rng.NormFloat64()-0.0072), 0.6), 1.6)
	if !d.each {
		return fixed.Qty(math.Round(x * 1000))
	}
	if x < 8 {
		return fixed.QtyOf(poisson(x, rng))
	}
	return fixed.QtyOf(int64(x + rng.Float64()))
}

// poisson draws a Poisson count with a small mean (Knuth's method).
func poisson(mean float64, rng *rand.Rand) int64 {
	limit, k, prod := math.Exp(-mean), int64(0), rng.Float64()
	for prod > limit {
		k++
		prod *= rng.Float64()
	}
	return k
}

// labourPlan is a department's usual staffing at a store of scale 1, and its hourly cost.
type labourPlan struct{ headcount, rate float64 }

var departmentLabour = map[string]labourPlan{"produce": {5, 28}, "meat": {4.5, 32}, "seafood": {3.5, 30},
	"deli": {4, 30}, "bakery": {3.5, 33}, "dry": {4, 25}}

// wageLevel adjusts hourly rates to the city.
var wageLevel = map[string]float64{"gz-tianhe": 0.95}

func isFresh(department string) bool {
	i := slices.IndexFunc(Departments, func(d org.Department) bool { return d.Code == department })
	return i >= 0 && Departments[i].Kind == org.KindFresh
}

// writeLabour writes day k's labour of every department: half-person steps (part-timers),
// an extra half on fresh counters at weekends, now and then one short; about eight hours
// each.
func (h *storeHistory) writeLabour(w *lineWriter, k int, depts []string, rng *rand.Rand) {
	d := h.date(k)
	date := d.String()
	weekend := d.Weekday() == time.Saturday || d.Weekday() == time.Sunday
	wage, ok := wageLevel[h.code]
	if !ok {
		wage = 1
	}
	for _, dept := range depts {
		plan, ok := departmentLabour[dept]
		if !ok {
			plan = labourPlan{3, 28}
		}
		hc := plan.headcount * h.scale
		if weekend && isFresh(dept) {
			hc += 0.5
		}
		if rng.Float64() < 0.1 {
			hc -= 0.5
		}
		hc = min(max(math.Round(hc*2)/2, 2), 7)
		hours := fixed.Qty(math.Round(hc*8*(1+0.05*rng.NormFloat64())*10) * 100)
		cost, _ := fixed.Money(math.Round(plan.rate * wage * 100)).MulQty(hours)
		w.begin()
		w.text("business_date", date)
		w.text("department_code", dept)
		w.decimal("headcount", int64(hc*1000), 3)
		w.decimal("hours", int64(hours), 3)
		w.decimal("cost", int64(cost), 2)
		w.end()
	}
}

// expense is one simulated cost line.
type expense struct {
	day                  int
	dept, category, note string
	amount               fixed.Money
}

// weeklyMaterials is a fresh department's weekly packaging bill at scale 1, in yuan.
var weeklyMaterials = map[string]float64{"produce": 420, "meat": 300, "seafood": 220, "deli": 360, "bakery": 320}

// repair is a breakdown that may happen to a department, with its cost range in yuan.
type repair struct {
	dept, note string
	lo, hi     float64
}

var repairs = []repair{
	{"seafood", "冷库压缩机维修", 1500, 3000}, {"meat", "冷库压缩机维修", 1500, 3000},
	{"produce", "电子秤维修", 200, 600}, {"meat", "电子秤维修", 200, 600}, {"deli", "切片机维修", 300, 900},
	{"bakery", "烤箱维修", 800, 2500}, {"seafood", "增氧泵更换", 200, 500}, {"produce", "冷柜温控器更换", 300, 1200},
	{"dry", "货架维修", 200, 800}, {"deli", "保温展示柜维修", 400, 1500},
}

// repairsPerStore is how many breakdowns each store had over the window.
const repairsPerStore = 5

// expenses lists the store's costs by day: packaging every Monday for each fresh
// department, ice twice a week for seafood, cleaning supplies on the first of each month
// and a handful of repairs.
func (h *storeHistory) expenses(depts []string) []expense {
	rng := rand.New(rand.NewPCG(streamSeed("expenses", h.code), 0))
	yuan := func(v float64) fixed.Money { return fixed.Money(math.Round(v * 100)) }
	noise := func() float64 { return 0.85 + 0.3*rng.Float64() }
	var out []expense
	for i := 0; i < h.days; i++ {
		d := h.date(i)
		for _, dept := range depts {
			if m, ok := weeklyMaterials[dept]; ok && d.Weekday() == time.Monday {
				out = append(out, expense{i, dept, "materials", "包装材料", yuan(m * h.scale * noise())})
			}
			if dept == "seafood" && (d.Weekday() == time.Monday || d.Weekday() == time.Thursday) {
				out = append(out, expense{i, dept, "materials", "冰块", yuan(90 * h.scale * noise())})
			}
			if d.Time().Day() == 1 {
				out = append(out, expense{i, dept, "other", "清洁用品", yuan((60 + 140*rng.Float64()) * h.scale)})
			}
		}
	}
	var possible []repair
	for _, r := range repairs {
		if slices.Contains(depts, r.dept) {
			possible = append(possible, r)
		}
	}
	perm := rng.Perm(len(possible))
	for _, k := range perm[:min(repairsPerStore, len(perm))] {
		r := possible[k]
		amount := math.Round((r.lo+(r.hi-r.lo)*rng.Float64())/10) * 10
		out = append(out, expense{rng.IntN(h.days), r.dept, "repairs", r.note, yuan(amount)})
	}
	slices.SortStableFunc(out, func(a, b expense) int { return a.day - b.day })
	return out
}
