package io.refinery.feedback.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PiiRedactorTest {

    private final PiiRedactor redactor = new PiiRedactor();

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "mail me at john.doe@example.com please|mail me at [EMAIL] please|john.doe",
        "A.B+tag@sub.example.co.uk wrote|[EMAIL] wrote|example.co.uk",
        "jane (at) example (dot) com is my address|[EMAIL] is my address|example",
        "JANE[at]Shop[dot]IO ok|[EMAIL] ok|Shop",
        "card 4111 1111 1111 1111 was charged|card [CARD] was charged|1111",
        "card 4111-1111-1111-1111.|card [CARD].|1111",
        "amex 378282246310005 declined|amex [CARD] declined|378282",
        "mastercard 5500000000000004, expiry 12/27|mastercard [CARD], expiry 12/27|55000",
        "IBAN GB82 WEST 1234 5698 7654 32 for the refund|IBAN [IBAN] for the refund|WEST",
        "refund to de89370400440532013000 thanks|refund to [IBAN] thanks|3704",
        "FR14 2004 1010 0505 0001 3M02 606 is mine|[IBAN] is mine|2004",
        "call +44 20 7946 0958 tomorrow|call [PHONE] tomorrow|7946",
        "call +1 (555) 123-4567 now|call [PHONE] now|4567",
        "ring 0044 20 7946 0958|ring [PHONE]|7946",
        "ring 020 7946 0958 after 5|ring [PHONE] after 5|7946",
        "mobile 06 12 34 56 78 ok|mobile [PHONE] ok|56 78",
        "mobile 030 1234567 ok|mobile [PHONE] ok|1234567",
        "Tel.: +49-30-1234-5678|Tel.: [PHONE]|5678",
        "US number 212-555-0199 or 212.555.0199|US number [PHONE] or [PHONE]|0199",
        "me (john@x.org), 07700 900123 & 4111111111111111|me ([EMAIL]), [PHONE] & [CARD]|900123",
    })
    void piiIsReplaced(String input, String expected, String mustNotSurvive) {
        String out = redactor.redact(input);
        assertThat(out).isEqualTo(expected).doesNotContain(mustNotSurvive);
        assertThat(redactor.containsPii(out)).isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "Order #123456789 arrived on 2024-03-15",
        "Order 4471 placed 15/03/2024 at 10:30",
        "It cost €1,299.00, or 19.99 a month",
        "SKU AB-1234-XL in size 42",
        "tracking 1Z999AA10123456784",
        "order number 1234567812345678 (not a card)",
        "version 3.2.1 of the app, 2 stars",
        "ISO date 2026-11-25T03:00:00Z and 24h",
        "bought 3 items for 120 EUR on 03/15/2024",
        "voucher GB12ABCD1234 did not work",
    })
    void nonPiiIsKept(String input) {
        assertThat(redactor.redact(input)).isEqualTo(input);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = { "4111111111111112", "GB82 WEST 1234 5698 7654 33" })
    void checksumFailuresAreKept(String input) {
        assertThat(redactor.redact(input)).isEqualTo(input);
    }
}
