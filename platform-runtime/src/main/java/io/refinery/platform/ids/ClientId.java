package io.refinery.platform.ids;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.UUID;

/**
 * The one rule for ids that clients supply (README, "Ids"): a client id is a string of 1 to 128 characters from
 * {@code [A-Za-z0-9._:-]}; a UUID is one such string. Every ingestion path of every service checks it with
 * {@link #isValid} and refuses anything else with {@link #MESSAGE}, naming the field.
 *
 * <p>Where a service keys a resource by a UUID, {@link #uuidFor} gives the key: a client id that is a UUID is used
 * as it is, any other is mapped to a name-based UUID (version 5, SHA-1, RFC 9562) under a namespace UUID that the
 * owning service fixes per kind of resource, so the same client id always lands on the same resource.
 *
 * <p>Not for ids Refinery makes itself (event envelope ids, its own resources' ids): those stay UUIDs.
 * Pure: no framework, no regex, no allocation in {@link #isValid}.
 */
public final class ClientId {

    public static final int MAX_LENGTH = 128;
    /** The rule as a regular expression, for documents (OpenAPI {@code pattern}) only; the code never runs it. */
    public static final String PATTERN = "^[A-Za-z0-9._:-]{1,128}$";
    /** What was expected, after the field's name: {@code id: must be ...}. */
    public static final String MESSAGE = "must be 1-128 characters of A-Z a-z 0-9 . _ : - (a UUID is fine)";
    /** The rule for OpenAPI descriptions. */
    public static final String RULE = "1-128 characters of A-Z a-z 0-9 . _ : - (a UUID is one)";

    private static final boolean[] ALLOWED = new boolean[128];

    static {
        for (char c = 'A'; c <= 'Z'; c++) {
            ALLOWED[c] = true;
        }
        for (char c = 'a'; c <= 'z'; c++) {
            ALLOWED[c] = true;
        }
        for (char c = '0'; c <= '9'; c++) {
            ALLOWED[c] = true;
        }
        ALLOWED['.'] = true;
        ALLOWED['_'] = true;
        ALLOWED[':'] = true;
        ALLOWED['-'] = true;
    }

    private ClientId() {
    }

    /** Whether {@code id} follows the rule; null is not a client id. */
    public static boolean isValid(CharSequence id) {
        if (id == null) {
            return false;
        }
        int n = id.length();
        if (n == 0 || n > MAX_LENGTH) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            char c = id.charAt(i);
            if (c >= ALLOWED.length || !ALLOWED[c]) {
                return false;
            }
        }
        return true;
    }

    /** {@code id} when it follows the rule; otherwise an {@link IllegalArgumentException} saying {@code field: MESSAGE}. */
    public static String validate(String field, String id) {
        if (!isValid(id)) {
            throw new IllegalArgumentException(problem(field));
        }
        return id;
    }

    /** The error for a field whose client id breaks the rule: {@code id: must be 1-128 characters of ...}. */
    public static String problem(String field) {
        return field + ": " + MESSAGE;
    }

    /** Whether {@code id} is a UUID in its 36-character text form (8-4-4-4-12 hex digits, either case). */
    public static boolean isUuid(CharSequence id) {
        if (id == null || id.length() != 36) {
            return false;
        }
        for (int i = 0; i < 36; i++) {
            char c = id.charAt(i);
            if (i == 8 || i == 13 || i == 18 || i == 23) {
                if (c != '-') {
                    return false;
                }
            } else if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F')) {
                return false;
            }
        }
        return true;
    }

    /**
     * The resource key for a valid client id: the id itself when it is a UUID, otherwise
     * {@link #toUuid toUuid(namespace, clientId)}.
     */
    public static UUID uuidFor(UUID namespace, String clientId) {
        validate("id", clientId);
        return isUuid(clientId) ? UUID.fromString(clientId) : toUuid(namespace, clientId);
    }

    /** The client id to keep beside its UUID: null when the client id is that UUID, else the id as sent. */
    public static String originalUnlessUuid(String clientId) {
        return isUuid(clientId) ? null : clientId;
    }

    /**
     * The name-based UUID (version 5, SHA-1) of a valid client id under {@code namespace}: SHA-1 over the namespace's
     * 16 bytes then the id's UTF-8 (here ASCII) bytes, the first 16 bytes with version 5 and the RFC variant set.
     * The same as Python's {@code uuid.uuid5(namespace, clientId)}.
     */
    public static UUID toUuid(UUID namespace, String clientId) {
        if (namespace == null) {
            throw new IllegalArgumentException("namespace is required");
        }
        validate("id", clientId);
        MessageDigest sha1;
        try {
            sha1 = MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-1", e);
        }
        sha1.update(bytes(namespace.getMostSignificantBits()));
        sha1.update(bytes(namespace.getLeastSignificantBits()));
        byte[] hash = sha1.digest(clientId.getBytes(StandardCharsets.UTF_8));
        hash[6] = (byte) ((hash[6] & 0x0f) | 0x50);
        hash[8] = (byte) ((hash[8] & 0x3f) | 0x80);
        return new UUID(longAt(hash, 0), longAt(hash, 8));
    }

    private static byte[] bytes(long v) {
        byte[] b = new byte[8];
        for (int i = 7; i >= 0; i--) {
            b[i] = (byte) v;
            v >>>= 8;
        }
        return b;
    }

    private static long longAt(byte[] b, int offset) {
        long v = 0;
        for (int i = offset; i < offset + 8; i++) {
            v = (v << 8) | (b[i] & 0xff);
        }
        return v;
    }
}
