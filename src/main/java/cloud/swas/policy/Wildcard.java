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
    private final boolean ignoreCase;
    private final Shape shape;

    private Wildcard(String source, boolean ignoreCase) {
        this.source = source;
        this.ignoreCase = ignoreCase;
        this.pattern = (ignoreCase ? lower(source) : source).toCharArray();
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
    }

    /** Case-sensitive (resources, StringLike). */
    static Wildcard of(String pattern) {
        return new Wildcard(pattern, false);
    }

    /** Case-insensitive (actions). */
    static Wildcard ignoringCase(String pattern) {
        return new Wildcard(pattern, true);
    }

    String source() {
        return source;
    }

    boolean matches(String s) {
        return matches(s, 0, s.length(), false);
    }

    /**
     * Whether {@code s[from, to)} matches. {@code foldCase} makes a case-sensitive pattern compare ignoring case
     * for this one call (RAM names inside {@code acs:ram} ARNs).
     */
    boolean matches(String s, int from, int to, boolean foldCase) {
        boolean fold = ignoreCase || foldCase;
        int n = to - from;
        switch (shape) {
            case ANY:
                return true;
            case EXACT:
                return n == pattern.length && regionEquals(s, from, pattern.length, fold);
            case PREFIX:
                return n >= pattern.length - 1 && regionEquals(s, from, pattern.length - 1, fold);
            default:
                return general(s, from, to, fold);
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

    /** Iterative glob match with backtracking to the last star: O(n*m) worst case, linear in practice. */
    private boolean general(String s, int from, int to, boolean fold) {
        int p = 0;
        int i = from;
        int starP = -1;
        int starI = -1;
        int plen = pattern.length;
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
        // a case-insensitive pattern is stored lower-cased; a folded case-sensitive one is folded here
        return fold && Character.toLowerCase(patternChar) == Character.toLowerCase(c);
    }

    private static String lower(String s) {
        return s.toLowerCase(java.util.Locale.ROOT);
    }

    @Override
    public String toString() {
        return source;
    }
}
