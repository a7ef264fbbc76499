package io.refinery.feedback.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class ThemesTest {

    private final ThemeTaxonomy taxonomy = ThemeTaxonomy.defaults();

    @Test
    void phrasesMatchPerSystemKind() {
        assertThat(taxonomy.match("CHATBOT", "The bot went round in circles, I could not talk to a human"))
                .containsExactly("cannot-reach-human");
        assertThat(taxonomy.match("RECOMMENDATION", "It keeps suggesting things I already bought"))
                .containsExactly("irrelevant-recommendations");
        assertThat(taxonomy.match("RECOMMENDATION", "Suggestions were spot on, it knows my taste"))
                .containsExactly("delight-personalization");
        assertThat(taxonomy.match("CHATBOT", "The assistant gave me wrong information about my delivery"))
                .containsExactly("wrong-information", "delivery");
    }

    @Test
    void kindSpecificThemesStayWithTheirKind() {
        assertThat(taxonomy.match("PRICING", "keeps suggesting irrelevant stuff")).isEmpty();
        assertThat(taxonomy.match(null, "keeps suggesting irrelevant stuff")).containsExactly("irrelevant-recommendations");
        assertThat(taxonomy.match("PRICING", "the parcel arrived damaged")).containsExactly("delivery", "product-quality");
    }

    @Test
    void wholeWordsOnly() {
        assertThat(taxonomy.match("CHATBOT", "I paid the bugle player")).isEmpty();
        assertThat(taxonomy.match("CHATBOT", "")).isEmpty();
    }

    @Test
    void emergingTermsJumpAgainstThePreviousPeriod() {
        List<String> before = new ArrayList<>();
        List<String> now = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            before.add("delivery was fine, good products");
            now.add(i < 15 ? "the promo code is rejected at checkout" : "delivery was fine, good products");
        }
        before.add("promo code worked");
        List<EmergingTerms.Term> terms = EmergingTerms.detect(now, before, 5, 3.0, 10);
        assertThat(terms).extracting(EmergingTerms.Term::term).contains("promo code", "rejected", "checkout")
                .doesNotContain("delivery", "good products");
        EmergingTerms.Term rejected = terms.stream().filter(t -> t.term().equals("rejected")).findFirst().orElseThrow();
        assertThat(rejected.countNow()).isEqualTo(15);
        assertThat(rejected.countBefore()).isZero();
        assertThat(EmergingTerms.detect(now.subList(0, 3), before, 5, 3.0, 10)).isEmpty();
    }
}
