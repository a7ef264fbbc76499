package io.refinery.oversight.console.domain;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Sort;
import io.refinery.oversight.policy.domain.PolicyDocument;
import io.refinery.oversight.policy.domain.PolicyService;
import io.refinery.oversight.policy.domain.PolicySimulator;
import io.refinery.oversight.policy.domain.PolicyVersion;
import io.refinery.oversight.policy.tiers.Policy;
import io.refinery.oversight.policy.tiers.PolicyDiff;
import io.refinery.oversight.policy.tiers.PolicyRule;
import io.refinery.oversight.policy.tiers.Subject;
import io.refinery.oversight.policy.tiers.Tier;
import io.refinery.oversight.system.domain.SystemRegistry;
import io.smallrye.mutiny.Uni;

/**
 * Loads the policy pages through the policy feature: the list ({@link SystemRegistry} and the latest versions), one
 * system's policy and history ({@link PolicyService}), the preview (a {@link PolicyDiff} against the version in force
 * and a replay of recent requests through {@link PolicySimulator}) and the save ({@link PolicyService#replace}, the
 * same write, audit entry and checks as {@code PUT /api/v1/systems/{key}/policies}).
 */
@ApplicationScoped
public class PolicyPages {

    /** A draft that passed the API's validation: the typed text, its document, and whether it names tier shifts. */
    public record Draft(String text, PolicyDocument document, boolean shiftsGiven) {
    }

    public static final int SYSTEMS_LIMIT = 500;
    public static final int HISTORY_LIMIT = 50;
    /** How many of the system's latest requests the preview replays, and how many changed ones it shows. */
    public static final int REPLAYED = 200;
    public static final int EXAMPLES = 20;

    private static final String LATEST = "from PolicyVersion p where p.version = (select max(q.version) from PolicyVersion q"
            + " where q.systemKey = p.systemKey)";

    private final SystemRegistry registry;
    private final PolicyService policies;
    private final PolicySimulator simulator;
    private final ObjectMapper mapper;

    public PolicyPages(SystemRegistry registry, PolicyService policies, PolicySimulator simulator, ObjectMapper mapper) {
        this.registry = registry;
        this.policies = policies;
        this.simulator = simulator;
        this.mapper = mapper;
    }

    @WithSession
    public Uni<PolicyListPage> list(ConsoleFrame frame) {
        return registry.page(null, null, SYSTEMS_LIMIT + 1).flatMap(systems -> PolicyVersion.<PolicyVersion> find(LATEST)
                .list().map(latest -> {
                    Map<String, PolicyVersion> byKey = new HashMap<>();
                    latest.forEach(v -> byKey.put(v.systemKey, v));
                    List<PolicyListPage.Row> rows = systems.stream().limit(SYSTEMS_LIMIT).map(s -> {
                        PolicyVersion v = byKey.get(s.systemKey);
                        return v == null ? new PolicyListPage.Row(s.systemKey, s.name, null, 0, null, null)
                                : new PolicyListPage.Row(s.systemKey, s.name, v.version, document(v).rules().size(),
                                        v.createdBy, Stamp.of(v.createdAt));
                    }).toList();
                    return new PolicyListPage(frame, rows, systems.size() > SYSTEMS_LIMIT);
                }));
    }

    /** The policy page with {@code form} (null: the current policy as the form's text); 404 for an unknown system. */
    @WithSession
    public Uni<PolicyPage> load(String key, ConsoleFrame frame, PolicyEditForm form, Integer savedVersion) {
        return registry.get(key).flatMap(system -> PolicyVersion.<PolicyVersion> find("systemKey", Sort.descending("version"), key)
                .range(0, HISTORY_LIMIT).list().map(versions -> {
                    PolicyVersion latest = versions.isEmpty() ? null : versions.get(0);
                    PolicyDocument current = latest == null ? null : document(latest);
                    int base = latest == null ? 0 : latest.version;
                    PolicyEditForm shown = form != null ? form : new PolicyEditForm(editText(current), base, null, null);
                    return new PolicyPage(frame, system.systemKey, system.name, current(latest, current),
                            history(versions), versions.size() > HISTORY_LIMIT, frame.user().hasApproverRights(), shown,
                            savedVersion);
                }));
    }

    /** The preview of a validated draft against the version in force; 404 for an unknown system. */
    @WithSession
    public Uni<PolicyPreviewPage> preview(String key, ConsoleFrame frame, Draft draft, int baseVersion) {
        return registry.get(key).flatMap(system -> policies.latestOrNull(key).flatMap(current -> {
            Policy before = current == null ? null : current.policy();
            Policy after = policies.merge(draft.document(), draft.shiftsGiven(), current == null ? null : current.document(),
                    "draft").toPolicy();
            PolicyDiff diff = PolicyDiff.between(before, after);
            int version = current == null ? 0 : current.row().version;
            String label = current == null ? "the default policy (no version yet)" : "version " + version;
            return simulation(key, draft).map(sim -> new PolicyPreviewPage(frame, system.systemKey, system.name, baseVersion,
                    label, new PolicyEditForm(draft.text(), baseVersion, null, null), diffRows(diff), fieldRows(diff.settings()),
                    sim));
        }));
    }

    /** Saves the draft as the next version unless the policy moved past {@code baseVersion}; the new version's number. */
    public Uni<Integer> save(String key, Draft draft, int baseVersion, String actor) {
        return policies.replace(key, draft.document(), draft.shiftsGiven(), actor, baseVersion).map(v -> v.row().version);
    }

    /** The latest requests under the current policy and under the draft, paired by request. */
    private Uni<PolicyPreviewPage.Simulation> simulation(String key, Draft draft) {
        return simulator.simulate(key, null, false, List.of(), REPLAYED)
                .flatMap(now -> simulator.simulate(key, draft.document(), draft.shiftsGiven(), List.of(), REPLAYED)
                        .map(next -> {
                            Map<String, PolicySimulator.Outcome> before = new LinkedHashMap<>();
                            now.outcomes().forEach(o -> before.put(o.label(), o));
                            int replayed = 0;
                            int changed = 0;
                            int stricter = 0;
                            List<PolicyPreviewPage.Example> examples = new ArrayList<>();
                            for (PolicySimulator.Outcome o : next.outcomes()) {
                                PolicySimulator.Outcome old = before.get(o.label());
                                if (old == null) {
                                    continue;
                                }
                                replayed++;
                                Tier from = old.resolution().tier();
                                Tier to = o.resolution().tier();
                                int approvalsBefore = old.resolution().requiredApprovals();
                                int approvalsAfter = o.resolution().requiredApprovals();
                                if (from == to && approvalsBefore == approvalsAfter) {
                                    continue;
                                }
                                changed++;
                                boolean up = to.moreConservativeThan(from) || from == to && approvalsAfter > approvalsBefore;
                                stricter += up ? 1 : 0;
                                if (examples.size() < EXAMPLES) {
                                    examples.add(new PolicyPreviewPage.Example(o.label(), o.subject().actionType(),
                                            request(o.subject()), handling(from, approvalsBefore), handling(to, approvalsAfter),
                                            up, String.join("; ", o.resolution().reasons())));
                                }
                            }
                            return new PolicyPreviewPage.Simulation(replayed, changed, stricter, changed - stricter,
                                    List.copyOf(examples));
                        }));
    }

    /** A tier with the approvals it asks for: "Review and approval, 2 approvals". */
    private static String handling(Tier tier, int approvals) {
        return Labels.tier(tier) + (approvals > 1 ? ", " + approvals + " approvals" : "");
    }

    private static String request(Subject s) {
        List<String> parts = new ArrayList<>();
        if (s.magnitude() != null) {
            parts.add("magnitude " + number(s.magnitude()));
        }
        if (s.amount() != null) {
            parts.add("amount " + number(s.amount()));
        }
        if (s.confidence() != null) {
            parts.add("confidence " + number(s.confidence()));
        }
        if (s.category() != null && !s.category().isBlank()) {
            parts.add("category " + s.category());
        }
        return parts.isEmpty() ? "no fields" : String.join(", ", parts);
    }

    private static List<PolicyPreviewPage.DiffRow> diffRows(PolicyDiff diff) {
        return diff.rules().stream().map(r -> switch (r.kind()) {
            case ADDED -> new PolicyPreviewPage.DiffRow("added", "+", r.actionType(), r.conditions(), null, rule(r.after()),
                    List.of());
            case REMOVED -> new PolicyPreviewPage.DiffRow("removed", "−", r.actionType(), r.conditions(), rule(r.before()), null,
                    List.of());
            case CHANGED -> new PolicyPreviewPage.DiffRow("changed", "~", r.actionType(), r.conditions(), rule(r.before()),
                    rule(r.after()), fieldRows(r.fields()));
        }).toList();
    }

    private static List<PolicyPreviewPage.FieldRow> fieldRows(List<PolicyDiff.FieldChange> changes) {
        return changes.stream().map(c -> new PolicyPreviewPage.FieldRow(label(c.field()), value(c.field(), c.before()),
                value(c.field(), c.after()))).toList();
    }

    private static String label(String field) {
        return switch (field) {
            case "lowConfidenceBelow" -> "Low-confidence threshold";
            case "requiredApprovals" -> "Required approvals";
            case "sla" -> "SLA";
            case "defaultSla" -> "Default SLA";
            default -> field.startsWith("tierShifts.") ? "Tier shift of " + field.substring("tierShifts.".length())
                    : Labels.field(field);
        };
    }

    private static String value(String field, String v) {
        return "tier".equals(field) && !PolicyDiff.NONE.equals(v) ? Labels.constant(v) : v;
    }

    /** A rule in one line, as the diff shows the removed or added side. */
    private static String rule(PolicyRule r) {
        return Labels.tier(r.tier()) + ", " + r.requiredApprovals() + (r.requiredApprovals() == 1 ? " approval" : " approvals")
                + ", SLA " + r.sla() + ", escalates to " + r.escalationRole();
    }

    private PolicyPage.Current current(PolicyVersion row, PolicyDocument d) {
        if (row == null) {
            Policy none = Policy.none();
            return new PolicyPage.Current(0, null, null, number(none.lowConfidenceBelow()), none.defaultSla().toString(),
                    none.defaultEscalationRole(), List.of(), List.of());
        }
        List<PolicyPage.RuleRow> rules = new ArrayList<>();
        for (int i = 0; i < d.rules().size(); i++) {
            PolicyDocument.RuleDocument r = d.rules().get(i);
            rules.add(new PolicyPage.RuleRow(i + 1, r.actionType(), r.conditions() == null || r.conditions().isEmpty() ? "always"
                    : String.join(" and ", r.conditions()), Labels.tier(r.tier()),
                    r.requiredApprovals() == null ? "1" : r.requiredApprovals().toString(),
                    r.sla() == null ? "default" : r.sla(), r.escalationRole() == null ? "default" : r.escalationRole()));
        }
        List<PolicyPage.ShiftRow> shifts = d.tierShifts().stream().map(s -> new PolicyPage.ShiftRow(s.actionType(),
                s.shift() == 0 ? "none" : s.shift() < 0 ? s.shift() + " (less conservative)" : "+" + s.shift() + " (more conservative)",
                Stamp.of(s.since()), s.reason())).toList();
        return new PolicyPage.Current(row.version, Stamp.of(row.createdAt), row.createdBy,
                number(d.lowConfidenceBelow() == null ? Policy.DEFAULT_LOW_CONFIDENCE : d.lowConfidenceBelow()),
                d.defaultSla() == null ? Policy.DEFAULT_SLA.toString() : d.defaultSla(),
                d.defaultEscalationRole() == null ? Policy.DEFAULT_ESCALATION_ROLE : d.defaultEscalationRole(), rules, shifts);
    }

    /** Newest first, each with what it changed against the one before it (the oldest listed against the default). */
    private List<PolicyPage.VersionRow> history(List<PolicyVersion> versions) {
        List<PolicyPage.VersionRow> rows = new ArrayList<>();
        int shown = Math.min(versions.size(), HISTORY_LIMIT);
        for (int i = 0; i < shown; i++) {
            PolicyVersion v = versions.get(i);
            PolicyDocument d = document(v);
            String changes;
            if (i + 1 < versions.size()) {
                changes = changes(PolicyDiff.between(document(versions.get(i + 1)).toPolicy(), d.toPolicy()));
            } else if (v.version == 1) {
                changes = "first version: " + changes(PolicyDiff.between(null, d.toPolicy()));
            } else {
                changes = "";
            }
            rows.add(new PolicyPage.VersionRow(v.version, Stamp.of(v.createdAt), v.createdBy, d.rules().size(), changes, i == 0));
        }
        return rows;
    }

    private static String changes(PolicyDiff diff) {
        if (diff.isEmpty()) {
            return "no change in what the policy does";
        }
        List<String> parts = new ArrayList<>();
        long added = diff.count(PolicyDiff.Kind.ADDED);
        long removed = diff.count(PolicyDiff.Kind.REMOVED);
        long changed = diff.count(PolicyDiff.Kind.CHANGED);
        if (added > 0) {
            parts.add(added + " rule" + (added == 1 ? "" : "s") + " added");
        }
        if (removed > 0) {
            parts.add(removed + " removed");
        }
        if (changed > 0) {
            parts.add(changed + " changed");
        }
        diff.settings().forEach(s -> parts.add(label(s.field()) + " " + s.before() + " → " + s.after()));
        return String.join(", ", parts);
    }

    /** The policy as the edit form's text: pretty JSON in the shape of the API's request body. */
    private String editText(PolicyDocument d) {
        Map<String, Object> body = new LinkedHashMap<>();
        List<Map<String, Object>> rules = new ArrayList<>();
        if (d != null) {
            for (PolicyDocument.RuleDocument r : d.rules()) {
                Map<String, Object> rule = new LinkedHashMap<>();
                rule.put("actionType", r.actionType());
                rule.put("conditions", r.conditions() == null ? List.of() : r.conditions());
                rule.put("tier", r.tier());
                putIf(rule, "requiredApprovals", r.requiredApprovals());
                putIf(rule, "sla", r.sla());
                putIf(rule, "escalationRole", r.escalationRole());
                rules.add(rule);
            }
        }
        body.put("rules", rules);
        body.put("lowConfidenceBelow", d == null || d.lowConfidenceBelow() == null ? Policy.DEFAULT_LOW_CONFIDENCE
                : d.lowConfidenceBelow());
        body.put("defaultSla", d == null || d.defaultSla() == null ? Policy.DEFAULT_SLA.toString() : d.defaultSla());
        body.put("defaultEscalationRole", d == null || d.defaultEscalationRole() == null ? Policy.DEFAULT_ESCALATION_ROLE
                : d.defaultEscalationRole());
        if (d != null && !d.tierShifts().isEmpty()) {
            body.put("tierShifts", d.tierShifts().stream().map(s -> {
                Map<String, Object> shift = new LinkedHashMap<>();
                shift.put("actionType", s.actionType());
                shift.put("shift", s.shift());
                return shift;
            }).toList());
        }
        try {
            return mapper.writerWithDefaultPrettyPrinter().writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a policy as JSON", e);
        }
    }

    private static void putIf(Map<String, Object> map, String key, Object value) {
        if (value != null) {
            map.put(key, value);
        }
    }

    private PolicyDocument document(PolicyVersion row) {
        try {
            return mapper.readValue(row.document, PolicyDocument.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored policy " + row.systemKey + "@v" + row.version + " is unreadable", e);
        }
    }

    private static String number(double v) {
        return BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }
}
