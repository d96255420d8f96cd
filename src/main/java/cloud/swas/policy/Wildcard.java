package cloud.swas.policy;

/**
 * A pattern with RAM's two wildcards, {@code *} (any run of characters, also none) and {@code ?} (exactly one
 * character), compiled once and matched against a region of a string without allocating: the per-call cost of a
 * policy is character comparisons only, never a regular expression built or run per call.
 */
final class Wildcard {

    private enum Shape { ANY, EXACT, PREFIX, GENERAL }

    private final String source;
    private final char[] pattern;
    private final Shape shape;
    /** GENERAL only: where the fixed-length tail after the last star starts (pattern length when none). */
    private final int tail;

    private Wildcard(String source) {
        this.source = source;
        this.pattern = source.toCharArray();
        int star = source.indexOf('*');
        boolean question = source.indexOf('?') >= 0;
        if (source.equals("*")) {
            shape = Shape.ANY;
        } else if (star < 0 && !question) {
            shape = Shape.EXACT;
        } else if (!question && star == source.length() - 1) {
            shape = Shape.PREFIX;
        } else {
            shape = Shape.GENERAL;
        }
        int lastStar = source.lastIndexOf('*');
        tail = lastStar < 0 ? pattern.length : lastStar + 1;
    }

    /** Case-sensitive; actions are compiled lower-cased and matched against the lower-cased action. */
    static Wildcard of(String pattern) {
        return new Wildcard(pattern);
    }

    boolean matches(String s) {
        return matches(s, 0, s.length(), false);
    }

    /**
     * Whether {@code s[from, to)} matches. {@code fold} compares ignoring case for this one call (RAM names inside
     * {@code acs:ram} ARNs).
     */
    boolean matches(String s, int from, int to, boolean fold) {
        int n = to - from;
        switch (shape) {
            case ANY:
                return true;
            case EXACT:
                return n == pattern.length && regionEquals(s, from, pattern.length, fold);
            case PREFIX:
                return n >= pattern.length - 1 && regionEquals(s, from, pattern.length - 1, fold);
            default:
                return tailMatches(s, to, fold) && general(s, from, to - (pattern.length - tail), fold, tail);
        }
    }

    private boolean regionEquals(String s, int from, int length, boolean fold) {
        for (int k = 0; k < length; k++) {
            if (!same(pattern[k], s.charAt(from + k), fold)) {
                return false;
            }
        }
        return true;
    }

    /**
     * The part after the last star has a fixed length and must end the input: checked first, it rejects most
     * non-matching inputs in a few comparisons ({@code *CustomImageShareAccount}).
     */
    private boolean tailMatches(String s, int to, boolean fold) {
        int length = pattern.length - tail;
        if (tail == pattern.length) {
            return true;
        }
        int start = to - length;
        if (start < 0) {
            return false;
        }
        for (int k = 0; k < length; k++) {
            char pc = pattern[tail + k];
            if (pc != '?' && !same(pc, s.charAt(start + k), fold)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Iterative glob match of {@code s[from, to)} against {@code pattern[0, plen)} with backtracking to the last
     * star: O(n*m) worst case, linear in practice.
     */
    private boolean general(String s, int from, int to, boolean fold, int plen) {
        if (to < from) {
            return false;
        }
        int p = 0;
        int i = from;
        int starP = -1;
        int starI = -1;
        while (i < to) {
            if (p < plen && pattern[p] == '*') {
                starP = p++;
                starI = i;
            } else if (p < plen && (pattern[p] == '?' || same(pattern[p], s.charAt(i), fold))) {
                p++;
                i++;
            } else if (starP >= 0) {
                p = starP + 1;
                i = ++starI;
            } else {
                return false;
            }
        }
        while (p < plen && pattern[p] == '*') {
            p++;
        }
        return p == plen;
    }

    private static boolean same(char patternChar, char c, boolean fold) {
        if (patternChar == c) {
            return true;
        }
        return fold && Character.toLowerCase(patternChar) == Character.toLowerCase(c);
    }

    @Override
    public String toString() {
        return source;
    }
}
