package cloud.swas.api;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

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

    /**
     * The canonicalized query string of both signature versions: {@code k=v} pairs sorted by key
     * (UTF-16 code-unit order, as the SDKs sort), key and value percent-encoded, joined by {@code &}.
     */
    public static String canonical(Map<String, String> parameters) {
        StringBuilder out = new StringBuilder(512);
        for (Map.Entry<String, String> entry : new TreeMap<>(parameters).entrySet()) {
            if (!out.isEmpty()) {
                out.append('&');
            }
            out.append(encode(entry.getKey())).append('=').append(encode(entry.getValue()));
        }
        return out.toString();
    }

    public static String encode(String value) {
        for (int i = 0; i < value.length(); i++) {
            if (!isUnreserved(value.charAt(i))) {
                StringBuilder out = new StringBuilder(value.length() + 16).append(value, 0, i);
                for (byte b : value.substring(i).getBytes(StandardCharsets.UTF_8)) {
                    char c = (char) (b & 0xff);
                    if (isUnreserved(c)) {
                        out.append(c);
                    } else {
                        out.append('%').append(HEX[(b >> 4) & 0xf]).append(HEX[b & 0xf]);
                    }
                }
                return out.toString();
            }
        }
        return value;
    }

    private static boolean isUnreserved(char c) {
        return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9'
                || c == '-' || c == '_' || c == '.' || c == '~';
    }
}
