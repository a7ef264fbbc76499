package io.refinery.metrics.drift.domain;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.refinery.metrics.drift.stats.DataType;

/**
 * One feature a drift monitor compares.
 *
 * @param modelInput whether the model reads it; false for features monitored for context (signals the model lacks),
 *     which the remediation rule weighs (EXPAND_DATA_SOURCES)
 */
@RegisterForReflection
public record MonitorFeature(String name, DataType type, boolean modelInput) {
}
