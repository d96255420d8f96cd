package cloud.swas.api;

import java.util.Map;

/**
 * A documented API error. Thrown anywhere in the request path and rendered by the gateway; it
 * carries no cause on purpose, so nothing internal can leak into a response body.
 */
public final class ApiException extends RuntimeException {
    private final ApiError error;
    private final String argument;
    private final Map<String, String> headers;
    private final AccessDeniedDetail accessDeniedDetail;

    ApiException(ApiError error, String argument) {
        this(error, argument, Map.of(), null);
    }

    private ApiException(ApiError error, String argument, Map<String, String> headers,
                         AccessDeniedDetail accessDeniedDetail) {
        super(error.code(), null, false, false);
        this.error = error;
        this.argument = argument;
        this.headers = headers;
        this.accessDeniedDetail = accessDeniedDetail;
    }

    /** A denied call (contract 11.5): 403 {@code Forbidden.RAM} with the reason in the body. */
    public static ApiException accessDenied(AccessDeniedDetail detail) {
        return new ApiException(ApiError.FORBIDDEN_RAM, null, Map.of(), detail);
    }

    /** The header telling a refused client how many milliseconds to wait before it tries again. */
    public static final String RETRY_AFTER_HEADER = "x-acs-retry-after";

    /** The same error with {@link #RETRY_AFTER_HEADER}. */
    public ApiException withRetryAfter(long millis) {
        return withHeader(RETRY_AFTER_HEADER, Long.toString(Math.max(1, millis)));
    }

    /** The same error with extra response headers. */
    public ApiException withHeader(String name, String value) {
        var merged = new java.util.LinkedHashMap<>(headers);
        merged.put(name, value);
        return new ApiException(error, argument, Map.copyOf(merged), accessDeniedDetail);
    }

    public ApiError error() {
        return error;
    }

    public String clientMessage() {
        return error.message(argument);
    }

    public Map<String, String> headers() {
        return headers;
    }

    /** Why a RAM principal was denied, or null for any other error. */
    public AccessDeniedDetail accessDeniedDetail() {
        return accessDeniedDetail;
    }
}
