package io.refinery.experiments.rollout.machine;

import java.util.Map;

/**
 * One dimension of a readiness assessment: the score (1 to 5) people gave, their evidence and answers to the
 * dimension's questions, and what the platform measured before them ({@code measuredScore} and
 * {@code measuredEvidence}, null where nothing can be measured). {@link #origin()} tells which is which.
 */
public record DimensionAssessment(Integer score, String evidence, Map<String, String> answers, Integer measuredScore,
        String measuredEvidence) {

    public enum Origin {
        /** Only the measured pre-fill: nobody confirmed it yet. */
        MEASURED,
        /** A person gave the same score as the pre-fill. */
        CONFIRMED,
        /** A person gave another score than the pre-fill. */
        CORRECTED,
        /** A person scored a dimension nothing could measure. */
        DECLARED,
        /** Neither. */
        MISSING
    }

    public Origin origin() {
        if (score == null) {
            return measuredScore == null ? Origin.MISSING : Origin.MEASURED;
        }
        if (measuredScore == null) {
            return Origin.DECLARED;
        }
        return score.equals(measuredScore) ? Origin.CONFIRMED : Origin.CORRECTED;
    }

    /** The score that counts: the person's, else the measured one. */
    public Integer effectiveScore() {
        return score != null ? score : measuredScore;
    }

    /** The same assessment with a measured pre-fill. */
    public DimensionAssessment withMeasured(Integer measured, String evidenceOfMeasure) {
        return new DimensionAssessment(score, evidence, answers, measured, evidenceOfMeasure);
    }
}
