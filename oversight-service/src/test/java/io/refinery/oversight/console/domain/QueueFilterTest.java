package io.refinery.oversight.console.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.refinery.oversight.policy.tiers.Tier;
import io.refinery.oversight.review.rules.ReviewState;

class QueueFilterTest {

    @Test
    void withoutFiltersTheQueueShowsPendingRequests() {
        QueueFilter f = QueueFilter.parse(null, " ", "", null);
        assertThat(f).isEqualTo(QueueFilter.pending());
        assertThat(f.narrowed()).isFalse();
        assertThat(f.stateLabel()).isEqualTo("Pending requests");
    }

    @Test
    void valuesAreReadCaseInsensitivelyAndAnyShowsEveryState() {
        QueueFilter f = QueueFilter.parse("review_and_approval", "reco-engine", "any", "PRICE_CHANGE");
        assertThat(f.tier()).isEqualTo(Tier.REVIEW_AND_APPROVAL);
        assertThat(f.state()).isNull();
        assertThat(f.stateValue()).isEqualTo("ANY");
        assertThat(f.systemKey()).isEqualTo("reco-engine");
        assertThat(f.narrowed()).isTrue();
        assertThat(QueueFilter.parse(null, null, "approved", null).state()).isEqualTo(ReviewState.APPROVED);
    }

    @Test
    void unknownValuesAreDroppedAndNamed() {
        QueueFilter f = QueueFilter.parse("SOMETIMES", "<b>x</b>", "LATER", "a".repeat(200));
        assertThat(f.tier()).isNull();
        assertThat(f.systemKey()).isNull();
        assertThat(f.state()).isEqualTo(ReviewState.PENDING);
        assertThat(f.actionType()).isNull();
        assertThat(f.problems()).hasSize(4);
        assertThat(f.problems().get(0)).startsWith("Ignored the tier filter \"SOMETIMES\"");
        assertThat(f.problems().get(3)).contains("…");
    }
}
