package io.refinery.oversight.policy.tiers;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One test on a request, written as text: {@code magnitude > 0.10}, {@code amount >= 5000},
 * {@code confidence < 0.8}, {@code category in [shoes, bags]}. Numeric fields take {@code > >= < <= == !=};
 * category takes {@code in [...]} or {@code == x}. A condition on a field the request lacks does not match.
 */
public record Condition(Field field, String operator, double threshold, List<String> categories) {

    private static final Pattern NUMERIC = Pattern.compile("^\\s*([a-z]+)\\s*(>=|<=|==|!=|>|<)\\s*(-?[0-9]+(?:\\.[0-9]+)?)\\s*$");
    private static final Pattern IN = Pattern.compile("^\\s*([a-z]+)\\s+in\\s+\\[([^\\]]*)\\]\\s*$");
    private static final Pattern EQUALS = Pattern.compile("^\\s*([a-z]+)\\s*==\\s*([A-Za-z0-9_.:-]+)\\s*$");

    public static Condition parse(String text) {
        if (text == null || text.isBlank()) {
            throw new PolicyException("a condition must not be blank");
        }
        Matcher m = IN.matcher(text);
        if (m.matches()) {
            Field field = Field.parse(m.group(1));
            if (field != Field.CATEGORY) {
                throw new PolicyException("'in [...]' applies to category only");
            }
            List<String> values = Arrays.stream(m.group(2).split(",")).map(String::strip).filter(s -> !s.isEmpty())
                    .map(s -> s.toLowerCase(Locale.ROOT)).toList();
            if (values.isEmpty()) {
                throw new PolicyException("'category in [...]' needs at least one category");
            }
            return new Condition(field, "in", Double.NaN, values);
        }
        m = NUMERIC.matcher(text);
        if (m.matches()) {
            Field field = Field.parse(m.group(1));
            if (field == Field.CATEGORY) {
                throw new PolicyException("category is compared with 'in [...]' or '=='");
            }
            return new Condition(field, m.group(2), Double.parseDouble(m.group(3)), List.of());
        }
        m = EQUALS.matcher(text);
        if (m.matches() && Field.parse(m.group(1)) == Field.CATEGORY) {
            return new Condition(Field.CATEGORY, "in", Double.NaN, List.of(m.group(2).toLowerCase(Locale.ROOT)));
        }
        throw new PolicyException("cannot read condition '" + text.strip()
                + "': write e.g. 'magnitude > 0.10', 'amount >= 5000', 'confidence < 0.8' or 'category in [a, b]'");
    }

    /** True when the request carries the field and satisfies the test. */
    public boolean matches(Subject subject) {
        if (!subject.has(field)) {
            return false;
        }
        if (field == Field.CATEGORY) {
            return categories.contains(subject.category().strip().toLowerCase(Locale.ROOT));
        }
        double v = subject.number(field);
        return switch (operator) {
            case ">" -> v > threshold;
            case ">=" -> v >= threshold;
            case "<" -> v < threshold;
            case "<=" -> v <= threshold;
            case "==" -> v == threshold;
            case "!=" -> v != threshold;
            default -> throw new IllegalStateException("operator " + operator);
        };
    }

    /** The canonical text of this condition. */
    @Override
    public String toString() {
        return field == Field.CATEGORY ? "category in [" + String.join(", ", categories) + "]"
                : field.label() + " " + operator + " " + BigDecimalText.of(threshold);
    }

    /** Numbers printed without exponent or trailing zeros. */
    private static final class BigDecimalText {
        static String of(double d) {
            return new java.math.BigDecimal(Double.toString(d)).stripTrailingZeros().toPlainString();
        }
    }
}
