package io.refinery.experiments.experiment.domain;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;

import io.refinery.experiments.experiment.design.BanditSpec;
import io.refinery.experiments.experiment.design.MetricSpec;
import io.refinery.experiments.stats.MetricType;
import io.refinery.platform.problem.FieldIssue;

/**
 * The field checks of a bandit's settings ({@code bandit.*}): a primary metric Thompson sampling can model (BINOMIAL
 * or CONTINUOUS), a kind that can ship (not an A/A test or a holdout), a minimum share every arm can have at once, a
 * burn-in of at least one unit and an update interval between one minute and a week.
 */
final class BanditInputChecks {

    static final Duration MIN_UPDATE = Duration.ofMinutes(1);
    static final Duration MAX_UPDATE = Duration.ofDays(7);

    private BanditInputChecks() {
    }

    static BanditSpec bandit(ExperimentInput in, MetricSpec metric, int arms, List<FieldIssue> issues) {
        ExperimentInput.BanditInput b = in.bandit();
        if (b == null) {
            return null;
        }
        if (in.kind() == ExperimentInput.Kind.AA_TEST || in.kind() == ExperimentInput.Kind.HOLDOUT) {
            issues.add(new FieldIssue("bandit", "an A/A test or a holdout keeps fixed weights"));
        }
        if (metric != null && metric.type() != MetricType.BINOMIAL && metric.type() != MetricType.CONTINUOUS) {
            issues.add(new FieldIssue("primaryMetric.type", "a bandit's primary metric must be BINOMIAL or CONTINUOUS"));
        }
        long burnIn = b.burnInUnits() == null ? BanditSpec.DEFAULT_BURN_IN : b.burnInUnits();
        if (burnIn < 1) {
            issues.add(new FieldIssue("bandit.burnInUnits", "must be at least 1"));
        }
        double share = b.minimumShare() == null ? BanditSpec.DEFAULT_MINIMUM_SHARE : b.minimumShare();
        if (!(share >= 0) || (arms > 0 && share * arms > 1)) {
            issues.add(new FieldIssue("bandit.minimumShare", "must be in [0, 1/variants]: every arm keeps it at once"));
        }
        String every = b.updateEvery() == null ? BanditSpec.DEFAULT_UPDATE_EVERY : b.updateEvery();
        Duration d = null;
        try {
            d = Duration.parse(every);
        } catch (DateTimeParseException e) {
            issues.add(new FieldIssue("bandit.updateEvery", "must be an ISO-8601 duration such as PT1H"));
        }
        if (d != null && (d.compareTo(MIN_UPDATE) < 0 || d.compareTo(MAX_UPDATE) > 0)) {
            issues.add(new FieldIssue("bandit.updateEvery", "must be between PT1M and P7D"));
        }
        return new BanditSpec(burnIn, share, every);
    }
}
