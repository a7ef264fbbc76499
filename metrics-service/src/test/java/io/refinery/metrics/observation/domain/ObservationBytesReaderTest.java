package io.refinery.metrics.observation.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;

import io.refinery.metrics.ingestion.api.JsonBatch;
import io.refinery.metrics.ingestion.domain.Vocabulary;
import io.refinery.platform.problem.InvalidFieldsProblem;

/**
 * The fast reader against the general one ({@link ObservationReader} on Jackson's token stream, with duplicate keys
 * refused as the service's mapper does): on every input, generated or broken on purpose, the fast reader either
 * steps aside (null) or gives exactly the same observation; and it does take the plain items producers send.
 */
class ObservationBytesReaderTest {

    private static final JsonFactory JSON = JsonFactory.builder()
            .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
    private static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");
    private static final String ID_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._:-";
    private static final String METRIC_CHARS = "abcdefghijklmnopqrstuvwxyz0123456789_.-";
    private static final String PRINTABLE = " !#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[]^_`abcdefghijklmnopqrstuvwxyz{|}~";

    /** What the general reader makes of one record: the observation, or null if it refuses or cannot parse it. */
    private static Observation general(String json) {
        try (JsonParser parser = JSON.createParser(json.getBytes(StandardCharsets.UTF_8))) {
            parser.nextToken();
            ObservationReader.Parsed parsed = ObservationReader.read(parser, NOW, new Vocabulary());
            if (parser.nextToken() != null) {
                return null;
            }
            return parsed.observation();
        } catch (JsonProcessingException e) {
            return null;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Observation fast(String json) {
        return new ObservationBytesReader(NOW, new Vocabulary()).readRecord(json.getBytes(StandardCharsets.UTF_8));
    }

    private static void sameAsGeneral(String json) {
        Observation fast = fast(json);
        if (fast != null) {
            assertThat(fast).as("fast reading of %s", json).isEqualTo(general(json));
        }
    }

    @Test
    void takesPlainItemsAndReadsThemAsTheGeneralReaderDoes() {
        SplittableRandom random = new SplittableRandom(23);
        for (int i = 0; i < 20_000; i++) {
            String json = plainItem(random);
            Observation expected = general(json);
            assertThat(expected).as("a generated item is valid: %s", json).isNotNull();
            assertThat(fast(json)).as("fast reading of %s", json).isEqualTo(expected);
        }
    }

    @Test
    void stepsAsideOrAgreesOnBrokenItems() {
        SplittableRandom random = new SplittableRandom(42);
        int tookBroken = 0;
        for (int i = 0; i < 40_000; i++) {
            String json = broken(plainItem(random), random);
            sameAsGeneral(json);
            if (fast(json) != null && general(json) != null) {
                tookBroken++;
            }
        }
        assertThat(tookBroken).as("some mutations leave a valid item (a whitespace, a digit), and those are taken")
                .isPositive();
    }

    @Test
    void stepsAsideOnEveryFormItDoesNotRead() {
        String base = "{\"id\":\"a-1\",\"systemKey\":\"reco\",\"metric\":\"ctr\",\"value\":%s,"
                + "\"observedAt\":\"%s\",\"dimensions\":%s}";
        String at = "2026-11-24T10:00:00Z";
        String dims = "{\"segment\":\"vip\"}";
        for (String value : List.of("01", "1.", ".5", "+1", "1e", "1e+", "-", "NaN", "Infinity", "1e400", "-1e400", "true",
                "null", "\"1\"", "1x", "0x10", "1_000")) {
            assertThat(fast(base.formatted(value, at, dims))).as("value %s", value).isNull();
            sameAsGeneral(base.formatted(value, at, dims));
        }
        for (String instant : List.of("2026-02-30T10:00:00Z", "2026-11-24T10:00:00+01:00", "2026-11-24T24:00:00Z",
                "2026-11-24T10:00:00.1234567890Z", "1969-12-31T23:59:59Z", "2026-11-24T12:05:01Z", "2026-11-24 10:00:00Z",
                "+12026-11-24T10:00:00Z", "2026-11-24T10:00Z")) {
            assertThat(fast(base.formatted("1", instant, dims))).as("observedAt %s", instant).isNull();
            sameAsGeneral(base.formatted("1", instant, dims));
        }
        for (String dimensions : List.of("{\"segment\":\"vip\",\"segment\":\"new\"}", "{\"Bad key\":\"x\"}",
                "{\"segment\":\"\"}", "{\"segment\":1}", "{\"segment\":null}", "[]", "\"vip\"", "null",
                "{\"segment\":\"v\\u0069p\"}", "{\"segment\":\"S\u00e3o Paulo\"}", "{\"_x\":\"y\"}",
                "{\"a\":\"" + "x".repeat(201) + "\"}", "{\"" + "k".repeat(65) + "\":\"v\"}")) {
            assertThat(fast(base.formatted("1", at, dimensions))).as("dimensions %s", dimensions).isNull();
            sameAsGeneral(base.formatted("1", at, dimensions));
        }
        StringBuilder many = new StringBuilder("{");
        for (int k = 0; k < 17; k++) {
            many.append(k == 0 ? "" : ",").append("\"k").append(k).append("\":\"v\"");
        }
        assertThat(fast(base.formatted("1", at, many.append('}')))).as("17 dimensions").isNull();
        for (String item : List.of("{}", "[]", "", " ", "{\"id\":\"a\"}", "{\"id\":\"a\",\"systemKey\":\"reco\",\"metric\":\"ctr\","
                + "\"value\":1,\"observedAt\":\"" + at + "\",\"extra\":1}",
                "{\"id\":\"a\",\"id\":\"b\",\"systemKey\":\"reco\",\"metric\":\"ctr\",\"value\":1,\"observedAt\":\"" + at + "\"}",
                "{\"id\":\"a\",\"systemKey\":\"reco\",\"metric\":\"Ctr\",\"value\":1,\"observedAt\":\"" + at + "\"}",
                "{\"id\":\"a\",\"systemKey\":\"   \",\"metric\":\"ctr\",\"value\":1,\"observedAt\":\"" + at + "\"}",
                "{\"id\":\"a b\",\"systemKey\":\"reco\",\"metric\":\"ctr\",\"value\":1,\"observedAt\":\"" + at + "\"}",
                "{\"id\":\"a\",\"systemKey\":\"reco\",\"metric\":\"ctr\",\"numerator\":1,\"observedAt\":\"" + at + "\"}",
                "{\"id\":\"a\",\"systemKey\":\"reco\",\"metric\":\"ctr\",\"numerator\":1,\"denominator\":0,\"observedAt\":\"" + at + "\"}",
                "{\"id\":\"a\",\"systemKey\":\"reco\",\"metric\":\"ctr\",\"numerator\":-1,\"denominator\":2,\"observedAt\":\"" + at + "\"}",
                "{\"id\":\"a\",\"systemKey\":\"reco\",\"metric\":\"ctr\",\"observedAt\":\"" + at + "\"}",
                "{\"id\":\"a\",\"systemKey\":\"reco\",\"metric\":\"ctr\",\"value\":1,\"observedAt\":\"" + at + "\"} x",
                "\ufeff{\"id\":\"a\",\"systemKey\":\"reco\",\"metric\":\"ctr\",\"value\":1,\"observedAt\":\"" + at + "\"}")) {
            assertThat(fast(item)).as("item %s", item).isNull();
            sameAsGeneral(item);
        }
    }

    @Test
    void readsNumbersAsJacksonDoes() {
        String item = "{\"id\":\"a-1\",\"systemKey\":\"reco\",\"metric\":\"ctr\",\"value\":%s,\"observedAt\":\"2026-11-24T10:00:00Z\"}";
        for (String value : List.of("0", "-0", "0.0", "-0.0", "0e5", "1e-400", "123456789012345678", "1234567890123456789",
                "12345678901234567890123", "0.1", "0.30000000000000004", "3.141592653589793", "2.5E+3", "7e22", "7e23",
                "1.7976931348623157e308", "4.9e-324", "123.456e-7", "0.000000000000000000000001", "99999999999999999999e-5",
                "-12.5", "1E2", "5e-1")) {
            Observation fast = fast(item.formatted(value));
            assertThat(fast).as("value %s", value).isNotNull().isEqualTo(general(item.formatted(value)));
        }
        assertThat(fast(item.formatted("-0")).value()).as("an integer -0 is 0.0, as Jackson converts it").isEqualTo(0.0);
        assertThat(Double.doubleToRawLongBits(fast(item.formatted("-0.0")).value())).isEqualTo(Double.doubleToRawLongBits(-0.0));
    }

    @Test
    void repeatedValuesOfABatchComeBackAsOneStringEach() {
        Vocabulary words = new Vocabulary();
        ObservationBytesReader reader = new ObservationBytesReader(NOW, words);
        String item = "{\"id\":\"%s\",\"systemKey\":\"reco\",\"metric\":\"ctr\",\"value\":1,"
                + "\"observedAt\":\"2026-11-24T10:00:00Z\",\"dimensions\":{\"segment\":\"vip\",\"variant\":\"B\"}}";
        Observation first = reader.readRecord(item.formatted("a").getBytes(StandardCharsets.UTF_8));
        Observation second = reader.readRecord(item.formatted("b").getBytes(StandardCharsets.UTF_8));
        Observation spaced = reader.readRecord(item.formatted("c").replace(",\"", ", \"").replace("\":", "\": ")
                .getBytes(StandardCharsets.UTF_8));
        assertThat(second.systemKey()).isSameAs(first.systemKey()).isSameAs(words.share("reco"));
        assertThat(second.metric()).isSameAs(first.metric());
        assertThat(second.segment()).isSameAs(first.segment()).isEqualTo("vip");
        assertThat(second.dimensionsJson()).isSameAs(first.dimensionsJson()).isEqualTo("{\"segment\":\"vip\",\"variant\":\"B\"}");
        assertThat(spaced.dimensionsJson()).as("whitespace is not part of the stored set").isSameAs(first.dimensionsJson());
        assertThat(spaced.observedAt()).isEqualTo(Instant.parse("2026-11-24T10:00:00Z"));
    }

    @Test
    void readsABatchBodyAsJsonBatchDoesOrStepsAside() throws IOException {
        SplittableRandom random = new SplittableRandom(7);
        for (int round = 0; round < 200; round++) {
            int n = 1 + random.nextInt(50);
            List<String> items = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                items.add(plainItem(random));
            }
            String body = (random.nextBoolean() ? " [\n" : "[") + String.join(random.nextBoolean() ? ",\n " : ",", items)
                    + (random.nextBoolean() ? "]\n" : "]");
            List<ObservationReader.Parsed> fast = new ObservationBytesReader(NOW, new Vocabulary())
                    .readArray(body.getBytes(StandardCharsets.UTF_8), 50);
            List<ObservationReader.Parsed> general = JsonBatch.read(JSON, body.getBytes(StandardCharsets.UTF_8), 50,
                    parser -> ObservationReader.read(parser, NOW, new Vocabulary()));
            assertThat(fast).as(body).isEqualTo(general);
        }
        String item = plainItem(new SplittableRandom(1));
        for (String body : List.of("[]", "[" + item + "," + item + "," + item + "]", "[" + item + ",]", "[" + item + "] x",
                "{" + item + "}", "[" + item + ",{\"id\":\"a\"}]", "[" + item + ",1]", "[" + item, "")) {
            assertThat(new ObservationBytesReader(NOW, new Vocabulary()).readArray(body.getBytes(StandardCharsets.UTF_8), 2))
                    .as("body %s", body).isNull();
        }
        assertThat(new ObservationBytesReader(NOW, new Vocabulary()).readArray(("[" + item + "," + item + "]")
                .getBytes(StandardCharsets.UTF_8), 2)).as("exactly the maximum").hasSize(2);
    }

    @Test
    void theBatchBodyThatStepsAsideIsStillRefusedByTheGeneralReader() {
        byte[] body = "[]".getBytes(StandardCharsets.UTF_8);
        assertThat(new ObservationBytesReader(NOW, new Vocabulary()).readArray(body, 10)).isNull();
        try {
            JsonBatch.read(JSON, body, 10, parser -> ObservationReader.read(parser, NOW, new Vocabulary()));
            throw new AssertionError("an empty batch must be refused");
        } catch (InvalidFieldsProblem expected) {
            // as before the fast reader: 400, "must hold at least one item"
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A valid item in the plain form, with its fields in a random order and random spacing. */
    static String plainItem(SplittableRandom random) {
        List<String> fields = new ArrayList<>();
        String colon = random.nextInt(3) == 0 ? ": " : ":";
        fields.add(q("id") + colon + q(text(random, ID_CHARS, 1 + random.nextInt(random.nextInt(10) == 0 ? 128 : 30))));
        String key = text(random, PRINTABLE, 1 + random.nextInt(random.nextInt(10) == 0 ? 64 : 12));
        fields.add(q("systemKey") + colon + q(key.isBlank() ? "reco" : key));
        String metric = text(random, "abcdefghijklmnopqrstuvwxyz0123456789", 1)
                + text(random, METRIC_CHARS, random.nextInt(random.nextInt(10) == 0 ? 100 : 12));
        fields.add(q("metric") + colon + q(metric));
        int kind = random.nextInt(3);
        if (kind != 1) {
            fields.add(q("value") + colon + number(random));
        }
        if (kind != 0) {
            fields.add(q("numerator") + colon + (random.nextBoolean() ? random.nextInt(1000) : random.nextInt(1000) + ".5"));
            fields.add(q("denominator") + colon + (1 + random.nextInt(100_000)));
        }
        fields.add(q("observedAt") + colon + q(instant(random)));
        if (random.nextInt(4) != 0) {
            int entries = random.nextInt(random.nextInt(10) == 0 ? 17 : 4);
            List<String> dims = new ArrayList<>();
            for (int e = 0; e < entries; e++) {
                String name = e == 0 && random.nextBoolean() ? "segment"
                        : "d" + e + "_" + text(random, "abcXYZ09_.-", random.nextInt(random.nextInt(10) == 0 ? 61 : 6));
                dims.add(q(name) + colon + q(text(random, PRINTABLE, 1 + random.nextInt(random.nextInt(10) == 0 ? 200 : 8))));
            }
            fields.add(q("dimensions") + colon + "{" + String.join(random.nextBoolean() ? ", " : ",", dims) + "}");
        }
        for (int i = fields.size() - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            String f = fields.get(i);
            fields.set(i, fields.get(j));
            fields.set(j, f);
        }
        String comma = random.nextInt(3) == 0 ? ", " : random.nextInt(5) == 0 ? ",\n\t" : ",";
        return (random.nextInt(5) == 0 ? " {" : "{") + String.join(comma, fields) + (random.nextInt(5) == 0 ? "}\n" : "}");
    }

    private static String number(SplittableRandom random) {
        return switch (random.nextInt(8)) {
            case 0 -> Integer.toString(random.nextInt(2_000_000) - 1_000_000);
            case 1 -> Long.toString(random.nextLong());
            case 2 -> Double.toString(random.nextDouble());
            case 3 -> String.format(Locale.ROOT, "%." + random.nextInt(1, 18) + "f", random.nextDouble() * 1000);
            case 4 -> String.format(Locale.ROOT, "%." + random.nextInt(1, 18) + "e", (random.nextDouble() - 0.5) * 1e6);
            case 5 -> Double.toString(Math.round(random.nextDouble() * 10_000) / 10_000.0);
            case 6 -> random.nextInt(10) + "e" + (random.nextInt(60) - 30);
            default -> Double.toString(Double.longBitsToDouble(random.nextLong() & 0x7FEF_FFFF_FFFF_FFFFL));
        };
    }

    private static String instant(SplittableRandom random) {
        long seconds = random.nextLong(NOW.getEpochSecond() + 300);
        Instant at = Instant.ofEpochSecond(seconds, random.nextBoolean() ? 0 : random.nextInt(1_000_000_000));
        String text = at.toString();
        if (random.nextInt(4) == 0 && at.getNano() != 0) {
            int digits = random.nextInt(1, 10); // 1 to 9 fraction digits, as producers may write them
            String fraction = String.format(Locale.ROOT, "%09d", at.getNano()).substring(0, digits);
            text = Instant.ofEpochSecond(seconds).toString().replace("Z", "." + fraction + "Z");
        }
        return text;
    }

    /** Breaks an item in one of the ways producers do (or leaves it valid, now and then). */
    private static String broken(String item, SplittableRandom random) {
        int at = random.nextInt(item.length());
        return switch (random.nextInt(12)) {
            case 0 -> item.substring(0, at);
            case 1 -> item.substring(0, at) + "\\u0041" + item.substring(at);
            case 2 -> item.substring(0, at) + "\u00e9" + item.substring(at);
            case 3 -> item.substring(0, at) + "\u0001" + item.substring(at);
            case 4 -> item.substring(0, at) + " " + item.substring(at);
            case 5 -> item.substring(0, at) + random.nextInt(10) + item.substring(at);
            case 6 -> item.substring(0, at) + item.substring(Math.min(item.length(), at + 1));
            case 7 -> item.replaceFirst("\"metric\"", "\"metric\":\"x\",\"metric\"");
            case 8 -> item.replaceFirst("\\{", "{\"unknown\":1,");
            case 9 -> item.replaceFirst(":\\s*\"[^\"]*\"", ":null");
            case 10 -> item.substring(0, at) + "\"" + item.substring(at);
            default -> item.replace("observedAt\":\"2", "observedAt\":\"3");
        };
    }

    private static String q(String s) {
        return "\"" + s + "\"";
    }

    private static String text(SplittableRandom random, String alphabet, int length) {
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return sb.toString();
    }
}
