package app_test

import (
	"slices"
	"testing"

	"github.com/storeops/storeops/internal/coldchain"
	"github.com/storeops/storeops/internal/notify"
	"github.com/storeops/storeops/internal/risk"
	"github.com/storeops/storeops/internal/stocktake"
	"github.com/storeops/storeops/internal/tasks"
	"github.com/storeops/storeops/internal/training"
)

// TestEveryOutboxTopicCanBeRouted: each topic a module writes to the outbox is one a
// notification channel may subscribe to, so no event is announced that admins cannot route.
func TestEveryOutboxTopicCanBeRouted(t *testing.T) {
	written := []string{tasks.TopicAssigned, tasks.TopicOverdue, stocktake.TopicSubmitted, stocktake.TopicApproved,
		stocktake.TopicRejected, coldchain.TopicTemperatureAlert, risk.TopicIncidentOpened, training.TopicCertificateExpiring}
	for _, topic := range written {
		if !slices.Contains(notify.Topics, topic) {
			t.Errorf("topic %q is written to the outbox but no channel can subscribe to it", topic)
		}
	}
}
