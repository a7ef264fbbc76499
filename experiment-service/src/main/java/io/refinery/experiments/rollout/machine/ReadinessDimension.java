package io.refinery.experiments.rollout.machine;

import java.util.List;

/** The five dimensions of readiness to scale, each with the questions an assessment must answer (the seed's). */
public enum ReadinessDimension {

    DATA_INFRASTRUCTURE("dataInfrastructure", List.of(
            "Can existing systems handle the increased data volume and processing demands?",
            "Are data quality standards maintained at scale?")),
    TECHNICAL_RESOURCES("technicalResources", List.of(
            "Are sufficient internal or external engineering resources available for broader implementation, "
                    + "maintenance, and support?")),
    CHANGE_MANAGEMENT("changeManagement", List.of(
            "Has the organization been prepared for the operational changes that scaling will introduce?")),
    SYSTEM_DEPENDENCIES("systemDependencies", List.of(
            "What interconnected systems and processes will be affected?",
            "Have integration points been validated?")),
    FINANCIAL_PROJECTIONS("financialProjections", List.of(
            "Have budget and ROI projections been updated to reflect full-scale deployment costs and expected returns?"));

    private final String field;
    private final List<String> questions;

    ReadinessDimension(String field, List<String> questions) {
        this.field = field;
        this.questions = questions;
    }

    /** The JSON field of the dimension in a rollout's {@code readiness}. */
    public String field() {
        return field;
    }

    public List<String> questions() {
        return questions;
    }
}
