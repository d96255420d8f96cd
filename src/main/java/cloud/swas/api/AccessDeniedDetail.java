package cloud.swas.api;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Why a RAM principal's call was denied, the top-level {@code AccessDeniedDetail} of a {@code Forbidden.RAM} error
 * (contract 11.5), which the official SDKs expose on their exceptions.
 *
 * @param authAction               the RAM action checked, e.g. {@code swas-open:DeleteCustomImage}
 * @param authPrincipalType        {@code SubUser} or {@code AssumedRoleUser}
 * @param authPrincipalOwnerId     the account the principal belongs to
 * @param authPrincipalDisplayName the user's name, or {@code role:session}
 * @param noPermissionType         {@code ImplicitDeny} or {@code ExplicitDeny}
 * @param policyType               {@code AccountLevelIdentityBasedPolicy} or {@code SessionPolicy}
 * @param encodedDiagnosticMessage opaque to the caller
 */
@RegisterForReflection // serialized by Jackson (valueToTree); native images need it registered
public record AccessDeniedDetail(String authAction, String authPrincipalType, String authPrincipalOwnerId,
                                 String authPrincipalDisplayName, String noPermissionType, String policyType,
                                 String encodedDiagnosticMessage) {
}
