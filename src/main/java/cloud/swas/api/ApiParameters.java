package cloud.swas.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The merged request parameters (query string and form body), exactly as received after
 * percent-decoding. Operations read their own parameters from here and validate them.
 */
public final class ApiParameters {

    /** Transport and signing parameters; everything else belongs to the operation. */
    public static final Set<String> COMMON = Set.of("Action", "Version", "Format", "AccessKeyId", "Signature",
            "SignatureMethod", "SignatureVersion", "SignatureNonce", "SignatureType", "Timestamp", "SecurityToken",
            "ResourceOwnerAccount", "ResourceOwnerId", "OwnerId", "OwnerAccount", "ClientToken");

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, String> values;
    private final Set<String> queryNames;

    /**
     * @param queryNames which of the names arrived in the query string (the rest came in the body)
     */
    public ApiParameters(Map<String, String> values, Set<String> queryNames) {
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        this.queryNames = Set.copyOf(queryNames);
    }

    /** The same parameters with one added, e.g. the Action a V3 request names in a signed header. */
    public ApiParameters with(String name, String value) {
        Map<String, String> copy = new LinkedHashMap<>(values);
        copy.put(name, value);
        return new ApiParameters(copy, queryNames);
    }

    /** The query-string parameters alone: signature V3 signs these and covers the body by its hash. */
    public Map<String, String> fromQuery() {
        Map<String, String> result = new LinkedHashMap<>();
        values.forEach((k, v) -> {
            if (queryNames.contains(k)) {
                result.put(k, v);
            }
        });
        return result;
    }

    public Map<String, String> asMap() {
        return values;
    }

    /** The value, or null when absent or empty (an empty value means "not supplied" for every API parameter). */
    public String optional(String name) {
        String value = values.get(name);
        return value == null || value.isEmpty() ? null : value;
    }

    public String required(String name) {
        String value = optional(name);
        if (value == null) {
            throw ApiError.MISSING_PARAMETER.exception(name);
        }
        return value;
    }

    /** An integer within {@code [min, max]}, or {@code defaultValue} when absent. */
    public int integer(String name, int defaultValue, int min, int max) {
        String raw = optional(name);
        if (raw == null) {
            return defaultValue;
        }
        try {
            int value = Integer.parseInt(raw);
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw ApiError.INVALID_PARAMETER.exception(name);
    }

    /** A boolean, case-insensitive ({@code true}, {@code True}, {@code FALSE}: SDKs differ); null when absent. */
    public Boolean bool(String name) {
        String raw = optional(name);
        if (raw == null) {
            return null;
        }
        return switch (raw.toLowerCase(Locale.ROOT)) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> throw ApiError.INVALID_PARAMETER.exception(name);
        };
    }

    /**
     * One parameter holding a JSON array of strings, such as {@code ImageIds=["m-1","m-2"]}: 1 to
     * {@code maxItems} entries of at most {@code maxLength} characters (code points); null when absent. The
     * entries, as JSON decodes them, follow the rules of plain values ({@link Characters#acceptable}): a JSON
     * escape of NUL, of another control character or of a lone surrogate is refused like the character itself.
     */
    public List<String> jsonStrings(String name, int maxItems, int maxLength) {
        String raw = optional(name);
        if (raw == null) {
            return null;
        }
        try {
            JsonNode array = JSON.readTree(raw);
            if (array != null && array.isArray() && !array.isEmpty() && array.size() <= maxItems) {
                List<String> items = new ArrayList<>(array.size());
                for (JsonNode item : array) {
                    if (!item.isTextual() || item.asText().isEmpty() || Characters.length(item.asText()) > maxLength
                            || !Characters.acceptable(item.asText())) {
                        throw ApiError.INVALID_PARAMETER.exception(name);
                    }
                    items.add(item.asText());
                }
                return List.copyOf(items);
            }
        } catch (JsonProcessingException e) {
            // refused below
        }
        throw ApiError.INVALID_PARAMETER.exception(name);
    }

    /**
     * A flattened list such as {@code Account.1}, {@code Account.2}: the values in index order. Indexes are
     * 1 to {@code maxItems}, without gaps; empty when none is present.
     */
    public List<String> indexed(String prefix, int maxItems) {
        Map<Integer, String> byIndex = new TreeMap<>();
        String start = prefix + ".";
        values.forEach((name, value) -> {
            if (name.startsWith(start)) {
                byIndex.put(index(name.substring(start.length()), maxItems, prefix), value);
            }
        });
        if (!byIndex.isEmpty() && ((TreeMap<Integer, String>) byIndex).lastKey() != byIndex.size()) {
            throw ApiError.INVALID_PARAMETER.exception(prefix);
        }
        return List.copyOf(byIndex.values());
    }

    private static int index(String digits, int maxItems, String prefix) {
        try {
            int index = Integer.parseInt(digits);
            if (index >= 1 && index <= maxItems && digits.equals(Integer.toString(index))) {
                return index;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw ApiError.INVALID_PARAMETER.exception(prefix);
    }

    /** Printable ASCII ({@code 0x21-0x7e}, and the space if {@code spaceAllowed}), as IDs and tokens must be. */
    public static boolean printableAscii(String value, boolean spaceAllowed) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c >= 0x7f || c < 0x20 || c == 0x20 && !spaceAllowed) {
                return false;
            }
        }
        return true;
    }

    /** The operation's own parameters, sorted: what identifies a request for idempotency. */
    public Map<String, String> operationParameters() {
        Map<String, String> result = new TreeMap<>();
        values.forEach((k, v) -> {
            if (!COMMON.contains(k)) {
                result.put(k, v);
            }
        });
        return result;
    }
}
