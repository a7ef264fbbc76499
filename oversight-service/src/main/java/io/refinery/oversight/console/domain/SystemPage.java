package io.refinery.oversight.console.domain;

import java.util.List;
import java.util.UUID;

import io.refinery.oversight.console.attention.Attention;

/**
 * The system page: "how is this AI system doing?" Its registry entry and risk profile, its health, the oversight
 * policy in force and the relaxation track per action type, its pending reviews, its timeline (newest first) and the
 * panels read from the other services (the latest alert's metric against its baseline, drift, feedback, experiments).
 */
public record SystemPage(ConsoleFrame frame, Facts system, SystemHealth health, Attention.Level level, PolicyView policy,
        List<TrackRow> tracks, List<QueueRow> pending, boolean pendingTruncated, List<TimelineRow> timeline,
        boolean timelineTruncated, List<EvidencePanel> panels) {

    /** The registry entry. */
    public record Facts(String key, String name, String kind, String ownerTeam, PortfolioRow.Risk risk, long revision,
            Stamp created, String createdBy, Stamp updated, String updatedBy) {
    }

    /** The latest policy version: its rules in order and the tier shifts set per action type. */
    public record PolicyView(int version, Stamp created, String createdBy, String defaultSla, String lowConfidenceBelow,
            String escalationRole, List<RuleRow> rules, List<ShiftRow> shifts) {
    }

    public record RuleRow(String actionType, String conditions, String tier, String approvals, String sla,
            String escalationRole) {
    }

    public record ShiftRow(String actionType, String shift, Stamp since, String reason) {
    }

    /** One action type's relaxation track. */
    public record TrackRow(String actionType, String shift, Stamp trackStart, long decisions, long autoApproved,
            long incidents, String unmodifiedRate, String lowerBound, boolean meetsBar, String proposal, String reasons,
            UUID pendingProposal) {
    }

    /** One timeline entry; {@code css} is the category's badge class. */
    public record TimelineRow(Stamp at, String category, String css, String summary, String source, String actor) {
    }
}
