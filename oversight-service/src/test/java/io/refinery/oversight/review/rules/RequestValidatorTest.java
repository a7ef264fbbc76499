package io.refinery.oversight.review.rules;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RequestValidatorTest {

    private static ReviewRequest valid() {
        return new ReviewRequest("dyn-pricing", "PRICE_CHANGE", "raise sneakers price", ReviewRequest.Payload.OBJECT, 0.95,
                new ReviewRequest.Source("metrics-service", "evt-1"));
    }

    private static ReviewRequest with(String systemKey, String actionType, String summary) {
        return new ReviewRequest(systemKey, actionType, summary, ReviewRequest.Payload.ABSENT, null, null);
    }

    @Test
    void aWellFormedRequestPasses() {
        assertThat(RequestValidator.errors(valid())).isEmpty();
        assertThat(RequestValidator.errors(with("ab", "A", "x"))).isEmpty();
    }

    @Test
    void theSystemKeyIsALowercaseSlug() {
        assertThat(RequestValidator.errors(with("Bad Key", "PRICE_CHANGE", "x"))).containsExactly(
                new FieldError("systemKey", "must be a lowercase slug: a-z, 0-9 and '-', 2 to 64 characters"));
        assertThat(RequestValidator.errors(with("a", "PRICE_CHANGE", "x"))).extracting(FieldError::field)
                .containsExactly("systemKey");
        assertThat(RequestValidator.errors(with("-pricing", "PRICE_CHANGE", "x"))).hasSize(1);
        assertThat(RequestValidator.errors(with("a".repeat(65), "PRICE_CHANGE", "x"))).hasSize(1);
        assertThat(RequestValidator.errors(with("a".repeat(64), "PRICE_CHANGE", "x"))).isEmpty();
    }

    @Test
    void theActionTypeIsUpperSnakeCaseAndNeverARelaxation() {
        assertThat(RequestValidator.errors(with("pricing", "price-change", "x"))).containsExactly(
                new FieldError("actionType", "must be UPPER_SNAKE_CASE, up to 64 characters"));
        assertThat(RequestValidator.errors(with("pricing", "A".repeat(65), "x"))).hasSize(1);
        assertThat(RequestValidator.errors(with("pricing", "OVERSIGHT_RELAXATION", "x"))).containsExactly(
                new FieldError("actionType", "OVERSIGHT_RELAXATION requests are opened by oversight-service itself when "
                        + "a decision track meets the relaxation bar"));
    }

    @Test
    void requiredTextMustNotBeBlankOrTooLong() {
        assertThat(RequestValidator.errors(with(null, " ", ""))).containsExactly(
                new FieldError("actionType", "must not be blank"), new FieldError("summary", "must not be blank"),
                new FieldError("systemKey", "must not be blank"));
        assertThat(RequestValidator.errors(with("pricing", "PRICE_CHANGE", "x".repeat(2000)))).isEmpty();
        assertThat(RequestValidator.errors(with("pricing", "PRICE_CHANGE", "x".repeat(2001))))
                .containsExactly(new FieldError("summary", "must be at most 2000 characters"));
    }

    @Test
    void thePayloadIsAnObjectWhenGiven() {
        ReviewRequest array = new ReviewRequest("pricing", "PRICE_CHANGE", "x", ReviewRequest.Payload.OTHER, null, null);
        assertThat(RequestValidator.errors(array)).containsExactly(new FieldError("payload", "must be an object"));
    }

    @Test
    void confidenceIsBetweenZeroAndOne() {
        for (double ok : new double[] { 0, 0.5, 1 }) {
            assertThat(RequestValidator.errors(confidence(ok))).isEmpty();
        }
        for (double bad : new double[] { -0.01, 1.01, 3, Double.NaN }) {
            assertThat(RequestValidator.errors(confidence(bad)))
                    .containsExactly(new FieldError("confidence", "must be between 0 and 1"));
        }
    }

    @Test
    void aGivenSourceNamesItsServiceAndEvent() {
        ReviewRequest blank = new ReviewRequest("pricing", "PRICE_CHANGE", "x", ReviewRequest.Payload.ABSENT, null,
                new ReviewRequest.Source(" ", null));
        assertThat(RequestValidator.errors(blank)).containsExactly(new FieldError("source.eventId", "must not be blank"),
                new FieldError("source.service", "must not be blank"));
        ReviewRequest long_ = new ReviewRequest("pricing", "PRICE_CHANGE", "x", ReviewRequest.Payload.ABSENT, null,
                new ReviewRequest.Source("s".repeat(101), "e".repeat(201)));
        assertThat(RequestValidator.errors(long_)).containsExactly(
                new FieldError("source.eventId", "must be at most 200 characters"),
                new FieldError("source.service", "must be at most 100 characters"));
    }

    @Test
    void everyErrorIsListedOrderedByField() {
        ReviewRequest bad = new ReviewRequest("Bad Key", "PRICE_CHANGE", "x", ReviewRequest.Payload.ABSENT, 3.0, null);
        assertThat(RequestValidator.errors(bad)).extracting(FieldError::field).containsExactly("confidence", "systemKey");
    }

    private static ReviewRequest confidence(double value) {
        return new ReviewRequest("pricing", "PRICE_CHANGE", "x", ReviewRequest.Payload.ABSENT, value, null);
    }
}
