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
