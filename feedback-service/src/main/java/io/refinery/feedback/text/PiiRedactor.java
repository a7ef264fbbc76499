package io.refinery.feedback.text;

import java.math.BigInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces personal data in free text by typed placeholders before anything is stored, logged or published.
 * Order matters: e-mails, then IBANs (mod-97 checked), then payment cards (Luhn checked), then phone numbers
 * (international {@code +CC}/{@code 00CC} forms, national forms with a trunk {@code 0}, and North-American
 * {@code 555-123-4567}). Digit runs that fail the checks and do not look like a phone (order numbers, SKUs,
 * dates, prices) are kept. Stateless and thread-safe.
 */
public final class PiiRedactor {

    public static final String EMAIL = "[EMAIL]";
    public static final String PHONE = "[PHONE]";
    public static final String CARD = "[CARD]";
    public static final String IBAN = "[IBAN]";

    private static final String AT = "(?:@|\\s?[(\\[{]\\s?at\\s?[)\\]}]\\s?)";
    private static final String DOT = "(?:\\.|\\s?[(\\[{]\\s?dot\\s?[)\\]}]\\s?)";
    private static final Pattern EMAIL_RE = Pattern.compile(
            "[A-Za-z0-9._%+-]+" + AT + "[A-Za-z0-9-]+(?:" + DOT + "[A-Za-z0-9-]+)*" + DOT + "[A-Za-z]{2,24}\\b",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern IBAN_RE = Pattern.compile(
            "(?<![A-Za-z0-9])[A-Z]{2}\\d{2}(?:[ -]?[A-Z0-9]{4}){2,7}(?:[ -]?[A-Z0-9]{1,3})?(?![A-Za-z0-9])",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern CARD_RE = Pattern.compile("(?<![\\w#/.-])\\d(?:[ -]?\\d){12,18}(?![\\w/-])");
    private static final Pattern INTL_PHONE_RE = Pattern.compile(
            "(?<![\\w+])(?:\\+|00)\\s?\\d{1,3}(?:[\\s.-]?\\(?\\d{1,5}\\)?){2,6}(?![\\w/])");
    private static final Pattern NATIONAL_PHONE_RE = Pattern.compile(
            "(?<![\\w#/.:-])\\(?0\\d{1,4}\\)?(?:[\\s.-]?\\d{2,4}){2,4}(?![\\w/:-])");
    private static final Pattern NANP_PHONE_RE = Pattern.compile(
            "(?<![\\w#/.-])\\(?[2-9]\\d{2}\\)?[\\s.-]\\d{3}[\\s.-]\\d{4}(?![\\w/-])");

    /** Returns the text with every detected e-mail, IBAN, card and phone number replaced; null stays null. */
    public String redact(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String out = EMAIL_RE.matcher(text).replaceAll(EMAIL);
        out = replaceChecked(out, IBAN_RE, IBAN, PiiRedactor::isIban);
        out = replaceChecked(out, CARD_RE, CARD, PiiRedactor::isCard);
        out = replaceChecked(out, INTL_PHONE_RE, PHONE, s -> digitCount(s) >= 8 && digitCount(s) <= 15);
        out = replaceChecked(out, NATIONAL_PHONE_RE, PHONE, s -> digitCount(s) >= 9 && digitCount(s) <= 11);
        return NANP_PHONE_RE.matcher(out).replaceAll(PHONE);
    }

    /** True when the text still contains something this redactor would replace. */
    public boolean containsPii(String text) {
        return text != null && !redact(text).equals(text);
    }

    private interface Check {
        boolean test(String candidate);
    }

    private static String replaceChecked(String text, Pattern pattern, String placeholder, Check check) {
        Matcher m = pattern.matcher(text);
        StringBuilder sb = null;
        int last = 0;
        while (m.find()) {
            if (!check.test(m.group())) {
                continue;
            }
            if (sb == null) {
                sb = new StringBuilder(text.length());
            }
            sb.append(text, last, m.start()).append(placeholder);
            last = m.end();
        }
        if (sb == null) {
            return text;
        }
        return sb.append(text, last, text.length()).toString();
    }

    static int digitCount(String s) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            if (Character.isDigit(s.charAt(i))) {
                n++;
            }
        }
        return n;
    }

    /** Luhn (mod 10) on 13 to 19 digits. */
    static boolean isCard(String candidate) {
        String digits = candidate.replaceAll("\\D", "");
        if (digits.length() < 13 || digits.length() > 19 || digits.chars().distinct().count() == 1) {
            return false;
        }
        int sum = 0;
        boolean dbl = false;
        for (int i = digits.length() - 1; i >= 0; i--) {
            int d = digits.charAt(i) - '0';
            if (dbl) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            dbl = !dbl;
        }
        return sum % 10 == 0;
    }

    /** ISO 13616: move the first four characters to the end, letters to 10..35, the number mod 97 must be 1. */
    static boolean isIban(String candidate) {
        String s = candidate.replaceAll("[ -]", "").toUpperCase();
        if (s.length() < 15 || s.length() > 34) {
            return false;
        }
        String rearranged = s.substring(4) + s.substring(0, 4);
        StringBuilder numeric = new StringBuilder(rearranged.length() * 2);
        for (int i = 0; i < rearranged.length(); i++) {
            char c = rearranged.charAt(i);
            if (Character.isDigit(c)) {
                numeric.append(c);
            } else if (c >= 'A' && c <= 'Z') {
                numeric.append(c - 'A' + 10);
            } else {
                return false;
            }
        }
        return new BigInteger(numeric.toString()).mod(BigInteger.valueOf(97)).intValue() == 1;
    }
}
