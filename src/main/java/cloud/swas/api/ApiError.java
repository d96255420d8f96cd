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
    /** A RAM principal's policies do not allow the call (contract 11.5); carries {@link AccessDeniedDetail}. */
    FORBIDDEN_RAM(403, "Forbidden.RAM",
            "User not authorized to operate on the specified resource, or this API doesn't support RAM."),
    UNSUPPORTED_HTTP_METHOD(400, "UnsupportedHTTPMethod", "This http method is not supported."),
    SERVICE_UNAVAILABLE(503, "ServiceUnavailable", "The request has failed due to a temporary failure of the server."),

    // RAM (contract 11.2): codes, statuses and messages as RAM's API reference has them (docs/ram-sources.md).
    USER_NAME_INVALID_CHARS(400, "InvalidParameter.UserName.InvalidChars", "The parameter - \"UserName\" contains invalid chars."),
    NEW_USER_NAME_INVALID_CHARS(400, "InvalidParameter.NewUserName.InvalidChars", "The parameter - \"NewUserName\" contains invalid chars."),
    DISPLAY_NAME_INVALID_CHARS(400, "InvalidParameter.DisplayName.InvalidChars", "The parameter - \"DisplayName\" contains invalid chars."),
    NEW_DISPLAY_NAME_INVALID_CHARS(400, "InvalidParameter.NewDisplayName.InvalidChars", "The parameter - \"NewDisplayName\" contains invalid chars."),
    POLICY_NAME_INVALID_CHARS(400, "InvalidParameter.PolicyName.InvalidChars", "The parameter - \"PolicyName\" contains invalid chars."),
    ROLE_NAME_INVALID_CHARS(400, "InvalidParameter.RoleName.InvalidChars", "The parameter - \"RoleName\" contains invalid chars."),
    USER_NAME_LENGTH(400, "InvalidParameter.UserName.Length", "The parameter - \"UserName\" beyond the length limit."),
    NEW_USER_NAME_LENGTH(400, "InvalidParameter.NewUserName.Length", "The parameter - \"NewUserName\" beyond the length limit."),
    DISPLAY_NAME_LENGTH(400, "InvalidParameter.DisplayName.Length", "The parameter - \"DisplayName\" beyond the length limit."),
    NEW_DISPLAY_NAME_LENGTH(400, "InvalidParameter.NewDisplayName.Length", "The parameter - \"NewDisplayName\" beyond the length limit."),
    COMMENTS_LENGTH(400, "InvalidParameter.Comments.Length", "The parameter - \"Comments\" beyond the length limit."),
    NEW_COMMENTS_LENGTH(400, "InvalidParameter.NewComments.Length", "The parameter - \"NewComments\" beyond the length limit."),
    POLICY_NAME_LENGTH(400, "InvalidParameter.PolicyName.Length", "The parameter - \"PolicyName\" beyond the length limit."),
    ROLE_NAME_LENGTH(400, "InvalidParameter.RoleName.Length", "The parameter - \"RoleName\" beyond the length limit."),
    POLICY_DOCUMENT_LENGTH(400, "InvalidParameter.PolicyDocument.Length", "The parameter - \"PolicyDocument\" beyond the length limit."),
    ASSUME_ROLE_POLICY_DOCUMENT_LENGTH(400, "InvalidParameter.AssumeRolePolicyDocument.Length", "The parameter - \"AssumeRolePolicyDocument\" beyond the length limit."),
    NEW_ASSUME_ROLE_POLICY_DOCUMENT_LENGTH(400, "InvalidParameter.NewAssumeRolePolicyDocument.Length", "The parameter - \"NewAssumeRolePolicyDocument\" beyond the length limit."),
    DESCRIPTION_LENGTH(400, "InvalidParameter.Description.Length", "The parameter - \"Description\" beyond the length limit."),
    NEW_DESCRIPTION_LENGTH(400, "InvalidParameter.NewDescription.Length", "The parameter - \"NewDescription\" beyond the length limit."),
    RAM_POLICY_TYPE(400, "InvalidParameter.PolicyType", "The parameter - \"PolicyType\" is incorrect."),
    RAM_VERSION_ID_FORMAT(400, "InvalidParameter.VersionId.Format",
            "The format of the parameter - \"VersionId\" is incorrect."),
    /** The message is the engine's account of what is wrong with the document. */
    MALFORMED_POLICY_DOCUMENT(400, "MalformedPolicyDocument", "%s"),
    USER_NOT_FOUND(404, "EntityNotExist.User", "The user does not exist."),
    USER_ACCESS_KEY_NOT_FOUND(404, "EntityNotExist.User.AccessKey", "The user access key does not exist."),
    USER_POLICY_NOT_FOUND(404, "EntityNotExist.User.Policy", "The indicate policy of the user does not exist."),
    ROLE_NOT_FOUND(404, "EntityNotExist.Role", "The role does not exist."),
    /** Not in RAM's error list; named as the user's counterpart (docs/ram-sources.md: this service's choice). */
    ROLE_POLICY_NOT_FOUND(404, "EntityNotExist.Role.Policy", "The indicate policy of the role does not exist."),
    POLICY_NOT_FOUND(404, "EntityNotExist.Policy", "The policy does not exist."),
    POLICY_VERSION_NOT_FOUND(404, "EntityNotExist.Policy.Version", "The policy version does not exist."),
    USER_EXISTS(409, "EntityAlreadyExists.User", "The user does already EXIST."),
    USER_POLICY_EXISTS(409, "EntityAlreadyExists.User.Policy", "The user has already been attached this policy."),
    ROLE_EXISTS(409, "EntityAlreadyExists.Role", "The role does already EXIST."),
    /** Not in RAM's error list; named as the user's counterpart (docs/ram-sources.md: this service's choice). */
    ROLE_POLICY_EXISTS(409, "EntityAlreadyExists.Role.Policy", "The role has already been attached this policy."),
    /** RAM's published message reads "The group does already EXIST." (a copy-paste slip); this one names the policy. */
    POLICY_EXISTS(409, "EntityAlreadyExists.Policy", "The policy does already EXIST."),
    USER_HAS_ACCESS_KEY(409, "DeleteConflict.User.AccessKey",
            "The user CAN NOT has any access key while deleting the user."),
    USER_HAS_POLICY(409, "DeleteConflict.User.Policy", "The user CAN NOT has any attached policy while deleting the user."),
    POLICY_ATTACHED_TO_USER(409, "DeleteConflict.Policy.User",
            "The policy CAN NOT been attached to any user while deleting the policy."),
    POLICY_ATTACHED_TO_ROLE(409, "DeleteConflict.Policy.Role",
            "The policy cannot be attached to any role when you delete it."),
    POLICY_HAS_VERSIONS(409, "DeleteConflict.Policy.Version",
            "The policy CAN NOT has any version except the default version."),
    DEFAULT_POLICY_VERSION(409, "DeleteConflict.Policy.Version.Default",
            "The default policy version CAN NOT been deleted directly."),
    ROLE_HAS_POLICY(409, "DeleteConflict.Role.Policy", "The role CAN NOT has any attached policy while deleting the role."),
    USER_LIMIT(409, "LimitExceeded.User", "The count of users beyond the current limits."),
    USER_ACCESS_KEY_LIMIT(409, "LimitExceeded.User.AccessKey",
            "The access key count of the user access keys beyond the current limits."),
    USER_POLICY_LIMIT(409, "LimitExceeded.User.Policy",
            "The policy count of the user attached policies beyond the current limits."),
    POLICY_LIMIT(409, "LimitExceeded.Policy", "The count of policy beyond the current limits."),
    POLICY_VERSION_LIMIT(409, "LimitExceeded.Policy.Version", "The count of policy version beyond the current limits."),
    ROLE_LIMIT(409, "LimitExceeded.Role", "The count of roles beyond the current limits."),
    ROLE_POLICY_LIMIT(409, "LimitExceeded.Role.Policy",
            "The count of policies attached to the role beyond the current limits.");

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
