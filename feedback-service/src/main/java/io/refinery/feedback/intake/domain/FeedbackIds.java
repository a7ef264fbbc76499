package io.refinery.feedback.intake.domain;

import java.util.UUID;

import io.refinery.platform.ids.ClientId;

/**
 * How this service keys what clients send under their own ids (README, "Ids"): a client id that is a UUID is the key;
 * any other valid client id is mapped to a name-based UUID (version 5) under the namespace of its kind. These
 * namespaces are fixed for good: changing one would give every resubmitted item a new key.
 */
public final class FeedbackIds {

    /** Feedback items ({@code POST /api/v1/feedback}, {@code /debriefs}, topic refinery.feedback.submissions). */
    public static final UUID ITEM_NAMESPACE = UUID.fromString("220ff30b-cb8a-42bd-b06f-80706c84e060");
    /** Survey responses ({@code POST /api/v1/surveys/{key}/responses}). */
    public static final UUID SURVEY_RESPONSE_NAMESPACE = UUID.fromString("1fd777f4-a4bd-4280-b683-b0bac6ca7887");

    private FeedbackIds() {
    }

    /** The key of a feedback item sent under a valid client id. */
    public static UUID item(String clientId) {
        return ClientId.uuidFor(ITEM_NAMESPACE, clientId);
    }

    /** The key of a survey response sent under a valid client id. */
    public static UUID surveyResponse(String clientId) {
        return ClientId.uuidFor(SURVEY_RESPONSE_NAMESPACE, clientId);
    }
}
