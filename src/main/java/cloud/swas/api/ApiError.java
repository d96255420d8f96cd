package cloud.swas.api;

/**
 * The error catalog of contract section 4: one place for every code, HTTP status and message the
 * service can emit, so clients and documentation can rely on a closed list.
 * Messages containing {@code %s} take the parameter name.
 */
public enum ApiError {
    OPERATION_ILLEGAL(400, "InvalidParam.OperationIllegal", "The specified parameter operation is illegal."),
    IMAGE_NOT_FOUND(404, "InvalidImageId.NotFound", "The specified ImageId does not exist."),
    INTERNAL_ERROR(500, "InternalError", "An error occurred while processing your request."),
    MISSING_PARAMETER(400, "MissingParameter",
            "The input parameter \"%s\" that is mandatory for processing this request is not supplied."),
    INVALID_PARAMETER(400, "InvalidParameter", "The specified parameter \"%s\" is not valid."),
    REGION_NOT_FOUND(404, "InvalidRegionId.NotFound", "The specified RegionId does not exist."),
    ACTION_NOT_FOUND(404, "InvalidAction.NotFound", "Specified api is not found, please check your url and method."),
    INVALID_VERSION(400, "InvalidVersion", "Specified parameter Version is not valid."),
    INCOMPLETE_SIGNATURE(400, "IncompleteSignature", "The request signature does not conform to Aliyun standards. %s"),
    SIGNATURE_MISMATCH(400, "SignatureDoesNotMatch",
            "Specified signature is not matched with our calculation. server string to sign is:%s"),
    ACCESS_KEY_NOT_FOUND(404, "InvalidAccessKeyId.NotFound", "Specified access key is not found."),
    ACCESS_KEY_INACTIVE(400, "InvalidAccessKeyId.Inactive", "Specified access key is disabled."),
    NONCE_USED(400, "SignatureNonceUsed", "Specified signature nonce was used already."),
    TIMESTAMP_EXPIRED(400, "InvalidTimeStamp.Expired", "Specified time stamp or date value is expired."),
    TIMESTAMP_FORMAT(400, "InvalidTimeStamp.Format", "Specified time stamp or date value is not well formatted."),
    THROTTLED(400, "Throttling.User", "Request was denied due to user flow control."),
    IDEMPOTENT_MISMATCH(400, "IdempotentParameterMismatch", "The specified parameters are different from before."),
    LAST_TOKEN_PROCESSING(409, "LastTokenProcessing", "The last token request is processing."),
    IMAGE_IN_SHARE(400, "CustomImageInShare",
            "The custom image is being shared. Please disable sharing first and then delete it."),
    /** The same code as {@link #IMAGE_IN_SHARE}, with the message the live API gives for DeleteCustomImages. */
    IMAGES_IN_SHARE(400, "CustomImageInShare", "The custom image is in sharing,please unshare first then to retry."),
    ILLEGAL_IMAGE_NAME(400, "InvalidParam.IllegalImageName", "The specified parameter ImageName is illegal."),
    IMAGE_NAME_EXISTS(400, "ImageNameAlreadyExist", "The image name already exists."),
    IMAGE_QUOTA(400, "CustomImageQuotaLimit", "The maximum number of custom image in this region is exceeded."),
    SHARE_ACCOUNT_QUOTA(400, "QuotaExceed.ShareImageUser", "The shared Image user Quota exceeds."),
    IMAGE_TYPE_NOT_SUPPORTED(400, "InvalidImageType.ValueNotSupported", "The specified parameter ImageType is invalid."),
    IMAGE_OWNER_ALIAS_NOT_SUPPORTED(400, "InvalidImageOwnerAlias.ValueNotSupported",
            "The specified ImageOwnerAlias value is not supported."),
    /** A RAM principal's policies do not allow the call (contract 11.5); carries {@link AccessDeniedDetail}. */
    FORBIDDEN_RAM(403, "Forbidden.RAM",
            "User not authorized to operate on the specified resource, or this API doesn't support RAM."),
    UNSUPPORTED_HTTP_METHOD(400, "UnsupportedHTTPMethod", "This http method is not supported."),
    SERVICE_UNAVAILABLE(503, "ServiceUnavailable", "The request has failed due to a temporary failure of the server.");

    private final int status;
    private final String code;
    private final String message;

    ApiError(int status, String code, String message) {
        this.status = status;
        this.code = code;
        this.message = message;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public String message(String argument) {
        return message.contains("%s") ? String.format(message, argument == null ? "" : argument) : message;
    }

    public ApiException exception() {
        return new ApiException(this, null);
    }

    public ApiException exception(String argument) {
        return new ApiException(this, argument);
    }
}
