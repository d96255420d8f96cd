package cloud.swas.sts;

import cloud.swas.api.ApiError;
import cloud.swas.api.ApiOperation;
import cloud.swas.api.ApiParameters;
import cloud.swas.api.Arns;
import cloud.swas.api.CallContext;
import cloud.swas.api.Principal;
import cloud.swas.api.Products;
import cloud.swas.api.RamRequirement;
import cloud.swas.auth.SessionTokens;
import cloud.swas.policy.PolicyDocument;
import cloud.swas.policy.PolicyException;
import cloud.swas.policy.RequestFacts;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * STS {@code AssumeRole} (contract 11.6): temporary credentials of a role for a RAM user or a role session (never an
 * account's own key). The pipeline checks the caller's own policies for {@code sts:AssumeRole} on the role's ARN
 * ({@link #requires}); this class checks the rest: the role exists, its trust policy names the caller (its ARN, or
 * its account's root: cross-account access), and the duration fits the role's {@code MaxSessionDuration}. The
 * session acts in the role's account. Nothing is stored: the credentials are a sealed token ({@link SessionTokens}).
 */
@ApplicationScoped
public class AssumeRole implements ApiOperation<AssumeRole.Input> {

    private static final Pattern ROLE_ARN = Pattern.compile("acs:ram::(\\d{1,19}):role/([A-Za-z0-9._@-]{1,64})");
    private static final Pattern SESSION_NAME = Pattern.compile("[A-Za-z0-9.@_-]{2,64}");
    private static final Pattern EXTERNAL_ID = Pattern.compile("[\\w+=,.@:/-]{2,1224}");
    static final int MIN_DURATION = 900;
    static final int DEFAULT_DURATION = 3600;
    /** The largest MaxSessionDuration a role can have (contract 11.1). */
    static final int MAX_DURATION = 43200;
    private static final DateTimeFormatter EXPIRATION = DateTimeFormatter.ISO_INSTANT;

    /**
     * @param sessionPolicy the session policy's text, validated; null when none
     */
    public record Input(long roleAccountId, String roleName, String sessionName, int durationSeconds,
                        String sessionPolicy) {
    }

    @RegisterForReflection // serialized by Jackson (valueToTree); native images need it registered
    public record Result(Credentials credentials, AssumedRoleUser assumedRoleUser) {
    }

    @RegisterForReflection
    public record Credentials(String accessKeyId, String accessKeySecret, String securityToken, String expiration) {
    }

    @RegisterForReflection
    public record AssumedRoleUser(String arn, String assumedRoleId) {
    }

    private final StsRoles roles;
    private final SessionTokens tokens;

    AssumeRole(StsRoles roles, SessionTokens tokens) {
        this.roles = roles;
        this.tokens = tokens;
    }

    @Override
    public String action() {
        return "AssumeRole";
    }

    @Override
    public String version() {
        return Products.STS;
    }

    @Override
    public Input bind(ApiParameters parameters) {
        Matcher arn = ROLE_ARN.matcher(parameters.required("RoleArn"));
        if (!arn.matches()) {
            throw ApiError.STS_INVALID_ROLE_ARN.exception();
        }
        long roleAccount;
        try {
            roleAccount = Long.parseLong(arn.group(1));
        } catch (NumberFormatException e) {
            throw ApiError.STS_INVALID_ROLE_ARN.exception();
        }
        String sessionName = parameters.required("RoleSessionName");
        if (!SESSION_NAME.matcher(sessionName).matches()) {
            throw ApiError.STS_INVALID_SESSION_NAME.exception();
        }
        int duration = DEFAULT_DURATION;
        String rawDuration = parameters.optional("DurationSeconds");
        if (rawDuration != null) {
            try {
                duration = Integer.parseInt(rawDuration);
            } catch (NumberFormatException e) {
                throw ApiError.STS_INVALID_DURATION.exception();
            }
            // The role's own maximum is checked once the role is read; nothing can be longer than this.
            if (duration < MIN_DURATION || duration > MAX_DURATION) {
                throw ApiError.STS_INVALID_DURATION.exception();
            }
        }
        String policy = parameters.optional("Policy");
        if (policy != null) {
            if (policy.length() > SessionTokens.MAX_POLICY_LENGTH) {
                throw ApiError.STS_POLICY_SIZE.exception();
            }
            try {
                PolicyDocument.parse(policy);
            } catch (PolicyException e) {
                throw ApiError.STS_POLICY_GRAMMAR.exception();
            }
        }
        // Accepted as the SDK sends it; no trust-policy condition of this service reads it.
        String externalId = parameters.optional("ExternalId");
        if (externalId != null && !EXTERNAL_ID.matcher(externalId).matches()) {
            throw ApiError.INVALID_PARAMETER.exception("ExternalId");
        }
        return new Input(roleAccount, arn.group(2), sessionName, duration, policy);
    }

    /** {@code sts:AssumeRole} on the role's ARN, in the role's account (contract 11.4). */
    @Override
    public RamRequirement requires(CallContext context, Input input) {
        return RamRequirement.of("sts:AssumeRole", roleArn(input.roleAccountId(), input.roleName()));
    }

    @Override
    public Result execute(CallContext context, Input input) {
        Principal caller = context.principal();
        if (caller.type() == Principal.Type.ACCOUNT) {
            throw ApiError.STS_ROOT_CANNOT_ASSUME.exception();
        }
        StsRoles.Role role = roles.find(input.roleAccountId(), input.roleName())
                .orElseThrow(ApiError.STS_ROLE_NOT_FOUND::exception);
        boolean trusted;
        try {
            trusted = PolicyDocument.parseTrust(role.trustPolicy()).trusts(caller.arn(), context.accountId(),
                    new RequestFacts(context.receivedAt(), context.origin().sourceIp(),
                            context.origin().secureTransport(), false));
        } catch (PolicyException e) {
            // A trust policy RAM accepted but this engine cannot read names nobody: refused, as not trusting.
            trusted = false;
        }
        if (!trusted) {
            throw ApiError.STS_ROLE_NOT_TRUSTING.exception();
        }
        if (input.durationSeconds() > role.maxSessionDuration()) {
            throw ApiError.STS_INVALID_DURATION.exception();
        }
        Instant expiration = context.receivedAt().truncatedTo(ChronoUnit.SECONDS).plusSeconds(input.durationSeconds());
        SessionTokens.Issued issued;
        try {
            issued = tokens.issue(role.accountId(), role.roleId(), role.roleName(), input.sessionName(),
                    input.sessionPolicy(), expiration);
        } catch (SessionTokens.TooLarge e) {
            throw ApiError.STS_POLICY_SIZE.exception();
        }
        return new Result(
                new Credentials(issued.accessKeyId(), issued.accessKeySecret(), issued.securityToken(),
                        EXPIRATION.format(issued.expiration())),
                new AssumedRoleUser(roleArn(role.accountId(), role.roleName()) + "/" + input.sessionName(),
                        role.roleId() + ":" + input.sessionName()));
    }

    /** A role's ARN; names compare case-insensitively, so it is written lower-case as RAM writes it. */
    static String roleArn(long accountId, String roleName) {
        return Arns.ram(accountId, "role/" + roleName.toLowerCase(Locale.ROOT));
    }
}
