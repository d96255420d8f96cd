package cloud.swas.image;

import cloud.swas.api.ApiError;
import cloud.swas.api.ApiParameters;

/** Parameter rules shared by the image operations. */
final class ImageParameters {

    private static final int MAX_ID_LENGTH = 64;

    private ImageParameters() {
    }

    /** A required image ID. Any short value is looked up (an unknown one is NotFound); an absurd one is invalid. */
    static String imageId(ApiParameters parameters) {
        return boundedId(parameters, "ImageId", parameters.required("ImageId"));
    }

    /** An optional resource ID (instance, snapshot, resource group): short, no spaces. */
    static String optionalId(ApiParameters parameters, String name) {
        String value = parameters.optional(name);
        return value == null ? null : boundedId(parameters, name, value);
    }

    static String requiredId(ApiParameters parameters, String name) {
        return boundedId(parameters, name, parameters.required(name));
    }

    private static String boundedId(ApiParameters parameters, String name, String value) {
        if (value.length() > MAX_ID_LENGTH || !ApiParameters.printableAscii(value, false)) {
            throw ApiError.INVALID_PARAMETER.exception(name);
        }
        return value;
    }
}
