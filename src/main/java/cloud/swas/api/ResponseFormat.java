package cloud.swas.api;

import java.util.Locale;

/** The {@code Format} common parameter: XML unless the caller asks for JSON (case-insensitive). */
public enum ResponseFormat {
    XML("application/xml;charset=utf-8"),
    JSON("application/json;charset=utf-8");

    private final String contentType;

    ResponseFormat(String contentType) {
        this.contentType = contentType;
    }

    public String contentType() {
        return contentType;
    }

    /**
     * The format a caller asked for when its parameters could not be parsed (a duplicate, bad
     * encoding): a plain {@code Format=JSON} in the raw text still gets a JSON error.
     */
    public static ResponseFormat sniff(String... rawEncodedParameters) {
        for (String raw : rawEncodedParameters) {
            if (raw != null && raw.toLowerCase(Locale.ROOT).matches("(?s)(.*&)?format=json(&.*)?")) {
                return JSON;
            }
        }
        return XML;
    }

    /** Parses the parameter; an unknown value is an error, rendered in XML since JSON was not asked for. */
    public static ResponseFormat parse(String value) {
        if (value == null) {
            return XML;
        }
        return switch (value.toUpperCase(Locale.ROOT)) {
            case "XML" -> XML;
            case "JSON" -> JSON;
            default -> throw ApiError.INVALID_PARAMETER.exception("Format");
        };
    }
}
