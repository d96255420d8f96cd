package cloud.swas.auth;

import java.nio.charset.StandardCharsets;

/**
 * RFC 3986 percent-encoding as both Alibaba Cloud signature versions define it: only
 * {@code A-Z a-z 0-9 - _ . ~} stay literal, everything else is {@code %XX} of its UTF-8 bytes.
 * Hand-written because {@code URLEncoder} encodes form-style ({@code +}, {@code *}, {@code ~}) and
 * would need three fix-ups per value on the hot path.
 */
public final class PercentEncoding {

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private PercentEncoding() {
    }

    public static String encode(String value) {
        StringBuilder out = null;
        for (int i = 0; i < value.length(); i++) {
            if (!isUnreserved(value.charAt(i))) {
                out = new StringBuilder(value.length() + 16).append(value, 0, i);
                appendEncoded(out, value.substring(i));
                break;
            }
        }
        return out == null ? value : out.toString();
    }

    private static void appendEncoded(StringBuilder out, String rest) {
        for (byte b : rest.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if (isUnreserved(c)) {
                out.append(c);
            } else {
                out.append('%').append(HEX[(b >> 4) & 0xf]).append(HEX[b & 0xf]);
            }
        }
    }

    private static boolean isUnreserved(char c) {
        return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9'
                || c == '-' || c == '_' || c == '.' || c == '~';
    }
}
