package io.refinery.oversight.policy.tiers;

/** The system's risk profile as the resolver sees it: brand, financial and customer impact, none null. */
public record RiskSignal(Impact brand, Impact financial, Impact customer) {

    public RiskSignal {
        if (brand == null || financial == null || customer == null) {
            throw new IllegalArgumentException("every impact of a risk signal is required");
        }
    }

    public Impact highest() {
        Impact max = brand;
        if (financial.ordinal() > max.ordinal()) {
            max = financial;
        }
        if (customer.ordinal() > max.ordinal()) {
            max = customer;
        }
        return max;
    }
}
