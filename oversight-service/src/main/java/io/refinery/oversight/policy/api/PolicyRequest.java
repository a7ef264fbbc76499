package io.refinery.oversight.policy.api;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.refinery.oversight.policy.domain.PolicyDocument;
import io.refinery.oversight.policy.tiers.Tier;

/**
 * Body of {@code PUT /api/v1/systems/{key}/policies}: the whole policy, which becomes the next version. Also read by
 * hand from the console's policy form (registered for reflection for that).
 */
@RegisterForReflection
@Schema(name = "PolicyRequest", description = "Rules mapping action types and conditions to an oversight tier")
public record PolicyRequest(
        @NotNull @Size(max = 200) List<@NotNull @Valid RuleBody> rules,
        @Schema(description = "A request whose confidence is below this moves one tier up (default 0.6)", example = "0.8")
        Double lowConfidenceBelow,
        @Schema(description = "SLA when no rule matched (ISO-8601, default PT24H)", example = "PT24H") String defaultSla,
        @Schema(description = "Role overdue requests escalate to when no rule names one (default approver)") @Size(max = 64)
        String defaultEscalationRole,
        @Schema(description = "Tier shifts per action type (-2..2; negative relaxes, positive tightens). Omit to keep the "
                + "current version's shifts, which relaxation approvals and incidents set")
        @Size(max = 200) List<@NotNull @Valid ShiftBody> tierShifts) {

    @RegisterForReflection
    @Schema(name = "TierShift")
    public record ShiftBody(
            @NotBlank @Pattern(regexp = ACTION_TYPE, message = "must be UPPER_SNAKE_CASE, up to 64 characters") String actionType,
            @NotNull @Min(-2) @Max(2) Integer shift) {
    }

    @RegisterForReflection
    @Schema(name = "PolicyRule")
    public record RuleBody(
            @Schema(description = "PRICE_CHANGE, CONTENT_PUBLISH, FRAUD_ALERT, ... or a custom UPPER_SNAKE string",
                    example = "PRICE_CHANGE")
            @NotBlank @Pattern(regexp = ACTION_TYPE, message = "must be UPPER_SNAKE_CASE, up to 64 characters") String actionType,
            @Schema(description = "All must hold: 'magnitude > 0.10', 'amount >= 5000', 'confidence < 0.8', 'category in [a, b]'")
            @Size(max = 10) List<@NotNull String> conditions,
            @NotNull Tier tier,
            @Schema(description = "1 or 2 distinct approvers (default 1)") Integer requiredApprovals,
            @Schema(description = "Time to decide, ISO-8601 (default: the policy's defaultSla)", example = "PT4H") String sla,
            @Size(max = 64) String escalationRole) {
    }

    public static final String ACTION_TYPE = "^[A-Z][A-Z0-9_]{0,63}$";

    public PolicyDocument toDocument() {
        return new PolicyDocument(rules.stream().map(r -> new PolicyDocument.RuleDocument(r.actionType(),
                r.conditions() == null ? List.of() : r.conditions(), r.tier(), r.requiredApprovals(), r.sla(), r.escalationRole()))
                .toList(), lowConfidenceBelow, defaultSla, defaultEscalationRole,
                tierShifts == null ? List.of() : tierShifts.stream()
                        .map(t -> new PolicyDocument.ShiftDocument(t.actionType(), t.shift(), null, null)).toList());
    }
}
