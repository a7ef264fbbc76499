package io.refinery.feedback.text;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Emerging terms: uni- and bigrams (stop words dropped) whose document frequency jumps against the previous
 * period. A term qualifies with at least {@code minCount} documents now and a smoothed rate ratio
 * {@code ((now + 1) / (docsNow + 1)) / ((before + 1) / (docsBefore + 1))} of at least {@code minRatio}.
 */
public final class EmergingTerms {

    /** One emerging term with its document counts in both periods and the smoothed rate ratio. */
    public record Term(String term, int countNow, int countBefore, double ratio) {
    }

    private static final Set<String> STOP = Set.of("a", "an", "the", "and", "or", "but", "to", "of", "in", "on",
            "at", "for", "with", "it", "is", "was", "are", "were", "be", "been", "i", "me", "my", "we", "our", "you",
            "your", "they", "them", "this", "that", "these", "those", "so", "very", "just", "have", "has", "had",
            "do", "did", "does", "not", "no", "from", "by", "as", "if", "then", "than", "there", "their", "its",
            "im", "ive", "dont", "didnt", "get", "got", "can", "could", "would", "will", "all", "any", "some", "what",
            "when", "which", "who", "how", "about", "up", "out", "again", "also", "too", "really", "s", "t");

    private EmergingTerms() {
    }

    public static List<Term> detect(List<String> now, List<String> before, int minCount, double minRatio, int limit) {
        Map<String, Integer> cNow = documentFrequency(now);
        Map<String, Integer> cBefore = documentFrequency(before);
        double docsNow = now.size() + 1.0;
        double docsBefore = before.size() + 1.0;
        List<Term> out = new ArrayList<>();
        for (Map.Entry<String, Integer> e : cNow.entrySet()) {
            int n = e.getValue();
            if (n < minCount) {
                continue;
            }
            int b = cBefore.getOrDefault(e.getKey(), 0);
            double ratio = ((n + 1) / docsNow) / ((b + 1) / docsBefore);
            if (ratio >= minRatio) {
                out.add(new Term(e.getKey(), n, b, ratio));
            }
        }
        out.sort(Comparator.comparingDouble(Term::ratio).reversed().thenComparing(Term::term));
        return out.size() > limit ? List.copyOf(out.subList(0, limit)) : List.copyOf(out);
    }

    static Map<String, Integer> documentFrequency(List<String> docs) {
        Map<String, Integer> counts = new HashMap<>();
        for (String doc : docs) {
            for (String g : grams(doc)) {
                counts.merge(g, 1, Integer::sum);
            }
        }
        return counts;
    }

    static Set<String> grams(String doc) {
        Set<String> out = new HashSet<>();
        String prev = null;
        for (String w : Tokens.words(doc == null ? "" : doc)) {
            boolean keep = w.length() > 1 && !STOP.contains(w) && !w.chars().allMatch(Character::isDigit)
                    && Character.isLetter(w.charAt(0));
            if (keep) {
                out.add(w);
                if (prev != null) {
                    out.add(prev + " " + w);
                }
                prev = w;
            } else {
                prev = null;
            }
        }
        return out;
    }
}
