package io.refinery.feedback.intake.api;

import java.time.Instant;
import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.refinery.feedback.intake.submission.Channel;
import io.refinery.platform.ids.ClientId;

/**
 * The shape of one feedback item, for the OpenAPI document only: {@code POST /api/v1/feedback} reads its body as
 * bytes and checks each item on its own ({@code FeedbackReader}), so that a bad item is named without refusing the
 * others and no field is coerced. The same item is accepted on topic refinery.feedback.submissions.
 */
@Schema(name = "FeedbackItem", description = "One piece of customer feedback about one AI system; unknown fields are "
        + "refused. Text and source values are PII-redacted before anything is stored")
public record FeedbackItem(
        @Schema(required = true, minLength = 1, maxLength = ClientId.MAX_LENGTH, pattern = ClientId.PATTERN,
                example = "shop:order-123.review_1", description = "Client id: " + ClientId.RULE + ". A UUID is the "
                        + "item's id; any other id maps to a name-based UUID (README, Ids), shown beside it as "
                        + "clientId. Resending it changes nothing") String id,
        @Schema(required = true, maxLength = 64, pattern = "^[a-z0-9][a-z0-9-]{0,63}$", example = "support-bot",
                description = "A registered AI system") String systemKey,
        @Schema(required = true, example = "SUPPORT_REVIEW") Channel channel,
        @Schema(maxLength = 40, pattern = "^[a-z0-9][a-z0-9_-]{0,39}$", example = "vip",
                description = "The customer's segment; 'unknown' when absent") String customerSegment,
        @Schema(required = true, minLength = 1, maxLength = 5000, example = "The bot kept sending me to the FAQ, "
                + "I just wanted a refund") String text,
        @Schema(minimum = "0", maximum = "10", example = "2", description = "The customer's own rating, 0 to 10") Double rating,
        @Schema(pattern = "^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$", example = "en-GB", description = "'en' when absent")
        String locale,
        @Schema(required = true, example = "2026-11-24T10:00:00Z", description = "ISO-8601 UTC, at most 5 minutes ahead")
        Instant occurredAt,
        @Schema(maxProperties = 10, example = "{\"platform\": \"web\"}",
                description = "Up to 10 string values of at most 500 characters (redacted)") Map<String, String> source) {
}
