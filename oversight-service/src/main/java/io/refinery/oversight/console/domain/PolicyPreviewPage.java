package io.refinery.oversight.console.domain;

import java.util.List;

/**
 * What an edited policy would change, before it is saved: the diff against the version in force (rules added, removed
 * and changed field by field, changed settings) and the simulation of the system's recent requests under both. The
 * form carries the document and the version it is based on, so a save checks nothing changed meanwhile.
 */
public record PolicyPreviewPage(ConsoleFrame frame, String systemKey, String systemName, int baseVersion, String baseLabel,
        PolicyEditForm form, List<DiffRow> rules, List<FieldRow> settings, Simulation simulation) {

    public boolean noChange() {
        return rules.isEmpty() && settings.isEmpty();
    }

    /**
     * One rule's change: {@code kind} is {@code added}, {@code removed} or {@code changed} (also the CSS class),
     * {@code marker} the text sign (+, −, ~) so colour is not the only cue.
     */
    public record DiffRow(String kind, String marker, String actionType, String conditions, String before, String after,
            List<FieldRow> fields) {
    }

    /** One field, old → new. */
    public record FieldRow(String label, String before, String after) {
    }

    /**
     * The system's latest {@code replayed} requests under the current policy and under the draft: how many would get
     * another tier or another number of approvals, and examples (at most {@code EXAMPLES}) with the old and the new
     * handling.
     */
    public record Simulation(int replayed, int changed, int stricter, int lighter, List<Example> examples) {
    }

    public record Example(String reviewId, String actionType, String request, String oldTier, String newTier,
            boolean stricter, String why) {
    }
}
