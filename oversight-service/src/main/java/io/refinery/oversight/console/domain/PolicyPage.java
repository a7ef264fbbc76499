package io.refinery.oversight.console.domain;

import java.util.List;

/**
 * A system's policy page: the policy in force as a readable table (or the default policy), its version history, and
 * for approvers and admins the edit form; {@code savedVersion} is the version just saved, for the confirmation.
 */
public record PolicyPage(ConsoleFrame frame, String systemKey, String systemName, Current current, List<VersionRow> history,
        boolean historyTruncated, boolean canEdit, PolicyEditForm form, Integer savedVersion) {

    /** The version in force; {@code version} 0 means no policy was written (the default policy). */
    public record Current(int version, Stamp created, String createdBy, String lowConfidenceBelow, String defaultSla,
            String defaultEscalationRole, List<RuleRow> rules, List<ShiftRow> shifts) {

        public boolean isDefault() {
            return version == 0;
        }
    }

    public record RuleRow(int position, String actionType, String conditions, String tier, String approvals, String sla,
            String escalationRole) {
    }

    public record ShiftRow(String actionType, String shift, Stamp since, String reason) {
    }

    /** One version: who wrote it, when, and what it changed against the version before. */
    public record VersionRow(int version, Stamp created, String createdBy, int rules, String changes, boolean current) {
    }
}
