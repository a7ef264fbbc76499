package io.refinery.oversight.audit.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/** Reads the audit log and checks its hash chain from the first entry to the last. */
@ApplicationScoped
public class AuditReader {

    public record Entry(long seq, Instant occurredAt, String actor, String action, String systemKey, String subjectId,
            String details, String prevHash, String hash) {
    }

    /** OK, or the first entry whose link is broken and why. */
    public record Verification(String status, long checked, Long firstBrokenSeq, String reason, String lastHash) {
    }

    private static final String COLUMNS = "select seq, occurred_at, actor, action, system_key, subject_id, details, prev_hash, hash"
            + " from oversight.audit_log";
    private static final int CHUNK = 1000;

    private final Pool pool;

    public AuditReader(Pool pool) {
        this.pool = pool;
    }

    /** Entries after {@code afterSeq}, optionally of one system, in chain order. */
    public Uni<List<Entry>> page(String systemKey, long afterSeq, int limit) {
        String sql = COLUMNS + " where seq > $1" + (systemKey == null ? "" : " and system_key = $3") + " order by seq limit $2";
        Tuple args = systemKey == null ? Tuple.of(afterSeq, limit) : Tuple.of(afterSeq, limit, systemKey);
        return pool.preparedQuery(sql).execute(args).map(rows -> {
            List<Entry> out = new ArrayList<>();
            for (Row r : rows) {
                out.add(entry(r));
            }
            return out;
        });
    }

    /** Entries before {@code beforeSeq} (null: the newest), optionally of one system, newest first. */
    public Uni<List<Entry>> pageBefore(String systemKey, Long beforeSeq, int limit) {
        String sql = COLUMNS + " where seq < $1" + (systemKey == null ? "" : " and system_key = $3")
                + " order by seq desc limit $2";
        long before = beforeSeq == null ? Long.MAX_VALUE : beforeSeq;
        Tuple args = systemKey == null ? Tuple.of(before, limit) : Tuple.of(before, limit, systemKey);
        return pool.preparedQuery(sql).execute(args).map(rows -> {
            List<Entry> out = new ArrayList<>();
            for (Row r : rows) {
                out.add(entry(r));
            }
            return out;
        });
    }

    public Uni<Verification> verify() {
        return verifyFrom(0, AuditLog.GENESIS, 0);
    }

    private Uni<Verification> verifyFrom(long afterSeq, String prevHash, long checked) {
        return page(null, afterSeq, CHUNK).flatMap(entries -> {
            String expectedPrev = prevHash;
            long expectedSeq = afterSeq + 1;
            long count = checked;
            for (Entry e : entries) {
                if (e.seq() != expectedSeq) {
                    return Uni.createFrom().item(broken(count, expectedSeq, "entry " + expectedSeq + " is missing"));
                }
                if (!e.prevHash().equals(expectedPrev)) {
                    return Uni.createFrom().item(broken(count, e.seq(), "prevHash does not match the hash of entry " + (e.seq() - 1)));
                }
                String recomputed = AuditLog.hash(e.seq(), e.occurredAt(), e.actor(), e.action(), e.systemKey(), e.subjectId(),
                        e.details(), e.prevHash());
                if (!recomputed.equals(e.hash())) {
                    return Uni.createFrom().item(broken(count, e.seq(), "the entry's content does not match its hash"));
                }
                expectedPrev = e.hash();
                expectedSeq++;
                count++;
            }
            if (entries.size() < CHUNK) {
                return Uni.createFrom().item(new Verification("OK", count, null, null, expectedPrev));
            }
            return verifyFrom(expectedSeq - 1, expectedPrev, count);
        });
    }

    private static Verification broken(long checked, long seq, String reason) {
        return new Verification("BROKEN", checked, seq, reason, null);
    }

    private static Entry entry(Row r) {
        return new Entry(r.getLong("seq"), r.getOffsetDateTime("occurred_at").toInstant(), r.getString("actor"),
                r.getString("action"), r.getString("system_key"), r.getString("subject_id"), r.getString("details"),
                r.getString("prev_hash"), r.getString("hash"));
    }
}
