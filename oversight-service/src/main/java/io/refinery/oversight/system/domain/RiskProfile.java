package io.refinery.oversight.system.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;

/** The three impacts the seed names for choosing an oversight tier: brand, financial, customer. */
@Embeddable
public class RiskProfile {

    @Enumerated(EnumType.STRING)
    @Column(name = "brand_impact", nullable = false)
    public ImpactLevel brandImpact;

    @Enumerated(EnumType.STRING)
    @Column(name = "financial_impact", nullable = false)
    public ImpactLevel financialImpact;

    @Enumerated(EnumType.STRING)
    @Column(name = "customer_impact", nullable = false)
    public ImpactLevel customerImpact;

    public RiskProfile() {
    }

    public RiskProfile(ImpactLevel brandImpact, ImpactLevel financialImpact, ImpactLevel customerImpact) {
        this.brandImpact = brandImpact;
        this.financialImpact = financialImpact;
        this.customerImpact = customerImpact;
    }
}
