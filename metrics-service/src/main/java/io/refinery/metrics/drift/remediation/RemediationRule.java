package io.refinery.metrics.drift.remediation;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Recommends one {@link RemediationAction} for a drift. The rules are tried in this order and the first that matches
 * wins (thresholds from {@link RemediationThresholds}, defaults in brackets):
 *
 * <ol>
 *   <li>{@link RemediationAction#REVISE_ARCHITECTURE}: concept drift, and the model was retrained since the previous
 *       concept drift. A retrain did not hold, so the model itself must change.</li>
 *   <li>{@link RemediationAction#EXPAND_DATA_SOURCES}: at least one feature drifted, and at least
 *       {@code missingSignalShare} [0.5] of the drifted features are not model inputs. The change is where the model
 *       cannot see it.</li>
 *   <li>{@link RemediationAction#RETRAIN} (broad): at least {@code broadDriftShare} [0.5] of all features drifted.</li>
 *   <li>{@link RemediationAction#ADJUST_PARAMETERS}: at least one feature drifted, and every drifted feature is
 *       minor and directional: its mean moved by {@code directionalShift <= |shift| <= minorShift} [0.1 to 0.5]
 *       reference standard deviations. A drifted feature without a mean shift (categorical, unknown) or with a
 *       smaller or larger one fails the rule.</li>
 *   <li>Otherwise {@link RemediationAction#RETRAIN}: the default response to drift that is neither broad nor
 *       explained by missing signals nor small enough to tune away, and to a first concept drift.</li>
 * </ol>
 *
 * The reasons name the rule that fired first, then its facts, and, for the default, why the narrower rules did not
 * apply; the last reason lists the drifted features with their scores and mean shifts. Pure: the result depends only
 * on the arguments.
 */
public final class RemediationRule {

    private RemediationRule() {
    }

    /** The recommendation for {@code evidence} with {@link RemediationThresholds#DEFAULTS}. */
    public static Recommendation recommend(DriftEvidence evidence) {
        return recommend(evidence, RemediationThresholds.DEFAULTS);
    }

    /** The recommendation for {@code evidence} with {@code thresholds}. */
    public static Recommendation recommend(DriftEvidence evidence, RemediationThresholds thresholds) {
        if (evidence == null || thresholds == null) {
            throw new IllegalArgumentException("evidence and thresholds must not be null");
        }
        List<FeatureDrift> drifted = evidence.driftedFeatures();
        int featureCount = evidence.features().size();
        List<String> reasons = new ArrayList<>();
        RemediationAction action;

        if (evidence.kind() == DriftKind.CONCEPT && evidence.retrainedSincePreviousConceptDrift()) {
            action = RemediationAction.REVISE_ARCHITECTURE;
            reasons.add("concept drift persisting after a retrain: the error rose again although the model was "
                    + "retrained after the previous concept drift");
        } else if (!drifted.isEmpty() && evidence.missingSignalShare() >= thresholds.missingSignalShare()) {
            action = RemediationAction.EXPAND_DATA_SOURCES;
            List<FeatureDrift> missing = drifted.stream().filter(feature -> !feature.modelInput()).toList();
            reasons.add("drift concentrated where the model lacks signals: " + missing.size() + " of "
                    + drifted.size() + " drifted features (" + percent(evidence.missingSignalShare())
                    + ") are not model inputs, at least " + percent(thresholds.missingSignalShare()) + ": "
                    + names(missing));
        } else if (evidence.driftedShare() >= thresholds.broadDriftShare()) {
            action = RemediationAction.RETRAIN;
            reasons.add("broad data drift: " + drifted.size() + " of " + featureCount + " features drifted ("
                    + percent(evidence.driftedShare()) + "), at least " + percent(thresholds.broadDriftShare()));
        } else if (!drifted.isEmpty()
                && drifted.stream().allMatch(feature -> minorAndDirectional(feature, thresholds))) {
            action = RemediationAction.ADJUST_PARAMETERS;
            reasons.add("minor and directional drift: " + drifted.size() + " of " + featureCount
                    + " features drifted (" + percent(evidence.driftedShare()) + ", below "
                    + percent(thresholds.broadDriftShare()) + "), each with a mean shift between "
                    + number(thresholds.directionalShift()) + " and " + number(thresholds.minorShift())
                    + " reference standard deviations");
        } else {
            action = RemediationAction.RETRAIN;
            reasons.add("default: drift that is neither broad, nor concentrated where the model lacks signals, nor "
                    + "minor and directional");
            reasons.addAll(whyNotNarrower(evidence, drifted, thresholds));
        }
        if (!drifted.isEmpty()) {
            reasons.add("drifted features: " + drifted.stream().map(RemediationRule::describe)
                    .collect(Collectors.joining(", ")));
        }
        return new Recommendation(action, reasons);
    }

    private static boolean minorAndDirectional(FeatureDrift feature, RemediationThresholds thresholds) {
        if (feature.meanShift() == null) {
            return false;
        }
        double size = Math.abs(feature.meanShift());
        return size >= thresholds.directionalShift() && size <= thresholds.minorShift();
    }

    private static List<String> whyNotNarrower(DriftEvidence evidence, List<FeatureDrift> drifted,
            RemediationThresholds thresholds) {
        List<String> reasons = new ArrayList<>();
        if (evidence.kind() == DriftKind.CONCEPT) {
            reasons.add("concept drift with no retrain since the previous one: retrain on recent outcomes first");
        }
        if (drifted.isEmpty()) {
            return reasons;
        }
        reasons.add(drifted.size() + " of " + evidence.features().size() + " features drifted ("
                + percent(evidence.driftedShare()) + "), below " + percent(thresholds.broadDriftShare())
                + "; " + percent(evidence.missingSignalShare()) + " of them are not model inputs, below "
                + percent(thresholds.missingSignalShare()));
        for (FeatureDrift feature : drifted) {
            if (feature.meanShift() == null) {
                reasons.add(feature.feature() + " has no mean shift (categorical or unknown), so its drift is not "
                        + "directional");
            } else if (!minorAndDirectional(feature, thresholds)) {
                double size = Math.abs(feature.meanShift());
                reasons.add(feature.feature() + " shifted its mean by " + signed(feature.meanShift())
                        + " reference standard deviations, " + (size > thresholds.minorShift()
                                ? "more than the " + number(thresholds.minorShift()) + " of a minor shift"
                                : "less than the " + number(thresholds.directionalShift()) + " of a directional one"));
            }
        }
        return reasons;
    }

    private static String describe(FeatureDrift feature) {
        String shift = feature.meanShift() == null ? "" : ", mean shift " + signed(feature.meanShift()) + " sd";
        return feature.feature() + " (score " + number(feature.score()) + shift
                + (feature.modelInput() ? "" : ", not a model input") + ")";
    }

    private static String names(List<FeatureDrift> features) {
        return features.stream().map(FeatureDrift::feature).collect(Collectors.joining(", "));
    }

    private static String percent(double share) {
        return String.format(Locale.ROOT, "%.0f %%", 100 * share);
    }

    private static String number(double value) {
        return String.format(Locale.ROOT, "%.2f", value);
    }

    private static String signed(double value) {
        return String.format(Locale.ROOT, "%+.2f", value);
    }
}
