package io.refinery.metrics.domain;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

/**
 * Streams observations as UTF-8 CSV for {@code COPY ... (format csv)}: every text field quoted (quotes doubled, so
 * commas, quotes and newlines in ids or dimensions are safe), an empty unquoted field for NULL. Written through
 * one reusable buffer straight into the COPY stream: building a batch's CSV as one String first cost about as
 * much garbage as the observations themselves.
 */
final class ObservationCsv {

    private static final int BUFFER = 64 * 1024;

    private final OutputStream out;
    private final byte[] buf = new byte[BUFFER];
    private int pos;

    private ObservationCsv(OutputStream out) {
        this.out = out;
    }

    /** Writes the rows to {@code out} and flushes; the caller closes it. */
    static void write(List<Observation> rows, OutputStream out) throws IOException {
        ObservationCsv csv = new ObservationCsv(out);
        String receivedAt = Instant.now().toString();
        for (Observation o : rows) {
            csv.row(o, receivedAt);
        }
        csv.flush();
    }

    /** The CSV of the rows as a String (for tests and diagnostics). */
    static String of(List<Observation> rows) {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try {
            write(rows, bytes);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private void row(Observation o, String receivedAt) throws IOException {
        quoted(o.id());
        comma();
        quoted(o.systemKey());
        comma();
        quoted(o.metric());
        comma();
        ascii(Double.toString(o.value()));
        comma();
        if (o.numerator() != null) {
            ascii(Double.toString(o.numerator()));
        }
        comma();
        if (o.denominator() != null) {
            ascii(Double.toString(o.denominator()));
        }
        comma();
        ascii(o.observedAt().toString());
        comma();
        if (o.segment() != null) {
            quoted(o.segment());
        }
        comma();
        if (o.dimensionsJson() != null) {
            quoted(o.dimensionsJson());
        }
        comma();
        ascii(receivedAt);
        put('\n');
    }

    private void comma() throws IOException {
        put(',');
    }

    private void put(int b) throws IOException {
        if (pos == buf.length) {
            flushBuffer();
        }
        buf[pos++] = (byte) b;
    }

    /** Text known to be ASCII (numbers, ISO instants). */
    private void ascii(String s) throws IOException {
        for (int i = 0; i < s.length(); i++) {
            put(s.charAt(i));
        }
    }

    /** A quoted UTF-8 field, quotes doubled. */
    private void quoted(String s) throws IOException {
        put('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"') {
                put('"');
                put('"');
            } else if (c < 0x80) {
                put(c);
            } else if (c < 0x800) {
                put(0xC0 | (c >> 6));
                put(0x80 | (c & 0x3F));
            } else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                int cp = Character.toCodePoint(c, s.charAt(++i));
                put(0xF0 | (cp >> 18));
                put(0x80 | ((cp >> 12) & 0x3F));
                put(0x80 | ((cp >> 6) & 0x3F));
                put(0x80 | (cp & 0x3F));
            } else if (Character.isSurrogate(c)) {
                put('?'); // a lone surrogate has no UTF-8 form (String.getBytes writes '?' as well)
            } else {
                put(0xE0 | (c >> 12));
                put(0x80 | ((c >> 6) & 0x3F));
                put(0x80 | (c & 0x3F));
            }
        }
        put('"');
    }

    private void flushBuffer() throws IOException {
        out.write(buf, 0, pos);
        pos = 0;
    }

    private void flush() throws IOException {
        flushBuffer();
        out.flush();
    }
}
