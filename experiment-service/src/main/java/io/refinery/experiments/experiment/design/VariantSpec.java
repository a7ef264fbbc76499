package io.refinery.experiments.experiment.design;

/**
 * One arm of an experiment.
 *
 * @param key slug, unique in the experiment
 * @param weight share of the enrolled traffic, in (0, 1]; the weights of an experiment sum to 1
 * @param control whether this is the control (exactly one per experiment)
 * @param description free text, may be null
 */
public record VariantSpec(String key, double weight, boolean control, String description) {

    /** The keys of {@code variants}, the control first, then the treatments in declaration order. */
    public static java.util.List<String> keysControlFirst(java.util.List<VariantSpec> variants) {
        java.util.List<String> keys = new java.util.ArrayList<>();
        variants.stream().filter(VariantSpec::control).forEach(v -> keys.add(v.key()));
        variants.stream().filter(v -> !v.control()).forEach(v -> keys.add(v.key()));
        return keys;
    }
}
