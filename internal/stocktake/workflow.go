package stocktake

import (
	"context"
	"errors"
	"fmt"

	"gorm.io/gorm"

	"github.com/storeops/storeops/internal/inventory"
	"github.com/storeops/storeops/internal/platform/apperr"
	"github.com/storeops/storeops/internal/platform/authz"
	"github.com/storeops/storeops/internal/platform/civil"
	"github.com/storeops/storeops/internal/platform/fixed"
)

// lines evaluates every item of a stocktake against its counts, sorted by location and SKU.
func lines(ctx context.Context, db *gorm.DB, r stocktakeRow) ([]Line, error) {
	items, err := loadItems(ctx, db, r.ID)
	if err != nil {
		return nil, err
	}
	counts, err := countSums(ctx, db, r.ID, nil)
	if err != nil {
		return nil, err
	}
	t := toleranceOf(r)
	out := make([]Line, len(items))
	for i, it := range items {
		out[i] = lineOf(it, counts[it.ProductID], t)
	}
	return out, nil
}

// readiness refuses submission or approval while a SKU is uncounted or a recount is open.
func readiness(ls []Line) error {
	var uncounted, recount []string
	for _, l := range ls {
		switch {
		case !l.HasCount:
			uncounted = append(uncounted, l.SKU)
		case l.NeedsRecount:
			recount = append(recount, l.SKU)
		}
	}
	if len(uncounted) > 0 {
		return apperr.New(apperr.ErrRule, "uncounted_skus", fmt.Sprintf(
			"%d SKUs in scope are not counted (first: %s): count them or confirm them as zero", len(uncounted), uncounted[0]))
	}
	if len(recount) > 0 {
		return apperr.New(apperr.ErrRule, "recount_open", fmt.Sprintf(
			"%d lines wait for a recount by a different counter (first: %s)", len(recount), recount[0]))
	}
	return nil
}

// postable refuses approval when a figure it would store does not fit its column: a count
// (each line within range, but summed over zones and counters) so far beyond any real stock
// that its variance or its value cannot be posted. The stocktake stays submitted, so the
// manager can reject it for a recount.
func postable(ls []Line) error {
	var book, abs fixed.Money
	for _, l := range ls {
		bookValue, ok := l.UnitCost.MulQty(max(l.Book, 0))
		_, valued := l.UnitCost.MulQty(l.Variance)
		err := errors.Join(fixed.StocktakeAdjustmentsCountedQty.CheckQty(l.Counted),
			fixed.StocktakeAdjustmentsVarianceQty.CheckQty(l.Variance),
			fixed.StocktakeAdjustmentsVarianceValue.CheckMoney(l.VarianceValue))
		if !ok || !valued || err != nil {
			return apperr.New(apperr.ErrRule, "value_out_of_range", fmt.Sprintf(
				"SKU %s: counted %s against a book of %s is more than a stocktake can post: reject it and recount",
				l.SKU, l.Counted, l.Book))
		}
		book += bookValue
		abs += absMoney(l.VarianceValue)
		if fixed.StocktakesBookValue.CheckMoney(book) != nil || fixed.StocktakesVarianceAbsValue.CheckMoney(abs) != nil {
			return apperr.New(apperr.ErrRule, "value_out_of_range", fmt.Sprintf(
				"the stocktake's book value or variance passes %s at SKU %s: reject it and recount",
				fixed.StocktakesBookValue.MaxMoney(), l.SKU))
		}
	}
	return nil
}

// Submit hands the counted stocktake to the store manager; a note goes to the audit log.
func (s *Service) Submit(ctx context.Context, p *authz.Principal, id int64, note string) (Stocktake, error) {
	return s.changeAudited(ctx, p, id, false, "stocktake.submit", func(tx *gorm.DB, r stocktakeRow) error {
		if r.Status != StatusCounting {
			return wrongState(StatusCounting, r.Status)
		}
		ls, err := lines(ctx, tx, r)
		if err != nil {
			return err
		}
		if err := readiness(ls); err != nil {
			return err
		}
		if err := transition(ctx, tx, r.ID, StatusCounting, StatusSubmitted, map[string]any{"submitted_at": s.now()}, s.now()); err != nil {
			return err
		}
		return s.announce(ctx, tx, TopicSubmitted, p, r, "")
	}, noted(note))
}

// Reject sends a submitted stocktake back to counting with a reason; only the store's
// approvers may (see decide).
func (s *Service) Reject(ctx context.Context, p *authz.Principal, id int64, reason string) (Stocktake, error) {
	return s.decide(ctx, p, id, rejection, "", func(tx *gorm.DB, r stocktakeRow) error {
		if r.Status != StatusSubmitted {
			return wrongState(StatusSubmitted, r.Status)
		}
		err := transition(ctx, tx, r.ID, StatusSubmitted, StatusCounting,
			map[string]any{"reject_reason": reason, "submitted_at": nil}, s.now())
		if err != nil {
			return err
		}
		return s.announce(ctx, tx, TopicRejected, p, r, reason)
	})
}

// Approve posts every non-zero variance as a stocktake_adjustment movement in one
// transaction: adjustment = counted − frozen book, so on-hand becomes counted plus whatever
// moved since the freeze. Under the store's stock lock and the conditional status change,
// two approvals racing each other post exactly once. Only the store's approvers may approve,
// and a deputy never a count they took part in (see decide). A note goes to the audit log.
func (s *Service) Approve(ctx context.Context, p *authz.Principal, id int64, note string) (Stocktake, error) {
	return s.decide(ctx, p, id, approval, note, func(tx *gorm.DB, r stocktakeRow) error {
		if r.Status != StatusSubmitted {
			return wrongState(StatusSubmitted, r.Status)
		}
		ls, err := lines(ctx, tx, r)
		if err != nil {
			return err
		}
		if err := readiness(ls); err != nil {
			return err
		}
		if err := postable(ls); err != nil {
			return err
		}
		loc, err := s.stores.StoreLocation(ctx, r.StoreID)
		if err != nil {
			return err
		}
		now := s.now()
		today := civil.Today(now, loc)
		var moves []inventory.Move
		var adjusted []Line
		ref := fmt.Sprint(r.ID)
		for _, l := range ls {
			if l.Variance == 0 {
				continue
			}
			adjusted = append(adjusted, l)
			moves = append(moves, inventory.Move{ProductID: l.ProductID, Date: today,
				Kind: inventory.KindStocktakeAdjustment, Qty: l.Variance, RefType: "stocktake", RefID: ref})
		}
		if err := s.inventory.Move(ctx, tx, p, r.StoreID, moves); err != nil {
			return err
		}
		err = adjustmentBulk.Insert(ctx, tx, len(adjusted), func(i int, a []any) []any {
			l := adjusted[i]
			return append(a, r.ID, l.ProductID, r.StoreID, l.DepartmentCode, today, l.Book, l.Counted, l.Variance, l.VarianceValue)
		})
		if err != nil {
			return err
		}
		t := Summarise(ls)
		err = transition(ctx, tx, r.ID, StatusSubmitted, StatusApproved, map[string]any{
			"approved_at": now, "approved_by": p.ActorID(), "posted_date": today, "book_value": t.BookValue,
			"variance_abs_value": t.VarianceAbsValue, "accuracy": t.Accuracy}, now)
		if err != nil {
			return err
		}
		return s.announce(ctx, tx, TopicApproved, p, r, "")
	})
}
