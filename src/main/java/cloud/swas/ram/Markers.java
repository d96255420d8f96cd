package cloud.swas.ram;

import cloud.swas.api.ApiError;
import cloud.swas.api.ApiParameters;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * RAM's paging: {@code Marker} is opaque to the client, here the base64url of the sort key of the last item of the
 * previous page, so a page starts right after it whatever was created or deleted in between.
 */
final class Markers {

    private Markers() {
    }

    static String encode(String key) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(key.getBytes(StandardCharsets.UTF_8));
    }

    /** The key the page starts after, or null for the first page; a marker this service did not write is invalid. */
    static String decode(ApiParameters parameters) {
        String marker = parameters.optional("Marker");
        if (marker == null) {
            return null;
        }
        try {
            String key = new String(Base64.getUrlDecoder().decode(marker), StandardCharsets.UTF_8);
            if (!key.isEmpty() && encode(key).equals(marker)) {
                return key;
            }
        } catch (IllegalArgumentException e) {
            // refused below
        }
        throw ApiError.INVALID_PARAMETER.exception("Marker");
    }
}
