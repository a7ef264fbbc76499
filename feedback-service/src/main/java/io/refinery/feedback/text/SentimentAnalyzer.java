package io.refinery.feedback.text;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Lexicon sentiment for short e-commerce feedback. The lexicon ({@code text/sentiment-lexicon.txt}) is our own,
 * written for this project. Rules, applied per token:
 * <ul>
 * <li>phrases (longest first) before single words;</li>
 * <li>a negator ("not", "never", "no", "...n't", "without") within the three previous tokens flips the valence
 * and damps it ({@code * -0.6}): "not good" is mildly negative, "not bad" mildly positive;</li>
 * <li>intensifiers ("very", "so", "extremely") scale the next sentiment word up, diminishers ("slightly",
 * "a bit") down; a word in capitals counts a little more;</li>
 * <li>a contrast ("but", "however", "though") halves what came before and weighs what follows by 1.5;</li>
 * <li>exclamation marks amplify the total a little.</li>
 * </ul>
 * The sum is squashed to [-1, 1] by {@code s / sqrt(s^2 + 6)}. Stateless after construction and thread-safe.
 */
public final class SentimentAnalyzer {

    private static final Set<String> NEGATORS = Set.of("not", "no", "never", "without", "nothing", "hardly",
            "barely", "neither", "nor", "cannot", "cant", "dont", "didnt", "doesnt", "isnt", "wasnt", "arent",
            "werent", "wont", "wouldnt", "couldnt", "shouldnt", "havent", "hasnt", "hadnt", "nobody", "none");
    private static final Map<String, Double> BOOSTERS = Map.ofEntries(Map.entry("very", 0.3),
            Map.entry("really", 0.3), Map.entry("so", 0.3), Map.entry("extremely", 0.5), Map.entry("super", 0.4),
            Map.entry("incredibly", 0.5), Map.entry("absolutely", 0.5), Map.entry("totally", 0.4),
            Map.entry("completely", 0.4), Map.entry("highly", 0.3), Map.entry("too", 0.3), Map.entry("truly", 0.3),
            Map.entry("utterly", 0.5), Map.entry("seriously", 0.3), Map.entry("most", 0.2), Map.entry("such", 0.2),
            Map.entry("slightly", -0.4), Map.entry("somewhat", -0.4), Map.entry("kinda", -0.4),
            Map.entry("fairly", -0.3), Map.entry("bit", -0.4), Map.entry("little", -0.3),
            Map.entry("mostly", -0.2), Map.entry("almost", -0.3));
    private static final Set<String> CONTRASTS = Set.of("but", "however", "though", "although", "yet");
    private static final double NEGATION = -0.6;
    private static final int NEGATION_WINDOW = 3;

    private final Map<String, Double> words = new HashMap<>();
    private final Map<String, Double> phrases = new HashMap<>();
    private int longestPhrase = 1;

    public SentimentAnalyzer() {
        this(SentimentAnalyzer.class.getResourceAsStream("/text/sentiment-lexicon.txt"));
    }

    public SentimentAnalyzer(InputStream lexicon) {
        if (lexicon == null) {
            throw new IllegalStateException("sentiment lexicon not found");
        }
        try (BufferedReader in = new BufferedReader(new InputStreamReader(lexicon, StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                int tab = line.lastIndexOf('\t');
                String term = line.substring(0, tab).trim().toLowerCase(Locale.ROOT);
                double valence = Double.parseDouble(line.substring(tab + 1).trim());
                List<String> tokens = Tokens.words(term);
                if (tokens.size() == 1) {
                    words.put(tokens.get(0), valence);
                } else {
                    phrases.put(String.join(" ", tokens), valence);
                    longestPhrase = Math.max(longestPhrase, tokens.size());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Scores one text; empty or lexicon-free text is neutral 0. */
    public Sentiment analyze(String text) {
        if (text == null || text.isBlank()) {
            return Sentiment.of(0);
        }
        List<Tokens.Token> tokens = Tokens.tokenize(text);
        List<Double> valences = new ArrayList<>();
        List<Boolean> afterContrast = new ArrayList<>();
        int lastNegator = -100;
        int clauseStart = 0;
        double boost = 0;
        boolean contrastSeen = false;
        for (int i = 0; i < tokens.size(); i++) {
            Tokens.Token t = tokens.get(i);
            if (t.clauseBreak()) {
                lastNegator = -100;
                boost = 0;
                clauseStart = i + 1;
                continue;
            }
            String w = t.norm();
            if (CONTRASTS.contains(w)) {
                contrastSeen = true;
                lastNegator = -100;
                for (int k = 0; k < afterContrast.size(); k++) {
                    afterContrast.set(k, Boolean.FALSE);
                }
                continue;
            }
            int span = 1;
            Double valence = null;
            for (int n = Math.min(longestPhrase, tokens.size() - i); n >= 2 && valence == null; n--) {
                valence = phrases.get(Tokens.join(tokens, i, n));
                if (valence != null) {
                    span = n;
                }
            }
            if (valence == null) {
                valence = words.get(w);
            }
            if (valence == null) {
                if (NEGATORS.contains(w)) {
                    lastNegator = i;
                } else if (BOOSTERS.containsKey(w)) {
                    boost += BOOSTERS.get(w);
                }
                continue;
            }
            double v = valence;
            if (boost != 0) {
                v += Math.signum(v) * Math.abs(v) * boost;
            }
            if (t.shouting()) {
                v *= 1.2;
            }
            if (lastNegator >= clauseStart && i - lastNegator <= NEGATION_WINDOW && !phraseHasNegation(tokens, i, span)) {
                v *= NEGATION;
            }
            boost = 0;
            valences.add(v);
            afterContrast.add(contrastSeen ? Boolean.TRUE : null);
            i += span - 1;
        }
        double sum = 0;
        for (int k = 0; k < valences.size(); k++) {
            Boolean side = afterContrast.get(k);
            double weight = side == null ? 1.0 : side ? 1.5 : 0.5;
            sum += valences.get(k) * weight;
        }
        int bangs = Math.min(3, (int) text.chars().filter(c -> c == '!').count());
        sum += Math.signum(sum) * 0.25 * bangs;
        double score = sum / Math.sqrt(sum * sum + 6);
        return Sentiment.of(Math.max(-1, Math.min(1, score)));
    }

    private static boolean phraseHasNegation(List<Tokens.Token> tokens, int from, int span) {
        for (int k = from; k < from + span; k++) {
            if (NEGATORS.contains(tokens.get(k).norm())) {
                return true;
            }
        }
        return false;
    }
}
