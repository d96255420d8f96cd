package cloud.swas.api;

/**
 * The characters a text parameter may hold, and how its length is counted, for every parameter alike (contract
 * sections 4 and 8). XML is the default response format and a stored value is echoed into other accounts' XML
 * (a shared image's name, description and tags), so a value must be one that XML 1.0 can carry. Written here
 * because the rules are three ranges of XML 1.0's {@code Char} production and Unicode's noncharacters; no
 * library states exactly this.
 */
public final class Characters {

    private static final char REPLACEMENT = '\uFFFD';

    private Characters() {
    }

    /**
     * Whether a value may be accepted: every code point one that XML 1.0 can carry and not a noncharacter, no
     * control character (C0, DEL, C1; XML's tab and line breaks included: no parameter of this API needs them),
     * no lone surrogate.
     */
    public static boolean acceptable(String value) {
        for (int i = 0; i < value.length(); ) {
            int cp = value.codePointAt(i);
            if (!xmlChar(cp) || noncharacter(cp) || Character.isISOControl(cp)) {
                return false;
            }
            i += Character.charCount(cp);
        }
        return true;
    }

    /**
     * The length of a value in code points: how every length limit of the contract counts, and how PostgreSQL
     * counts the characters of a {@code varchar(n)} in a UTF-8 database. A character outside the Basic
     * Multilingual Plane is one character, not two UTF-16 units.
     */
    public static int length(String value) {
        return value.codePointCount(0, value.length());
    }

    /**
     * {@code text} with every code point that XML 1.0 cannot carry (a lone surrogate included) replaced by U+FFFD,
     * so that a document written from it is well-formed whatever it held; {@code text} itself when it is clean.
     */
    public static String xmlSafe(String text) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            int next = i + Character.charCount(cp);
            if (!xmlChar(cp)) {
                if (out == null) {
                    out = new StringBuilder(text.length()).append(text, 0, i);
                }
                out.append(REPLACEMENT);
            } else if (out != null) {
                out.append(text, i, next);
            }
            i = next;
        }
        return out == null ? text : out.toString();
    }

    /**
     * XML 1.0's {@code Char}: {@code #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF]}. A
     * surrogate code unit on its own (what {@link String#codePointAt} returns for a lone surrogate) is not one.
     */
    static boolean xmlChar(int cp) {
        return cp == 0x9 || cp == 0xA || cp == 0xD || cp >= 0x20 && cp <= 0xD7FF || cp >= 0xE000 && cp <= 0xFFFD
                || cp >= 0x10000 && cp <= 0x10FFFF;
    }

    /** Unicode's noncharacters: U+FDD0 to U+FDEF, and the last two code points of every plane (U+FFFE, U+FFFF, U+1FFFE...). */
    static boolean noncharacter(int cp) {
        return cp >= 0xFDD0 && cp <= 0xFDEF || (cp & 0xFFFE) == 0xFFFE;
    }
}
