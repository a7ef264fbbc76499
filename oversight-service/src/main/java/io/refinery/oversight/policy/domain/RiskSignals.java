package io.refinery.oversight.policy.domain;

import io.refinery.oversight.policy.tiers.Impact;
import io.refinery.oversight.policy.tiers.RiskSignal;
import io.refinery.oversight.system.domain.AiSystem;
import io.refinery.oversight.system.domain.RiskProfile;

/** An AI system's registered risk profile as the tier resolver's {@link RiskSignal}. */
public final class RiskSignals {

    private RiskSignals() {
    }

    /** The system's signal, or null when the system is unknown or has no risk profile. */
    public static RiskSignal of(AiSystem system) {
        if (system == null || system.riskProfile == null || system.riskProfile.brandImpact == null) {
            return null;
        }
        RiskProfile p = system.riskProfile;
        return new RiskSignal(Impact.valueOf(p.brandImpact.name()), Impact.valueOf(p.financialImpact.name()),
                Impact.valueOf(p.customerImpact.name()));
    }
}
