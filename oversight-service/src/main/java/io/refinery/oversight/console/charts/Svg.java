package io.refinery.oversight.console.charts;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Escaping and number formatting for the SVG the charts write: every text and attribute goes through here. */
public final class Svg {

    private Svg() {
    }

    /** {@code text} safe inside an element or a double- or single-quoted attribute; null is empty. */
    public static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> {
                    if (c < 0x20 && c != '\n' && c != '\t') {
                        out.append(' ');
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }

    /** A coordinate with at most two decimals and no trailing zeros, in the ROOT locale ({@code 12.5}, {@code 3}). */
    public static String coordinate(double v) {
        if (!Double.isFinite(v)) {
            return "0";
        }
        return BigDecimal.valueOf(v).setScale(2, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
    }

    /** An id made only of {@code a-z 0-9 -}, so it can be used in {@code id} and {@code aria-labelledby}. */
    public static String id(String raw) {
        String cleaned = raw == null ? "" : raw.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9-]+", "-");
        return cleaned.isEmpty() || !Character.isLetter(cleaned.charAt(0)) ? "chart-" + cleaned : cleaned;
    }
}
