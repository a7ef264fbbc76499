package io.refinery.platform.outbox;

import java.util.regex.Pattern;

/** The service's own schema ({@code refinery.outbox.schema}), checked before it is written into SQL text. */
public final class SchemaName {

    private static final Pattern PLAIN = Pattern.compile("^[a-z_][a-z0-9_]{0,62}$");

    private SchemaName() {
    }

    public static String checked(String schema) {
        if (schema == null || !PLAIN.matcher(schema).matches()) {
            throw new IllegalArgumentException("refinery.outbox.schema must be a plain schema name, got " + schema);
        }
        return schema;
    }
}
