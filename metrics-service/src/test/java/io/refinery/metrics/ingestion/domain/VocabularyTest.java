package io.refinery.metrics.ingestion.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

import org.junit.jupiter.api.Test;

class VocabularyTest {

    @Test
    void equalValuesComeBackAsTheFirstInstance() {
        Vocabulary words = new Vocabulary();
        String first = new String("ctr");
        String second = new String("ctr");
        assertThat(words.share(first)).isSameAs(first);
        assertThat(words.share(second)).isSameAs(first);
        assertThat(words.share("cvr")).isEqualTo("cvr");
    }

    @Test
    void aCheckRunsOncePerValueAndChecksDoNotShareResults() {
        Vocabulary words = new Vocabulary();
        AtomicInteger runs = new AtomicInteger();
        Predicate<String> lowercase = s -> {
            runs.incrementAndGet();
            return s.equals(s.toLowerCase());
        };
        Predicate<String> anything = s -> true;
        assertThat(words.passes("Segment", lowercase)).isFalse();
        assertThat(words.passes("Segment", lowercase)).isFalse();
        assertThat(runs).hasValue(1);
        assertThat(words.passes("Segment", anything)).isTrue();
    }

    @Test
    void staysBoundedWhenEveryValueIsNew() {
        Vocabulary words = new Vocabulary();
        for (int i = 0; i < 10_000; i++) {
            String v = "id-" + i;
            assertThat(words.share(v)).isSameAs(v);
        }
        String late = new String("id-9999");
        assertThat(words.share(late)).as("past the bound, values are no longer kept").isSameAs(late);
        assertThat(words.share(new String("id-1"))).isEqualTo("id-1");
    }
}
