package io.refinery.feedback.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A small tokenizer shared by the text package: words (apostrophes dropped), emoticons, emoji, clause breaks. */
final class Tokens {

    record Token(String norm, boolean shouting, boolean clauseBreak) {
    }

    private static final String[] EMOTICONS = { ":-)", ":-(", ":)", ":(", ":D", ";)", "<3", ":/" };

    private Tokens() {
    }

    static List<Token> tokenize(String text) {
        List<Token> out = new ArrayList<>();
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            String emoticon = emoticonAt(text, i);
            if (emoticon != null) {
                out.add(new Token(emoticon.toLowerCase(Locale.ROOT).equals(":d") ? ":D" : emoticon, false, false));
                i += emoticon.length();
            } else if (Character.isLetterOrDigit(c)) {
                int start = i;
                StringBuilder sb = new StringBuilder();
                boolean upper = true;
                int letters = 0;
                while (i < n && (Character.isLetterOrDigit(text.charAt(i)) || isApostrophe(text.charAt(i))
                        && i + 1 < n && Character.isLetter(text.charAt(i + 1)))) {
                    char d = text.charAt(i);
                    if (Character.isLetter(d)) {
                        letters++;
                        upper &= Character.isUpperCase(d);
                    }
                    if (!isApostrophe(d)) {
                        sb.append(Character.toLowerCase(d));
                    }
                    i++;
                }
                out.add(new Token(sb.toString(), upper && letters >= 3 && i - start >= 3, false));
            } else if (c == '.' || c == ';' || c == '?' || c == '!' || c == '\n') {
                out.add(new Token(String.valueOf(c), false, true));
                i++;
            } else if (Character.isSurrogate(c) || c > 0x2000 && !Character.isWhitespace(c)) {
                int cp = text.codePointAt(i);
                int len = Character.charCount(cp);
                if (i + len < n && text.charAt(i + len) == '\uFE0F') {
                    len++;
                }
                out.add(new Token(text.substring(i, i + len), false, false));
                i += len;
            } else {
                i++;
            }
        }
        return out;
    }

    /** Lower-case words only (for lexicon keys, themes and n-grams). */
    static List<String> words(String text) {
        List<String> out = new ArrayList<>();
        for (Token t : tokenize(text)) {
            if (!t.clauseBreak()) {
                out.add(t.norm());
            }
        }
        return out;
    }

    static String join(List<Token> tokens, int from, int count) {
        StringBuilder sb = new StringBuilder();
        for (int k = from; k < from + count; k++) {
            if (tokens.get(k).clauseBreak()) {
                return "";
            }
            if (k > from) {
                sb.append(' ');
            }
            sb.append(tokens.get(k).norm());
        }
        return sb.toString();
    }

    private static boolean isApostrophe(char c) {
        return c == '\'' || c == '\u2019';
    }

    private static String emoticonAt(String text, int i) {
        for (String e : EMOTICONS) {
            if ((i == 0 || Character.isWhitespace(text.charAt(i - 1))) && text.regionMatches(true, i, e, 0, e.length())) {
                boolean wordAfter = i + e.length() < text.length() && Character.isLetterOrDigit(text.charAt(i + e.length()))
                        && e.endsWith("D");
                if (!wordAfter) {
                    return e;
                }
            }
        }
        return null;
    }
}
