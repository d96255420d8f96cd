package cloud.swas.image;

import cloud.swas.api.ApiError;
import cloud.swas.api.ApiParameters;

/** The {@code Operation} parameter of ModifyImageShareStatus; exactly {@code Share} or {@code UnShare}. */
public enum ShareOperation {
    SHARE("Share", true),
    UNSHARE("UnShare", false);

    private final String wireName;
    private final boolean shared;

    ShareOperation(String wireName, boolean shared) {
        this.wireName = wireName;
        this.shared = shared;
    }

    public String wireName() {
        return wireName;
    }

    /** The share state the image has after this operation. */
    public boolean shared() {
        return shared;
    }

    static ShareOperation from(ApiParameters parameters) {
        String value = parameters.required("Operation");
        for (ShareOperation operation : values()) {
            if (operation.wireName.equals(value)) {
                return operation;
            }
        }
        throw ApiError.OPERATION_ILLEGAL.exception();
    }
}
