package io.refinery.platform.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

class AckedPrefixTest {

    private static final String ACK = "acked";

    @Test
    void everythingAcknowledgedIsStamped() {
        assertThat(AckedPrefix.stampable(List.of("a", "b", "a"), List.of(ACK, ACK, ACK))).containsExactly(0, 1, 2);
    }

    @Test
    void aKeyStopsAtItsFirstUnacknowledgedEventWhileOtherKeysGoOn() {
        List<String> keys = List.of("a", "b", "a", "a", "b", "c");
        List<String> acks = Arrays.asList(ACK, ACK, null, ACK, ACK, ACK);
        assertThat(AckedPrefix.stampable(keys, acks)).containsExactly(0, 1, 4, 5);
    }

    @Test
    void nothingAcknowledgedStampsNothing() {
        assertThat(AckedPrefix.stampable(List.of("a", "b"), Arrays.asList(null, null))).isEmpty();
    }

    @Test
    void listsOfDifferentLengthsAreABug() {
        assertThatThrownBy(() -> AckedPrefix.stampable(List.of("a"), List.of())).isInstanceOf(IllegalArgumentException.class);
    }
}
