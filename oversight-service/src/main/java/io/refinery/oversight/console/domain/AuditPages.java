package io.refinery.oversight.console.domain;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.refinery.oversight.audit.domain.AuditReader;
import io.refinery.oversight.system.domain.SystemRegistry;
import io.refinery.oversight.timeline.summary.EventSummary;
import io.smallrye.mutiny.Uni;

/**
 * Loads the audit page from the audit feature's reader ({@link AuditReader}): the chain's verification, then one page
 * of entries newest first, optionally of one system, with the sequence numbers as the older and newer cursors.
 */
@ApplicationScoped
public class AuditPages {

    public static final int PAGE_SIZE = 50;
    static final int SYSTEMS_LIMIT = 500;
    static final int MAX_DETAILS = 600;

    private final AuditReader reader;
    private final SystemRegistry registry;
    private final ObjectMapper mapper;

    public AuditPages(AuditReader reader, SystemRegistry registry, ObjectMapper mapper) {
        this.reader = reader;
        this.registry = registry;
        this.mapper = mapper;
    }

    /**
     * The page of entries before {@code before} (both null: the newest) or, when {@code after} is given, the page of
     * entries just after it; {@code system} null for every system.
     */
    public Uni<AuditPage> load(ConsoleFrame frame, String system, Long before, Long after) {
        Uni<List<AuditReader.Entry>> entries = after != null
                ? reader.page(system, after, PAGE_SIZE).map(list -> {
                    List<AuditReader.Entry> newestFirst = new ArrayList<>(list);
                    Collections.reverse(newestFirst);
                    return newestFirst;
                })
                : reader.pageBefore(system, before, PAGE_SIZE);
        return reader.verify().flatMap(verification -> registry.page(null, null, SYSTEMS_LIMIT)
                .flatMap(systems -> entries.flatMap(list -> neighbours(system, list).map(links -> new AuditPage(frame,
                        new AuditPage.Verification("OK".equals(verification.status()), verification.checked(),
                                verification.firstBrokenSeq(), verification.reason()),
                        system, systems.stream().map(s -> s.systemKey).toList(),
                        list.stream().map(this::row).toList(), links.get(0), links.get(1))))));
    }

    /** The older and newer links, each null when there is nothing that way. */
    private Uni<List<String>> neighbours(String system, List<AuditReader.Entry> shown) {
        if (shown.isEmpty()) {
            return Uni.createFrom().item(java.util.Arrays.asList(null, null));
        }
        long newest = shown.get(0).seq();
        long oldest = shown.get(shown.size() - 1).seq();
        String filter = system == null ? "" : "&system=" + URLEncoder.encode(system, StandardCharsets.UTF_8);
        return reader.pageBefore(system, oldest, 1).flatMap(older -> reader.page(system, newest, 1)
                .map(newer -> java.util.Arrays.asList(older.isEmpty() ? null : "/console/audit?before=" + oldest + filter,
                        newer.isEmpty() ? null : "/console/audit?after=" + newest + filter)));
    }

    private AuditRow row(AuditReader.Entry e) {
        JsonNode details = parse(e.details());
        String subjectHref = subjectHref(e);
        return new AuditRow(e.seq(), Stamp.of(e.occurredAt()), e.actor(), Labels.constant(e.action()), e.action(),
                e.systemKey(), e.subjectId(), subjectHref, EventSummary.ofAudit(e.action(), details, null), details(details));
    }

    /** The review page for entries about a review; nothing for other subjects. */
    private static String subjectHref(AuditReader.Entry e) {
        String s = e.subjectId();
        if (s == null || !e.action().startsWith("REVIEW_") && !e.action().startsWith("SESSION_")) {
            return null;
        }
        try {
            return "/console/reviews/" + java.util.UUID.fromString(s);
        } catch (IllegalArgumentException notAnId) {
            return null;
        }
    }

    private JsonNode parse(String json) {
        try {
            return mapper.readTree(json == null ? "{}" : json);
        } catch (Exception e) {
            return mapper.createObjectNode().put("details", json);
        }
    }

    /** The details in one line: scalars as "Label: value", lists and objects by their size, clipped. */
    static String details(JsonNode node) {
        List<String> parts = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> it = node.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode v = e.getValue();
            String value;
            if (v.isObject()) {
                JsonNode rules = v.path("rules");
                value = rules.isArray() ? rules.size() + (rules.size() == 1 ? " rule" : " rules") : v.size() + " fields";
            } else if (v.isArray()) {
                value = v.size() + (v.size() == 1 ? " item" : " items");
            } else if (v.isNull()) {
                continue;
            } else {
                value = v.asText();
            }
            parts.add(Labels.field(e.getKey()) + ": " + value);
        }
        String line = String.join("; ", parts);
        return line.length() > MAX_DETAILS ? line.substring(0, MAX_DETAILS) + "…" : line;
    }
}
