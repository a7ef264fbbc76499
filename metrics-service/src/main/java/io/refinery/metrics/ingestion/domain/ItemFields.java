package io.refinery.metrics.ingestion.domain;

import java.util.List;

import io.refinery.platform.ids.ClientId;
import io.refinery.platform.problem.FieldIssue;

/**
 * The field checks that observation and drift-sample items share: each returns the checked value, or null with the
 * issue recorded, so one item is reported with every field at fault.
 */
public final class ItemFields {

    /** PostgreSQL text and jsonb cannot hold U+0000; refusing the item beats failing its whole batch. */
    public static final String NO_NUL = "must not contain the NUL character (U+0000)";

    private ItemFields() {
    }

    /**
     * A required client id ({@link ClientId}: 1-128 of A-Z a-z 0-9 . _ : -), or null with the issue recorded. A table
     * look-up per character: no regex, no allocation.
     */
    public static String clientId(String field, JsonScalar s, List<FieldIssue> issues) {
        if (!JsonScalar.present(s)) {
            issues.add(new FieldIssue(field, "is required"));
            return null;
        }
        if (!s.isText() || !ClientId.isValid(s.text())) {
            issues.add(new FieldIssue(field, ClientId.MESSAGE));
            return null;
        }
        return s.text();
    }

    /** A required string of 1 to maxLength characters without U+0000, or null with the issue recorded. */
    public static String text(String field, JsonScalar s, int maxLength, List<FieldIssue> issues) {
        if (!JsonScalar.present(s)) {
            issues.add(new FieldIssue(field, "is required"));
            return null;
        }
        if (!s.isText()) {
            issues.add(new FieldIssue(field, "must be a string"));
            return null;
        }
        if (s.text().isBlank() || s.text().length() > maxLength) {
            issues.add(new FieldIssue(field, "must have 1 to " + maxLength + " characters"));
            return null;
        }
        if (s.text().indexOf('\u0000') >= 0) {
            issues.add(new FieldIssue(field, NO_NUL));
            return null;
        }
        return s.text();
    }
}
