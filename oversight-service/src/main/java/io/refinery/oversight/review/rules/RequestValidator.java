package io.refinery.oversight.review.rules;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The one check of a request for oversight, for both doors: {@code POST /api/v1/reviews} answers its errors as a
 * 400 naming each field, the consumer of refinery.oversight.requests dead-letters the record with the same messages
 * under {@code data.}. The request's id follows the platform's client-id rule, checked beside this.
 */
public final class RequestValidator {

    /** A system key: a lowercase slug of 2 to 64 characters, as the registry takes it. */
    public static final String SYSTEM_KEY = "^[a-z0-9][a-z0-9-]{0,62}[a-z0-9]$";
    public static final String SYSTEM_KEY_RULE = "must be a lowercase slug: a-z, 0-9 and '-', 2 to 64 characters";
    /** An action type: UPPER_SNAKE_CASE, up to 64 characters. */
    public static final String ACTION_TYPE = "^[A-Z][A-Z0-9_]{0,63}$";
    public static final String ACTION_TYPE_RULE = "must be UPPER_SNAKE_CASE, up to 64 characters";
    public static final int MAX_SUMMARY = 2000;
    public static final int MAX_SOURCE_SERVICE = 100;
    public static final int MAX_SOURCE_EVENT_ID = 200;
    static final String BLANK = "must not be blank";

    private static final Pattern KEY = Pattern.compile(SYSTEM_KEY);
    private static final Pattern ACTION = Pattern.compile(ACTION_TYPE);

    private RequestValidator() {
    }

    /** Everything wrong with {@code request}, ordered by field; empty when it is valid. */
    public static List<FieldError> errors(ReviewRequest request) {
        List<FieldError> errors = new ArrayList<>();
        if (blank(request.systemKey())) {
            errors.add(new FieldError("systemKey", BLANK));
        } else if (!KEY.matcher(request.systemKey()).matches()) {
            errors.add(new FieldError("systemKey", SYSTEM_KEY_RULE));
        }
        if (blank(request.actionType())) {
            errors.add(new FieldError("actionType", BLANK));
        } else if (!ACTION.matcher(request.actionType()).matches()) {
            errors.add(new FieldError("actionType", ACTION_TYPE_RULE));
        } else if (ActionTypes.RELAXATION.equals(request.actionType())) {
            errors.add(new FieldError("actionType", ActionTypes.RELAXATION + " requests are opened by oversight-service "
                    + "itself when a decision track meets the relaxation bar"));
        }
        text(errors, "summary", request.summary(), MAX_SUMMARY);
        if (request.payload() == ReviewRequest.Payload.OTHER) {
            errors.add(new FieldError("payload", "must be an object"));
        }
        Double confidence = request.confidence();
        if (confidence != null && !(confidence >= 0 && confidence <= 1)) {
            errors.add(new FieldError("confidence", "must be between 0 and 1"));
        }
        if (request.source() != null) {
            text(errors, "source.service", request.source().service(), MAX_SOURCE_SERVICE);
            text(errors, "source.eventId", request.source().eventId(), MAX_SOURCE_EVENT_ID);
        }
        errors.sort(Comparator.comparing(FieldError::field));
        return errors;
    }

    private static void text(List<FieldError> errors, String field, String value, int max) {
        if (blank(value)) {
            errors.add(new FieldError(field, BLANK));
        } else if (value.length() > max) {
            errors.add(new FieldError(field, "must be at most " + max + " characters"));
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
