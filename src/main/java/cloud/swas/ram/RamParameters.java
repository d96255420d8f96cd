package cloud.swas.ram;

import cloud.swas.api.ApiError;
import cloud.swas.api.ApiParameters;
import cloud.swas.api.CallContext;
import cloud.swas.api.Characters;
import cloud.swas.api.Principal;
import cloud.swas.policy.PolicyDocument;
import cloud.swas.policy.PolicyException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * RAM's parameter rules (SDK {@code @alicloud/ram20150501} 1.2.1 and RAM's API reference, docs/ram-sources.md): a value
 * too long is {@code InvalidParameter.<Name>.Length}, one with a character the name may not hold
 * {@code InvalidParameter.<Name>.InvalidChars}; lengths count code points.
 */
final class RamParameters {

    /** Contract 11.1: letters, digits, {@code . _ @ -} (the SDK's description leaves out {@code @}; RAM accepts it). */
    private static final Pattern USER_NAME = Pattern.compile("[A-Za-z0-9._@-]+");
    /** Letters, digits, periods and hyphens. */
    private static final Pattern ROLE_NAME = Pattern.compile("[A-Za-z0-9.-]+");
    /** Letters, digits and hyphens. */
    private static final Pattern POLICY_NAME = Pattern.compile("[A-Za-z0-9-]+");
    private static final Pattern VERSION_ID = Pattern.compile("v[1-9][0-9]{0,8}");

    static final int MAX_USER_NAME = 64;
    static final int MAX_ROLE_NAME = 64;
    static final int MAX_POLICY_NAME = 128;
    static final int MAX_DISPLAY_NAME = 128;
    static final int MAX_COMMENTS = 128;
    static final int MAX_DESCRIPTION = 1024;
    static final int MAX_ITEMS = 1000;
    static final int DEFAULT_MAX_ITEMS = 100;
    static final int MIN_SESSION = 3600;
    static final int MAX_SESSION = 43200;

    static final String SYSTEM = "System";
    static final String CUSTOM = "Custom";

    private RamParameters() {
    }

    static String userName(ApiParameters parameters) {
        return userName(parameters.required("UserName"), ApiError.USER_NAME_LENGTH, ApiError.USER_NAME_INVALID_CHARS);
    }

    /** {@code UserName} of the key actions: absent, a RAM user acts on itself (as RAM's SDK describes). */
    static String optionalUserName(ApiParameters parameters) {
        String value = parameters.optional("UserName");
        return value == null ? null
                : userName(value, ApiError.USER_NAME_LENGTH, ApiError.USER_NAME_INVALID_CHARS);
    }

    /** The named user, or the calling RAM user when none is named; an account's own key must name one. */
    static String userNameOrSelf(CallContext context, String userName) {
        if (userName != null) {
            return userName;
        }
        if (context.principal().type() == Principal.Type.USER) {
            return context.principal().name();
        }
        throw ApiError.MISSING_PARAMETER.exception("UserName");
    }

    static String newUserName(ApiParameters parameters) {
        String value = parameters.optional("NewUserName");
        return value == null ? null
                : userName(value, ApiError.NEW_USER_NAME_LENGTH, ApiError.NEW_USER_NAME_INVALID_CHARS);
    }

    private static String userName(String value, ApiError length, ApiError chars) {
        return checked(value, MAX_USER_NAME, USER_NAME, length, chars);
    }

    static String roleName(ApiParameters parameters) {
        return checked(parameters.required("RoleName"), MAX_ROLE_NAME, ROLE_NAME, ApiError.ROLE_NAME_LENGTH,
                ApiError.ROLE_NAME_INVALID_CHARS);
    }

    static String policyName(ApiParameters parameters) {
        return checked(parameters.required("PolicyName"), MAX_POLICY_NAME, POLICY_NAME, ApiError.POLICY_NAME_LENGTH,
                ApiError.POLICY_NAME_INVALID_CHARS);
    }

    /** {@code PolicyType}: {@code System} or {@code Custom}, exactly; null when absent and optional. */
    static String policyType(ApiParameters parameters, boolean required) {
        String value = required ? parameters.required("PolicyType") : parameters.optional("PolicyType");
        if (value != null && !SYSTEM.equals(value) && !CUSTOM.equals(value)) {
            throw ApiError.RAM_POLICY_TYPE.exception();
        }
        return value;
    }

    static String displayName(ApiParameters parameters, String name, ApiError length, ApiError chars) {
        String value = parameters.optional(name);
        if (value == null) {
            return null;
        }
        if (Characters.length(value) > MAX_DISPLAY_NAME) {
            throw length.exception();
        }
        if (!Characters.acceptable(value)) {
            throw chars.exception();
        }
        return value;
    }

    /** Free text ({@code Comments}, {@code Description}) of at most {@code max} characters; null when absent. */
    static String text(ApiParameters parameters, String name, int max, ApiError length) {
        String value = parameters.optional(name);
        if (value == null) {
            return null;
        }
        if (Characters.length(value) > max || !Characters.acceptable(value)) {
            throw length.exception();
        }
        return value;
    }

    /** {@code UserAccessKeyId}: any short printable value is looked up (an unknown one is NotFound). */
    static String accessKeyId(ApiParameters parameters) {
        String value = parameters.required("UserAccessKeyId");
        if (Characters.length(value) > 64 || !ApiParameters.printableAscii(value, false)) {
            throw ApiError.INVALID_PARAMETER.exception("UserAccessKeyId");
        }
        return value;
    }

    static String versionId(ApiParameters parameters) {
        String value = parameters.required("VersionId");
        if (!VERSION_ID.matcher(value).matches()) {
            throw ApiError.RAM_VERSION_ID_FORMAT.exception();
        }
        return value;
    }

    /** A permission policy, validated by the policy engine once, here: never at call time (contract 11.3). */
    static String policyDocument(ApiParameters parameters, String name, ApiError length) {
        String value = parameters.required(name);
        if (Characters.length(value) > PolicyDocument.MAX_LENGTH) {
            throw length.exception();
        }
        try {
            PolicyDocument.parse(value);
        } catch (PolicyException e) {
            throw ApiError.MALFORMED_POLICY_DOCUMENT.exception(e.getMessage());
        }
        return value;
    }

    /** A role's trust policy; null when absent and optional. */
    static String trustPolicy(ApiParameters parameters, String name, boolean required, ApiError length) {
        String value = required ? parameters.required(name) : parameters.optional(name);
        if (value == null) {
            return null;
        }
        if (Characters.length(value) > PolicyDocument.MAX_LENGTH) {
            throw length.exception();
        }
        try {
            PolicyDocument.parseTrust(value);
        } catch (PolicyException e) {
            throw ApiError.MALFORMED_POLICY_DOCUMENT.exception(e.getMessage());
        }
        return value;
    }

    /** {@code MaxSessionDuration} / {@code NewMaxSessionDuration}: 3600 to 43200 seconds. */
    static Integer sessionDuration(ApiParameters parameters, String name) {
        if (parameters.optional(name) == null) {
            return null;
        }
        return parameters.integer(name, MIN_SESSION, MIN_SESSION, MAX_SESSION);
    }

    static int maxItems(ApiParameters parameters) {
        return parameters.integer("MaxItems", DEFAULT_MAX_ITEMS, 1, MAX_ITEMS);
    }

    /** The lower-case key names are unique by, as the tables' generated {@code *_key} columns hold it. */
    static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    private static String checked(String value, int max, Pattern allowed, ApiError length, ApiError chars) {
        if (Characters.length(value) > max) {
            throw length.exception();
        }
        if (!allowed.matcher(value).matches()) {
            throw chars.exception();
        }
        return value;
    }
}
