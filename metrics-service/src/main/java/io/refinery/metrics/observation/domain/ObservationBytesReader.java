package io.refinery.metrics.observation.domain;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.refinery.metrics.ingestion.domain.AsciiTable;
import io.refinery.metrics.ingestion.domain.UtcTimestamps;
import io.refinery.metrics.ingestion.domain.Vocabulary;
import io.refinery.platform.ids.ClientId;

/**
 * The fast path of {@link ObservationReader}: reads a valid observation item straight from its UTF-8 bytes, with
 * no token stream and no String for a value the batch has seen before. It takes only the plain form that producers
 * send almost always: ASCII strings without escapes, the known fields at most once each, no nulls. For anything
 * else, invalid items included, it answers null and the caller reads the item with {@link ObservationReader}, which
 * names every field at fault; on every item it takes, both give the same observation
 * ({@code ObservationBytesReaderTest} compares them on generated and broken items).
 *
 * <p>System keys, metrics and sets of dimensions are matched as bytes against those already seen in the batch
 * ({@link AsciiTable}) and come back as the batch's shared String ({@link Vocabulary}), checked once. One per batch,
 * used by one thread.
 */
public final class ObservationBytesReader {

    private static final Duration MAX_FUTURE = Duration.ofMinutes(5);
    private static final int MAX_SYSTEM_KEY = 64;
    private static final int MAX_METRIC = 100;
    private static final int MAX_DIMENSIONS = 16;
    private static final int MAX_DIMENSION_KEY = 64;
    private static final int MAX_DIMENSION_VALUE = 200;
    /** Longest compact set of dimensions: 16 entries of a 64-byte key and a 200-byte value, with their quotes. */
    private static final int MAX_COMPACT = 2 + MAX_DIMENSIONS * (MAX_DIMENSION_KEY + MAX_DIMENSION_VALUE + 6);
    private static final double[] POWERS_OF_TEN = new double[23];
    /** Checked sets of dimensions that cannot be stored; kept so the next sight of them fails fast too. */
    private static final Dimensions REFUSED = new Dimensions(null, null);
    /** A metric that fails its pattern. */
    private static final String NOT_A_METRIC = new String("not a metric");

    static {
        POWERS_OF_TEN[0] = 1;
        for (int i = 1; i < POWERS_OF_TEN.length; i++) {
            POWERS_OF_TEN[i] = POWERS_OF_TEN[i - 1] * 10;
        }
    }

    private static final byte[] ID = ascii("id");
    private static final byte[] SYSTEM_KEY = ascii("systemKey");
    private static final byte[] METRIC = ascii("metric");
    private static final byte[] VALUE = ascii("value");
    private static final byte[] NUMERATOR = ascii("numerator");
    private static final byte[] DENOMINATOR = ascii("denominator");
    private static final byte[] OBSERVED_AT = ascii("observedAt");
    private static final byte[] DIMENSIONS = ascii("dimensions");
    private static final byte[] SEGMENT = ascii("segment");

    /** A checked set of dimensions: its compact JSON and its segment (either may be null). */
    private record Dimensions(String json, String segment) {
    }

    private final Instant now;
    private final Instant latest;
    private final Vocabulary words;
    private final AsciiTable<String> systems = new AsciiTable<>();
    private final AsciiTable<String> metrics = new AsciiTable<>();
    private final AsciiTable<Dimensions> dimensionSets = new AsciiTable<>();
    private final byte[] compact = new byte[MAX_COMPACT];
    private final int[] keyStarts = new int[MAX_DIMENSIONS * 2];

    private byte[] b;
    private int p;
    private int to;
    private int stringStart;
    private int stringEnd;
    private double number;

    public ObservationBytesReader(Instant now, Vocabulary words) {
        this.now = now;
        this.latest = now.plus(MAX_FUTURE);
        this.words = words;
    }

    /** The one item that {@code value} holds (whitespace around it allowed), or null for the general reader. */
    public Observation readRecord(byte[] value) {
        if (value == null) {
            return null;
        }
        start(value, 0, value.length);
        Observation o = item();
        if (o == null) {
            return null;
        }
        whitespace();
        return p == to ? o : null;
    }

    /**
     * The items of a batch body, a JSON array of 1 to {@code max} items (whitespace allowed), or null if the body is
     * not that or any item needs the general reader: then the whole body goes to {@link ObservationReader}, which
     * reports it exactly as before.
     */
    public List<ObservationReader.Parsed> readArray(byte[] body, int max) {
        if (body == null) {
            return null;
        }
        start(body, 0, body.length);
        whitespace();
        if (p >= to || b[p] != '[') {
            return null;
        }
        p++;
        List<ObservationReader.Parsed> items = new ArrayList<>(Math.min(max, Math.max(16, body.length / 128)));
        int after;
        do {
            Observation o = item();
            if (o == null || items.size() == max) {
                return null;
            }
            items.add(new ObservationReader.Parsed(o, List.of()));
        } while ((after = afterMember((byte) ']')) == ANOTHER);
        if (after == BROKEN) {
            return null;
        }
        whitespace();
        return p == to ? items : null;
    }

    private void start(byte[] bytes, int from, int end) {
        b = bytes;
        p = from;
        to = end;
    }

    /** One item from {@code p}, leaving {@code p} after its closing brace; null for the general reader. */
    private Observation item() {
        whitespace();
        if (p >= to || b[p] != '{') {
            return null;
        }
        p++;
        String id = null;
        String systemKey = null;
        String metric = null;
        Instant observedAt = null;
        Dimensions dimensions = null;
        double value = 0;
        double numerator = 0;
        double denominator = 0;
        int seen = 0;
        whitespace();
        if (p < to && b[p] == '}') {
            return null; // an empty object lacks the required fields
        }
        int after;
        do {
            whitespace();
            if (!string()) {
                return null;
            }
            int nameStart = stringStart;
            int nameLength = stringEnd - stringStart;
            if (!colon()) {
                return null;
            }
            int field = field(nameStart, nameLength);
            if (field == 0 || (seen & field) != 0) {
                return null; // unknown or repeated: the general reader names it
            }
            seen |= field;
            switch (field) {
                case F_ID -> {
                    if (!string() || (id = clientId()) == null) {
                        return null;
                    }
                }
                case F_SYSTEM_KEY -> {
                    if (!string() || (systemKey = systemKey()) == null) {
                        return null;
                    }
                }
                case F_METRIC -> {
                    if (!string() || (metric = metric()) == null) {
                        return null;
                    }
                }
                case F_VALUE -> {
                    if (!number()) {
                        return null;
                    }
                    value = number;
                }
                case F_NUMERATOR -> {
                    if (!number()) {
                        return null;
                    }
                    numerator = number;
                }
                case F_DENOMINATOR -> {
                    if (!number()) {
                        return null;
                    }
                    denominator = number;
                }
                case F_OBSERVED_AT -> {
                    if (!string() || (observedAt = observedAt()) == null) {
                        return null;
                    }
                }
                default -> {
                    if ((dimensions = dimensions()) == null) {
                        return null;
                    }
                }
            }
        } while ((after = afterMember((byte) '}')) == ANOTHER);
        if (after == BROKEN || (seen & REQUIRED) != REQUIRED) {
            return null;
        }
        boolean ratio = (seen & F_NUMERATOR) != 0;
        if (ratio != ((seen & F_DENOMINATOR) != 0)) {
            return null;
        }
        if (ratio && (denominator <= 0 || numerator < 0)) {
            return null;
        }
        if ((seen & F_VALUE) == 0) {
            if (!ratio) {
                return null;
            }
            value = numerator / denominator;
        }
        return new Observation(id, systemKey, metric, value, ratio ? numerator : null, ratio ? denominator : null,
                observedAt, dimensions == null ? null : dimensions.segment, dimensions == null ? null : dimensions.json);
    }

    private static final int F_ID = 1;
    private static final int F_SYSTEM_KEY = 2;
    private static final int F_METRIC = 4;
    private static final int F_VALUE = 8;
    private static final int F_NUMERATOR = 16;
    private static final int F_DENOMINATOR = 32;
    private static final int F_OBSERVED_AT = 64;
    private static final int F_DIMENSIONS = 128;
    private static final int REQUIRED = F_ID | F_SYSTEM_KEY | F_METRIC | F_OBSERVED_AT;

    private int field(int from, int length) {
        return switch (length) {
            case 2 -> is(ID, from) ? F_ID : 0;
            case 5 -> is(VALUE, from) ? F_VALUE : 0;
            case 6 -> is(METRIC, from) ? F_METRIC : 0;
            case 9 -> is(SYSTEM_KEY, from) ? F_SYSTEM_KEY : is(NUMERATOR, from) ? F_NUMERATOR : 0;
            case 10 -> is(OBSERVED_AT, from) ? F_OBSERVED_AT : is(DIMENSIONS, from) ? F_DIMENSIONS : 0;
            case 11 -> is(DENOMINATOR, from) ? F_DENOMINATOR : 0;
            default -> 0;
        };
    }

    private boolean is(byte[] name, int from) {
        for (int i = 0; i < name.length; i++) {
            if (b[from + i] != name[i]) {
                return false;
            }
        }
        return true;
    }

    private String clientId() {
        int length = stringEnd - stringStart;
        if (length == 0 || length > ClientId.MAX_LENGTH) {
            return null;
        }
        String id = new String(b, stringStart, length, StandardCharsets.ISO_8859_1);
        return ClientId.isValid(id) ? id : null;
    }

    private String systemKey() {
        int length = stringEnd - stringStart;
        String known = systems.get(b, stringStart, length);
        if (known != null) {
            return known;
        }
        if (length == 0 || length > MAX_SYSTEM_KEY || blank(stringStart, stringEnd)) {
            return null;
        }
        String key = words.share(new String(b, stringStart, length, StandardCharsets.ISO_8859_1));
        systems.put(b, stringStart, length, key);
        return key;
    }

    private String metric() {
        int length = stringEnd - stringStart;
        String known = metrics.get(b, stringStart, length);
        if (known == null) {
            String metric = words.share(new String(b, stringStart, length, StandardCharsets.ISO_8859_1));
            known = length <= MAX_METRIC && ObservationReader.METRIC.matcher(metric).matches() ? metric : NOT_A_METRIC;
            metrics.put(b, stringStart, length, known);
        }
        return known == NOT_A_METRIC ? null : known;
    }

    private Instant observedAt() {
        Instant at = UtcTimestamps.parsePlain(b, stringStart, stringEnd - stringStart);
        if (at == null || at.isBefore(Instant.EPOCH) || at.isAfter(latest)) {
            return null;
        }
        return at;
    }

    /**
     * An object of string values, written into {@link #compact} as the compact JSON that {@link DimensionsJson}
     * writes for it; the set is checked the first time the batch sees it.
     */
    private Dimensions dimensions() {
        if (p >= to || b[p] != '{') {
            return null;
        }
        p++;
        int length = 0;
        int entries = 0;
        compact[length++] = '{';
        whitespace();
        if (p < to && b[p] == '}') {
            p++;
        } else {
            int after;
            do {
                whitespace();
                if (entries == MAX_DIMENSIONS || !string()) {
                    return null;
                }
                int keyLength = stringEnd - stringStart;
                if (keyLength > MAX_DIMENSION_KEY) {
                    return null;
                }
                if (entries > 0) {
                    compact[length++] = ',';
                }
                keyStarts[2 * entries] = length + 1;
                length = quoted(length);
                compact[length++] = ':';
                if (!colon() || !string()) {
                    return null;
                }
                int valueLength = stringEnd - stringStart;
                if (valueLength == 0 || valueLength > MAX_DIMENSION_VALUE) {
                    return null;
                }
                keyStarts[2 * entries + 1] = length + 1;
                length = quoted(length);
                entries++;
            } while ((after = afterMember((byte) '}')) == ANOTHER);
            if (after == BROKEN) {
                return null;
            }
        }
        compact[length++] = '}';
        Dimensions known = dimensionSets.get(compact, 0, length);
        if (known == null) {
            known = check(length, entries);
            dimensionSets.put(compact, 0, length, known);
        }
        return known == REFUSED ? null : known;
    }

    private int quoted(int length) {
        compact[length++] = '"';
        System.arraycopy(b, stringStart, compact, length, stringEnd - stringStart);
        length += stringEnd - stringStart;
        compact[length++] = '"';
        return length;
    }

    /** Checks a set of dimensions seen for the first time: key names, no key twice; finds its segment. */
    private Dimensions check(int length, int entries) {
        String segment = null;
        for (int e = 0; e < entries; e++) {
            int key = keyStarts[2 * e];
            int keyEnd = keyStarts[2 * e + 1] - 3; // before the closing quote, the colon and the value's quote
            if (!dimensionName(key, keyEnd)) {
                return REFUSED;
            }
            for (int other = 0; other < e; other++) {
                int o = keyStarts[2 * other];
                int oEnd = keyStarts[2 * other + 1] - 3;
                if (Arrays.equals(compact, key, keyEnd, compact, o, oEnd)) {
                    return REFUSED; // a repeated key: the general reader refuses the item
                }
            }
            int value = keyStarts[2 * e + 1];
            int valueEnd = e + 1 < entries ? keyStarts[2 * (e + 1)] - 3 : length - 2;
            if (keyEnd - key == SEGMENT.length && Arrays.equals(compact, key, keyEnd, SEGMENT, 0, SEGMENT.length)) {
                segment = words.share(new String(compact, value, valueEnd - value, StandardCharsets.ISO_8859_1));
            }
        }
        return new Dimensions(words.share(new String(compact, 0, length, StandardCharsets.ISO_8859_1)), segment);
    }

    /** [a-zA-Z0-9][a-zA-Z0-9_.-]{0,63}, as {@link ObservationReader} requires of a dimension's name. */
    private boolean dimensionName(int from, int end) {
        if (end <= from || end - from > MAX_DIMENSION_KEY || !alphanumeric(compact[from])) {
            return false;
        }
        for (int i = from + 1; i < end; i++) {
            byte c = compact[i];
            if (!alphanumeric(c) && c != '_' && c != '.' && c != '-') {
                return false;
            }
        }
        return true;
    }

    private static boolean alphanumeric(byte c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9';
    }

    private boolean blank(int from, int end) {
        for (int i = from; i < end; i++) {
            if (b[i] != ' ') {
                return false;
            }
        }
        return true;
    }

    /**
     * A string at {@code p} of printable ASCII without escapes: its content is {@code b[stringStart, stringEnd)} and
     * {@code p} moves past its closing quote. False for anything else (escapes, other bytes, no string).
     */
    private boolean string() {
        if (p >= to || b[p] != '"') {
            return false;
        }
        int i = p + 1;
        while (i < to) {
            byte c = b[i];
            if (c == '"') {
                stringStart = p + 1;
                stringEnd = i;
                p = i + 1;
                return true;
            }
            if (c < 0x20 || c == '\\' || c == 0x7F) { // bytes >= 0x80 are negative
                return false;
            }
            i++;
        }
        return false;
    }

    private static final int BROKEN = -1;
    private static final int ANOTHER = 1;

    /**
     * After a member of an array or object: skips whitespace and reads the comma ({@link #ANOTHER} member follows),
     * the {@code closing} bracket (0), or anything else ({@link #BROKEN}).
     */
    private int afterMember(byte closing) {
        whitespace();
        if (p >= to) {
            return BROKEN;
        }
        byte c = b[p++];
        return c == ',' ? ANOTHER : c == closing ? 0 : BROKEN;
    }

    private boolean colon() {
        whitespace();
        if (p >= to || b[p] != ':') {
            return false;
        }
        p++;
        whitespace();
        return true;
    }

    private void whitespace() {
        while (p < to) {
            byte c = b[p];
            if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
                return;
            }
            p++;
        }
    }

    /**
     * A JSON number at {@code p} into {@link #number}, as Jackson's {@code getDoubleValue} gives it: an integer is
     * converted from its exact value (so "-0" is 0.0), a fraction or exponent is rounded once, correctly. Exact
     * with at most 15 significant digits and a power of ten up to 22 (Clinger's fast path); longer numbers go through
     * {@link Double#parseDouble}. False for anything that is not a finite JSON number.
     */
    private boolean number() {
        int start = p;
        boolean negative = false;
        if (p < to && b[p] == '-') {
            negative = true;
            p++;
        }
        if (p >= to) {
            return false;
        }
        long mantissa = 0;
        int significant = 0;
        int scale = 0;
        boolean integer = true;
        byte c = b[p];
        if (c == '0') {
            p++;
        } else if (c >= '1' && c <= '9') {
            while (p < to && (c = b[p]) >= '0' && c <= '9') {
                if (significant < 19) {
                    mantissa = mantissa * 10 + (c - '0');
                }
                significant++;
                p++;
            }
        } else {
            return false;
        }
        if (p < to && b[p] == '.') {
            integer = false;
            p++;
            int digits = 0;
            while (p < to && (c = b[p]) >= '0' && c <= '9') {
                if (significant > 0 || c != '0') {
                    if (significant < 19) {
                        mantissa = mantissa * 10 + (c - '0');
                        scale--;
                    }
                    significant++;
                } else {
                    scale--;
                }
                digits++;
                p++;
            }
            if (digits == 0) {
                return false;
            }
        }
        int exponent = 0;
        if (p < to && (b[p] == 'e' || b[p] == 'E')) {
            integer = false;
            p++;
            boolean negativeExponent = false;
            if (p < to && (b[p] == '+' || b[p] == '-')) {
                negativeExponent = b[p] == '-';
                p++;
            }
            int digits = 0;
            while (p < to && (c = b[p]) >= '0' && c <= '9') {
                if (exponent < 100_000) {
                    exponent = exponent * 10 + (c - '0');
                }
                digits++;
                p++;
            }
            if (digits == 0) {
                return false;
            }
            if (negativeExponent) {
                exponent = -exponent;
            }
        }
        if (p < to && (c = b[p]) != ',' && c != '}' && c != ']' && c != ' ' && c != '\n' && c != '\r' && c != '\t') {
            return false;
        }
        if (integer && significant <= 18) {
            number = negative ? -mantissa : mantissa;
            return true;
        }
        int power = scale + exponent;
        if (!integer && significant <= 15 && power >= -22 && power <= 22) {
            double d = mantissa;
            d = power < 0 ? d / POWERS_OF_TEN[-power] : d * POWERS_OF_TEN[power];
            number = negative ? -d : d;
            return true;
        }
        number = Double.parseDouble(new String(b, start, p - start, StandardCharsets.ISO_8859_1));
        return Double.isFinite(number);
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
