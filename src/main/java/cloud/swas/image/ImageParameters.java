package cloud.swas.image;

import cloud.swas.api.ApiError;
import cloud.swas.api.ApiParameters;
import cloud.swas.api.Characters;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parameter rules shared by the image operations. */
final class ImageParameters {

    private static final int MAX_ID_LENGTH = 64;
    private static final int MAX_TAG_LENGTH = 128;
    private static final Pattern TAG = Pattern.compile("Tag\\.([1-9][0-9]{0,2})\\.(Key|Value)");

    private ImageParameters() {
    }

    /** A required image ID. Any short value is looked up (an unknown one is NotFound); an absurd one is invalid. */
    static String imageId(ApiParameters parameters) {
        return boundedId(parameters.required("ImageId"), "ImageId");
    }

    /** An optional resource ID (instance, snapshot, resource group): short, no spaces. */
    static String optionalId(ApiParameters parameters, String name) {
        String value = parameters.optional(name);
        return value == null ? null : boundedId(value, name);
    }

    static String requiredId(ApiParameters parameters, String name) {
        return boundedId(parameters.required(name), name);
    }

    /** {@code name}: a JSON array of 1 to {@code maxItems} image IDs, without repeats; null when absent. */
    static List<String> imageIds(ApiParameters parameters, String name, int maxItems) {
        List<String> ids = parameters.jsonStrings(name, maxItems, MAX_ID_LENGTH);
        if (ids == null) {
            return null;
        }
        ids.forEach(id -> boundedId(id, name));
        return List.copyOf(new LinkedHashSet<>(ids));
    }

    private static String boundedId(String value, String name) {
        if (Characters.length(value) > MAX_ID_LENGTH || !ApiParameters.printableAscii(value, false)) {
            throw ApiError.INVALID_PARAMETER.exception(name);
        }
        return value;
    }

    /**
     * {@code Tag.N.Key} / {@code Tag.N.Value}, N from 1 to {@code maxTags} without gaps: keys of 1 to 128
     * characters (code points, as the columns' {@code varchar(128)} count them), unique; values of at most 128,
     * null when absent. Empty when there are none.
     */
    static List<Tag> tags(ApiParameters parameters, int maxTags) {
        Map<Integer, String[]> byIndex = new TreeMap<>();
        for (Map.Entry<String, String> entry : parameters.asMap().entrySet()) {
            if (!entry.getKey().startsWith("Tag.")) {
                continue;
            }
            Matcher m = TAG.matcher(entry.getKey());
            if (!m.matches() || Integer.parseInt(m.group(1)) > maxTags) {
                throw ApiError.INVALID_PARAMETER.exception("Tag");
            }
            String[] pair = byIndex.computeIfAbsent(Integer.parseInt(m.group(1)), i -> new String[2]);
            pair[m.group(2).equals("Key") ? 0 : 1] = entry.getValue();
        }
        Map<String, Tag> tags = new LinkedHashMap<>();
        int expected = 1;
        for (Map.Entry<Integer, String[]> entry : byIndex.entrySet()) {
            String key = entry.getValue()[0];
            String value = entry.getValue()[1];
            if (entry.getKey() != expected++ || key == null || key.isEmpty() || Characters.length(key) > MAX_TAG_LENGTH
                    || value != null && Characters.length(value) > MAX_TAG_LENGTH
                    || tags.put(key, new Tag(key, value)) != null) {
                throw ApiError.INVALID_PARAMETER.exception("Tag");
            }
        }
        return new ArrayList<>(tags.values());
    }
}
