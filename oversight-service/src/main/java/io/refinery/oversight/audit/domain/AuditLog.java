package io.refinery.oversight.audit.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * The append-only, hash-chained audit log. {@link #append} runs in the caller's transaction, so an audit entry
 * commits with the change it records. Appends are serialized by a transaction-scoped advisory lock (one chain
 * across all replicas).
 * <p>
 * Canonical form hashed for an entry (UTF-8, SHA-256, lowercase hex): the fields seq, occurredAt (UTC,
 * {@code yyyy-MM-dd'T'HH:mm:ss.SSS'Z'}), actor, action, systemKey, subjectId, details, prevHash, in this order,
 * each written as {@code <length in chars>:<value>\n} (absent values are empty), so no value can imitate a
 * separator. details is JSON with keys sorted, stored exactly as hashed. The first entry's prevHash is
 * {@link #GENESIS}.
 */
@ApplicationScoped
public class AuditLog {

    public static final String GENESIS = "0".repeat(64);
    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    private static final String LOCK = "select cast(1 as integer) from pg_advisory_xact_lock(hashtext('oversight.audit-log'))";
    private static final String LAST = "select cast(seq as text) || ' ' || hash from oversight.audit_log order by seq desc limit 1";
    private static final String INSERT = "insert into oversight.audit_log (seq, occurred_at, actor, action, system_key,"
            + " subject_id, details, prev_hash, hash) values (?1, ?2, ?3, ?4, nullif(?5, ''), nullif(?6, ''), ?7, ?8, ?9)";

    private final ObjectMapper canonical;
    private final Clock clock;

    public AuditLog(ObjectMapper mapper, Clock clock) {
        this.canonical = mapper.copy().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);
        this.clock = clock;
    }

    /**
     * Takes the audit log's transaction lock now (appends take it anyway; taking it again is harmless). Every writer
     * that locks rows or reads state before writing (decisions, claims, the SLA pass, policy versions, incidents)
     * takes it first: writers are then serialized in one lock order (audit lock, then rows), so none deadlocks with
     * another, and each reads what the previous one committed.
     */
    public Uni<Void> lock() {
        return Panache.getSession().flatMap(session -> session.createNativeQuery(LOCK, Integer.class).getSingleResult())
                .replaceWithVoid();
    }

    /** Appends one entry; must run inside a {@code @WithTransaction} method. */
    public Uni<Void> append(String actor, String action, String systemKey, String subjectId, Map<String, ?> details) {
        String detailsJson;
        try {
            detailsJson = canonical.writeValueAsString(new TreeMap<>(details));
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(new IllegalStateException("cannot serialize audit details", e));
        }
        Instant at = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        return Panache.getSession().flatMap(session -> session.createNativeQuery(LOCK, Integer.class).getSingleResult()
                .flatMap(locked -> session.createNativeQuery(LAST, String.class).getSingleResultOrNull())
                .flatMap(last -> {
                    long seq = last == null ? 1 : Long.parseLong(last.substring(0, last.indexOf(' '))) + 1;
                    String prev = last == null ? GENESIS : last.substring(last.indexOf(' ') + 1);
                    String hash = hash(seq, at, actor, action, systemKey, subjectId, detailsJson, prev);
                    return session.createNativeQuery(INSERT).setParameter(1, seq).setParameter(2, at.atOffset(ZoneOffset.UTC))
                            .setParameter(3, actor).setParameter(4, action).setParameter(5, systemKey == null ? "" : systemKey)
                            .setParameter(6, subjectId == null ? "" : subjectId).setParameter(7, detailsJson).setParameter(8, prev)
                            .setParameter(9, hash).executeUpdate();
                }))
                .replaceWithVoid();
    }

    /** SHA-256 of the canonical form described on the class. */
    public static String hash(long seq, Instant at, String actor, String action, String systemKey, String subjectId,
            String details, String prevHash) {
        StringBuilder text = new StringBuilder();
        for (String field : new String[] { Long.toString(seq), TIME.format(at), actor, action, systemKey, subjectId,
                details, prevHash }) {
            String value = field == null ? "" : field;
            text.append(value.length()).append(':').append(value).append('\n');
        }
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha.digest(text.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }
}
