package io.refinery.oversight.console.domain;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;

import org.jboss.logging.Logger;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Sort;
import io.refinery.oversight.evidence.domain.EvidenceBundle;
import io.refinery.oversight.evidence.links.EvidenceLinks;
import io.refinery.oversight.policy.domain.PolicyDocument;
import io.refinery.oversight.policy.domain.PolicyService;
import io.refinery.oversight.relaxation.domain.RelaxationTracker;
import io.refinery.oversight.review.domain.Review;
import io.refinery.oversight.review.rules.ReviewState;
import io.refinery.oversight.system.domain.AiSystem;
import io.refinery.oversight.system.domain.SystemRegistry;
import io.refinery.oversight.timeline.domain.SystemTimeline;
import io.refinery.oversight.timeline.summary.EventCategory;
import io.refinery.platform.events.AlertFired;
import io.smallrye.mutiny.Uni;

/**
 * Loads the system page through the features that own each part: the registry ({@link SystemRegistry}, a 404
 * problem for an unknown key), the policy ({@link PolicyService}) and relaxation track ({@link RelaxationTracker}),
 * the pending reviews, the health ({@link Portfolio}), the timeline ({@link SystemTimeline}) and, from the other
 * services with a timeout per part, the evidence around now ({@link EvidenceBundle}): the metric of the latest alert
 * drawn against its baseline, the latest drift run, the drift monitors and recent detections, last week's feedback
 * themes, the sentiment per customer segment and the running experiments. A service that does not answer is a notice
 * on its panel only.
 */
@ApplicationScoped
public class SystemPages {

    private static final Logger LOG = Logger.getLogger(SystemPages.class);
    /** How many pending reviews and timeline entries the page lists. */
    public static final int PENDING_LIMIT = 50;
    public static final int TIMELINE_LIMIT = 100;

    private final SystemRegistry registry;
    private final PolicyService policies;
    private final RelaxationTracker relaxation;
    private final Portfolio portfolio;
    private final SystemTimeline timeline;
    private final EvidenceBundle evidence;
    private final Clock clock;

    public SystemPages(SystemRegistry registry, PolicyService policies, RelaxationTracker relaxation, Portfolio portfolio,
            SystemTimeline timeline, EvidenceBundle evidence, Clock clock) {
        this.registry = registry;
        this.policies = policies;
        this.relaxation = relaxation;
        this.portfolio = portfolio;
        this.timeline = timeline;
        this.evidence = evidence;
        this.clock = clock;
    }

    /** The page; a 404 problem when no system has this key. */
    @WithSession
    public Uni<SystemPage> load(String key, ConsoleFrame frame) {
        Instant now = clock.instant();
        return registry.get(key).flatMap(system -> policies.latestOrNull(key)
                .flatMap(policy -> relaxation.overview(key)
                        .onFailure().recoverWithItem(e -> {
                            LOG.warnf("relaxation track of %s could not be read: %s", key, e.toString());
                            return List.of();
                        })
                        .flatMap(tracks -> pending(key, now).flatMap(pending -> portfolio.of(key)
                                .flatMap(health -> entries(key, now).flatMap(entries -> panels(key, now, entries)
                                        .map(panels -> new SystemPage(frame, facts(system), health, health.attention().level(),
                                                policy == null ? null : policy(policy), tracks.stream().map(SystemPages::track).toList(),
                                                pending.stream().limit(PENDING_LIMIT).map(r -> QueueRow.of(r, now)).toList(),
                                                pending.size() > PENDING_LIMIT,
                                                entries.stream().limit(TIMELINE_LIMIT).map(SystemPages::row).toList(),
                                                entries.size() > TIMELINE_LIMIT, panels))))))));
    }

    private Uni<List<Review>> pending(String key, Instant now) {
        return Review.<Review> find("systemKey = ?1 and state = ?2", Sort.by("dueAt").and("id"), key, ReviewState.PENDING)
                .range(0, PENDING_LIMIT).list();
    }

    private Uni<List<SystemTimeline.Entry>> entries(String key, Instant now) {
        return timeline.page(new SystemTimeline.Query(key, now.minus(Duration.ofDays(Portfolio.WINDOW_DAYS)),
                now.plus(Duration.ofDays(1)), EnumSet.allOf(EventCategory.class), true, null, null, TIMELINE_LIMIT + 1));
    }

    /** The other services' panels, about the metric of the latest alert heard in the window, if any. */
    private Uni<List<EvidencePanel>> panels(String key, Instant now, List<SystemTimeline.Entry> entries) {
        JsonNode alert = entries.stream().filter(e -> AlertFired.TYPE.equals(e.type()) && e.data() != null)
                .map(SystemTimeline.Entry::data).findFirst().orElse(null);
        String alertId = alert == null ? null : text(alert, "alertId");
        String metric = alert == null ? null : text(alert, "metric");
        String valueSource = alert == null ? null : text(alert, "valueSource");
        Uni<List<EvidencePanel>> around = evidence.gather(null,
                new EvidenceLinks.Subject(key, now, alertId, metric, null, valueSource))
                .map(bundle -> retitled(EvidencePanels.of(key, bundle.parts()), metric));
        Uni<List<EvidencePanel>> more = evidence.system(key, now, Duration.ofDays(Portfolio.WINDOW_DAYS))
                .map(parts -> SystemPanels.of(parts, Portfolio.WINDOW_DAYS));
        return Uni.combine().all().unis(around, more).asTuple().map(t -> inOrder(t.getItem1(), t.getItem2()))
                .onFailure().recoverWithItem(e -> {
                    LOG.warnf("evidence of system %s could not be gathered: %s", key, e.toString());
                    return List.of(EvidencePanel.unavailable("evidence", "The other services", "the other services",
                            e.toString()));
                });
    }

    /** The review page's panels, titled for a system rather than a request. */
    private static List<EvidencePanel> retitled(List<EvidencePanel> panels, String metric) {
        List<EvidencePanel> out = new ArrayList<>();
        if (metric == null) {
            out.add(new EvidencePanel("alert", "Key metric against its baseline", "metrics-service", null, null,
                    ReadableJson.EMPTY, "No alert fired on this system in the last " + Portfolio.WINDOW_DAYS + " days, so no "
                            + "metric is singled out. The chart shows the metric of the latest alert, against the baseline "
                            + "band its rule judged."));
        }
        for (EvidencePanel p : panels) {
            String title = switch (p.key()) {
                case "alert" -> "Key metric: " + metric + " of the latest alert, against its baseline";
                case "feedback" -> "Feedback themes of the last week";
                default -> p.title();
            };
            out.add(new EvidencePanel(p.key(), title, p.source(), p.notice(), p.chart(), p.content(),
                    "feedback".equals(p.key()) && p.emptyText() != null ? "No feedback about this system in the last week."
                            : p.emptyText(), p.links(), p.themes()));
        }
        return List.copyOf(out);
    }

    /** The drift panels together (latest run, monitors, detections), the feedback panels together, then the rest. */
    private static List<EvidencePanel> inOrder(List<EvidencePanel> around, List<EvidencePanel> more) {
        List<String> order = List.of("alert", "drift", "monitors", "detections", "feedback", "segments", "experiments");
        List<EvidencePanel> all = new ArrayList<>(around);
        all.addAll(more);
        all.sort(Comparator.comparingInt(p -> order.indexOf(p.key()) < 0 ? order.size() : order.indexOf(p.key())));
        return List.copyOf(all);
    }

    private static SystemPage.Facts facts(AiSystem s) {
        return new SystemPage.Facts(s.systemKey, s.name, Labels.constant(s.kind.name()), s.ownerTeam,
                s.riskProfile == null ? new PortfolioRow.Risk("", "", "")
                        : new PortfolioRow.Risk(Labels.constant(s.riskProfile.brandImpact.name()),
                                Labels.constant(s.riskProfile.financialImpact.name()),
                                Labels.constant(s.riskProfile.customerImpact.name())),
                s.revision, Stamp.of(s.createdAt), s.createdBy, Stamp.of(s.updatedAt), s.updatedBy);
    }

    private static SystemPage.PolicyView policy(PolicyService.Versioned v) {
        PolicyDocument d = v.document();
        List<SystemPage.RuleRow> rules = d.rules() == null ? List.of() : d.rules().stream()
                .map(r -> new SystemPage.RuleRow(r.actionType(), r.conditions() == null || r.conditions().isEmpty() ? "always"
                        : String.join(" and ", r.conditions()), Labels.tier(r.tier()),
                        r.requiredApprovals() == null ? "1" : r.requiredApprovals().toString(),
                        r.sla() == null ? "default" : r.sla(), r.escalationRole() == null ? "default" : r.escalationRole()))
                .toList();
        List<SystemPage.ShiftRow> shifts = d.tierShifts().stream().map(s -> new SystemPage.ShiftRow(s.actionType(),
                shift(s.shift()), Stamp.of(s.since()), s.reason())).toList();
        return new SystemPage.PolicyView(v.row().version, Stamp.of(v.row().createdAt), v.row().createdBy,
                d.defaultSla() == null ? "the service default" : d.defaultSla(),
                d.lowConfidenceBelow() == null ? null : number(d.lowConfidenceBelow()),
                d.defaultEscalationRole(), rules, shifts);
    }

    private static SystemPage.TrackRow track(RelaxationTracker.TrackView t) {
        return new SystemPage.TrackRow(t.actionType(), shift(t.shift()), Stamp.of(t.trackStart()), t.decisions(),
                t.autoApproved(), t.incidentsInWindow(), percent(t.unmodifiedRate()), percent(t.wilsonLowerBound()),
                t.meetsBar(), t.proposedShift() == null ? null : shift(t.proposedShift()),
                t.reasons() == null ? "" : String.join("; ", t.reasons()), t.pendingProposal());
    }

    private static SystemPage.TimelineRow row(SystemTimeline.Entry e) {
        return new SystemPage.TimelineRow(Stamp.of(e.at()), Labels.constant(e.category().name()),
                e.category().name().toLowerCase(Locale.ROOT), e.summary() == null ? Labels.constant(e.type()) : e.summary(),
                e.source(), e.actor());
    }

    private static String shift(int shift) {
        return shift == 0 ? "none" : shift < 0 ? shift + " (less conservative)" : "+" + shift + " (more conservative)";
    }

    private static String percent(Double rate) {
        return rate == null ? "—" : new BigDecimal(rate * 100).round(new MathContext(3)).stripTrailingZeros().toPlainString() + " %";
    }

    private static String number(double v) {
        return BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.path(field);
        return v.isTextual() && !v.asText().isBlank() ? v.asText() : null;
    }
}
