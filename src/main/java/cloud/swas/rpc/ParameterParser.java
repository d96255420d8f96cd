package cloud.swas.rpc;

import cloud.swas.api.ApiError;
import cloud.swas.api.ApiException;
import cloud.swas.api.ApiParameters;
import cloud.swas.api.Characters;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Parses {@code application/x-www-form-urlencoded} text (query string or body) strictly.
 * Written by hand because the JDK's decoder silently replaces malformed UTF-8, and the container's
 * parameter map silently merges duplicates; both would let a request mean something other than what
 * its signature covers. Names and values hold only what {@link Characters#acceptable} allows (what XML can
 * carry, no noncharacter, no control character), and lengths count code points.
 */
public final class ParameterParser {

    private final int maxParameters;
    private final int maxValueLength;

    public ParameterParser(int maxParameters, int maxValueLength) {
        this.maxParameters = maxParameters;
        this.maxValueLength = maxValueLength;
    }

    /** Merges the query string and the form body; a name present twice anywhere is {@code InvalidParameter}. */
    public ApiParameters parse(String rawQuery, String rawForm) {
        Map<String, String> values = new LinkedHashMap<>();
        addAll(values, rawQuery);
        Set<String> queryNames = Set.copyOf(values.keySet());
        addAll(values, rawForm);
        return new ApiParameters(values, queryNames);
    }

    private void addAll(Map<String, String> into, String encoded) {
        if (encoded == null || encoded.isEmpty()) {
            return;
        }
        int start = 0;
        while (start <= encoded.length()) {
            int end = encoded.indexOf('&', start);
            if (end < 0) {
                end = encoded.length();
            }
            if (end > start) {
                addPair(into, encoded.substring(start, end));
            }
            start = end + 1;
        }
    }

    private void addPair(Map<String, String> into, String pair) {
        int eq = pair.indexOf('=');
        String rawName = eq < 0 ? pair : pair.substring(0, eq);
        String rawValue = eq < 0 ? "" : pair.substring(eq + 1);
        String name = decode(rawName, null);
        if (name.isEmpty() || Characters.length(name) > 128 || !Characters.acceptable(name)) {
            throw invalid(name);
        }
        String value = decode(rawValue, name);
        if (Characters.length(value) > maxValueLength || !Characters.acceptable(value)) {
            throw invalid(name);
        }
        if (into.containsKey(name)) {
            throw invalid(name);
        }
        if (into.size() >= maxParameters) {
            throw ApiError.INVALID_PARAMETER.exception("parameter count");
        }
        into.put(name, value);
    }

    private static String decode(String raw, String nameForErrors) {
        if (raw.indexOf('%') < 0 && raw.indexOf('+') < 0) {
            return requireAscii(raw, nameForErrors);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '+') {
                bytes.write(' ');
            } else if (c == '%') {
                if (i + 2 >= raw.length()) {
                    throw invalid(nameForErrors);
                }
                int hi = Character.digit(raw.charAt(i + 1), 16);
                int lo = Character.digit(raw.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    throw invalid(nameForErrors);
                }
                bytes.write((hi << 4) | lo);
                i += 2;
            } else if (c < 0x80) {
                bytes.write(c);
            } else {
                throw invalid(nameForErrors);
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray()))
                    .toString();
        } catch (CharacterCodingException e) {
            throw invalid(nameForErrors);
        }
    }

    private static String requireAscii(String raw, String nameForErrors) {
        for (int i = 0; i < raw.length(); i++) {
            if (raw.charAt(i) >= 0x80) {
                throw invalid(nameForErrors);
            }
        }
        return raw;
    }

    /** {@code InvalidParameter} naming the parameter, or "parameter name" when the name itself was unreadable. */
    private static ApiException invalid(String nameForErrors) {
        return ApiError.INVALID_PARAMETER.exception(nameForErrors != null ? printable(nameForErrors) : "parameter name");
    }

    /**
     * A name echoed in an error message is cut and stripped so that the message stays harmless: whatever the caller
     * sent as a name (U+FFFF, a control character, markup), the error body carries only these characters.
     */
    private static String printable(String name) {
        String cleaned = name.replaceAll("[^A-Za-z0-9._-]", "?");
        return cleaned.length() > 64 ? cleaned.substring(0, 64) : cleaned;
    }
}
