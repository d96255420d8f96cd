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
    // STS credentials (contract 11.6): codes and messages as Alibaba Cloud documents them; statuses this service's.
    MISSING_SECURITY_TOKEN(400, "MissingSecurityToken", "SecurityToken is mandatory for this action."),
    SECURITY_TOKEN_MALFORMED(400, "InvalidSecurityToken.Malformed", "Specified SecurityToken is malformed."),
    SECURITY_TOKEN_MISMATCH(400, "InvalidSecurityToken.MismatchWithAccessKey",
            "Specified SecurityToken mismatch with the AccessKey."),
    SECURITY_TOKEN_EXPIRED(400, "InvalidSecurityToken.Expired", "Specified SecurityToken is expired."),
    /** AssumeRole of a role that does not exist, and any call of a session whose role was deleted since. */
    STS_ROLE_NOT_FOUND(404, "EntityNotExist.Role", "The specified Role not exists."),
    STS_ROOT_CANNOT_ASSUME(403, "NoPermission", "Roles may not be assumed by root accounts."),
    STS_ROLE_NOT_TRUSTING(403, "NoPermission", "No permission perform sts:AssumeRole on this Role. Maybe you are not "
            + "authorized to perform sts:AssumeRole or the specified role does not trust you"),
    STS_INVALID_ROLE_ARN(400, "InvalidParameter.RoleArn", "The parameter RoleArn is wrongly formed."),
    STS_INVALID_SESSION_NAME(400, "InvalidParameter.RoleSessionName", "The parameter RoleSessionName is wrongly formed."),
    STS_INVALID_DURATION(400, "InvalidParameter.DurationSeconds", "The Min/Max value of DurationSeconds is 15min/1hr."),
    STS_POLICY_GRAMMAR(400, "InvalidParameter.PolicyGrammar", "The parameter Policy has not passed grammar check."),
    STS_POLICY_SIZE(400, "InvalidParameter.PolicySize",
            "The size of Policy must be smaller than 6144 characters and fit in a security token."),
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
