package io.refinery.feedback.text;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Themes per system kind, matched by phrases on whole words (case-insensitive). A theme applies to every kind
 * when its kinds are empty. {@link #defaults()} is the built-in taxonomy; callers may build their own.
 */
public final class ThemeTaxonomy {

    /** A theme: stable key, label, kinds it applies to (empty = all) and the phrases that signal it. */
    public record Theme(String key, String label, Set<String> kinds, List<String> phrases) {
    }

    private record Compiled(Theme theme, List<String> paddedPhrases) {
    }

    private final List<Compiled> themes = new ArrayList<>();

    public ThemeTaxonomy(List<Theme> themes) {
        for (Theme t : themes) {
            List<String> padded = new ArrayList<>();
            for (String p : t.phrases()) {
                padded.add(" " + String.join(" ", Tokens.words(p)) + " ");
            }
            this.themes.add(new Compiled(t, padded));
        }
    }

    /** The keys of the themes whose phrases occur in the text, for a system of the given kind (null = any). */
    public List<String> match(String kind, String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        String padded = " " + String.join(" ", Tokens.words(text)) + " ";
        String k = kind == null ? null : kind.toUpperCase(Locale.ROOT);
        Set<String> out = new LinkedHashSet<>();
        for (Compiled c : themes) {
            if (k != null && !c.theme().kinds().isEmpty() && !c.theme().kinds().contains(k)) {
                continue;
            }
            for (String p : c.paddedPhrases()) {
                if (padded.contains(p)) {
                    out.add(c.theme().key());
                    break;
                }
            }
        }
        return List.copyOf(out);
    }

    public List<Theme> themes() {
        return themes.stream().map(Compiled::theme).toList();
    }

    /** The built-in taxonomy, written for Refinery's system kinds. */
    public static ThemeTaxonomy defaults() {
        Set<String> all = Set.of();
        Set<String> reco = Set.of("RECOMMENDATION", "SEARCH", "CONTENT");
        Set<String> bot = Set.of("CHATBOT");
        return new ThemeTaxonomy(List.of(
                new Theme("irrelevant-recommendations", "Irrelevant recommendations", reco, List.of("irrelevant",
                        "not relevant", "nothing to do with", "already bought", "already own", "keeps suggesting",
                        "kept suggesting", "keeps showing", "same products", "same items", "wrong suggestions",
                        "random products", "not my style", "not interested in")),
                new Theme("delight-personalization", "Delight with personalization", reco, List.of("spot on",
                        "exactly what i", "knows my taste", "found exactly", "great suggestions", "great picks",
                        "perfect suggestions", "love the recommendations", "loved the recommendations",
                        "personalised", "personalized", "just what i needed", "discovered")),
                new Theme("creepy-personalization", "Personalization feels intrusive", reco, List.of("creepy",
                        "how did it know", "stalking", "following me", "privacy")),
                new Theme("cannot-reach-human", "Cannot reach a human", bot, List.of("talk to a human",
                        "speak to a human", "real person", "human agent", "talk to someone", "speak to someone",
                        "no way to contact", "round in circles", "same answer", "kept looping", "useless bot")),
                new Theme("wrong-information", "Wrong information", Set.of("CHATBOT", "SEARCH", "CONTENT"),
                        List.of("wrong information", "wrong answer", "incorrect", "inaccurate", "made up",
                                "misleading", "not true", "wrong info", "false information", "told me wrong")),
                new Theme("helpful-assistant", "Helpful assistant", bot, List.of("helpful bot", "bot was helpful",
                        "assistant was helpful", "solved my problem", "sorted it", "quick answer", "answered my question")),
                new Theme("price-fairness", "Price fairness", Set.of("PRICING"), List.of("overpriced", "price went up",
                        "price changed", "price jumped", "more expensive", "surge", "unfair price", "different price",
                        "price drop", "cheaper elsewhere")),
                new Theme("delivery", "Delivery", all, List.of("delivery", "delivered", "shipping", "courier",
                        "parcel", "package", "arrived", "never arrived", "late")),
                new Theme("refund-return", "Refunds and returns", all, List.of("refund", "refunded", "return",
                        "returned", "money back", "charged twice", "overcharged")),
                new Theme("product-quality", "Product quality", all, List.of("broken", "damaged", "defective",
                        "faulty", "fell apart", "cheaply made", "poor quality", "flimsy", "well made", "quality")),
                new Theme("app-bugs", "App or site bugs", all, List.of("crash", "crashed", "crashes", "bug", "buggy",
                        "glitch", "error", "stopped working", "not loading", "won t load", "laggy"))));
    }
}
