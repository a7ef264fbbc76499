package io.refinery.experiments.rollout.domain;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The readiness gate's settings, {@code refinery.rollouts.*}. */
@ConfigMapping(prefix = "refinery.rollouts")
public interface RolloutConfig {

    /** The score (1 to 5) every readiness dimension must reach. */
    @WithDefault("3")
    int minimumScore();

    /** Whether a dimension only the platform measured must be confirmed by a person before it counts. */
    @WithDefault("true")
    boolean requireConfirmation();
}
