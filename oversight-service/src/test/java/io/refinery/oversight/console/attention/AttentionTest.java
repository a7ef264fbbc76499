package io.refinery.oversight.console.attention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

class AttentionTest {

    @Test
    void overdueComesFirstThenOpenAlertsThenPendingThenDriftThenTheKey() {
        Attention calm = new Attention("a-calm", 0, 0, 0, 0);
        Attention drifting = new Attention("b-drift", 0, 0, 0, 3);
        Attention pending = new Attention("c-pending", 0, 0, 4, 0);
        Attention alerting = new Attention("d-alerting", 0, 2, 0, 0);
        Attention moreAlerts = new Attention("e-alerting", 0, 5, 0, 0);
        Attention overdue = new Attention("f-overdue", 1, 0, 1, 0);
        Attention calmToo = new Attention("0-calm", 0, 0, 0, 0);
        List<String> order = Stream.of(calm, drifting, pending, alerting, moreAlerts, overdue, calmToo)
                .sorted(Attention.ORDER).map(Attention::systemKey).toList();
        assertThat(order).containsExactly("f-overdue", "e-alerting", "d-alerting", "c-pending", "b-drift", "0-calm", "a-calm");
    }

    @Test
    void theLevelNamesTheMostUrgentReason() {
        assertThat(new Attention("s", 1, 3, 2, 1).level()).isEqualTo(Attention.Level.OVERDUE);
        assertThat(new Attention("s", 0, 3, 2, 1).level()).isEqualTo(Attention.Level.ALERTING);
        assertThat(new Attention("s", 0, 0, 2, 0).level()).isEqualTo(Attention.Level.WATCH);
        assertThat(new Attention("s", 0, 0, 0, 1).level()).isEqualTo(Attention.Level.WATCH);
        assertThat(new Attention("s", 0, 0, 0, 0).level().label()).isEqualTo("Calm");
    }

    @Test
    void countsAreConsistent() {
        assertThatThrownBy(() -> new Attention("s", 2, 0, 1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Attention("s", 0, -1, 0, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
