package cloud.swas.api;

import java.util.Collections;
import java.util.LinkedHashMap;
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
