package io.refinery.oversight.policy.tiers;

/**
 * What a policy looks at in a request: its action type and the optional numbers and category. A null number
 * is a missing field.
 */
public record Subject(String actionType, Double magnitude, Double amount, Double confidence, String category) {

    /** The value of a numeric field by its condition name, or null when the request did not carry it. */
    Double number(Field field) {
        return switch (field) {
            case MAGNITUDE -> magnitude;
            case AMOUNT -> amount;
            case CONFIDENCE -> confidence;
            case CATEGORY -> throw new IllegalArgumentException("category is not a number");
        };
    }

    boolean has(Field field) {
        return field == Field.CATEGORY ? category != null && !category.isBlank() : number(field) != null;
    }
}
