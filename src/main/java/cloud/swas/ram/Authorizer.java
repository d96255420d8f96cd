package cloud.swas.ram;

import cloud.swas.api.AccessDeniedDetail;
import cloud.swas.api.ApiException;
import cloud.swas.api.CallContext;
import cloud.swas.api.Principal;
import cloud.swas.api.RamRequirement;
import cloud.swas.policy.Decision;
import cloud.swas.policy.PolicyDocument;
import cloud.swas.policy.RequestFacts;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Decides whether a call's principal may make it (contract 11.3-11.5): an account's own key always may; a RAM
 * user or role session only as far as its policies allow the call's RAM action on each of its resources (a
 * session's also by its session policy). The pipeline asks once per call, after the input is validated and before
 * anything is claimed or changed.
 */
@ApplicationScoped
public class Authorizer {

    private final PolicyLookup lookup;

    Authorizer(PolicyLookup lookup) {
        this.lookup = lookup;
    }

    /** Returns when the call is allowed; otherwise throws 403 {@code Forbidden.RAM} with its {@link AccessDeniedDetail}. */
    public void authorize(CallContext context, RamRequirement requirement) {
        Principal principal = context.principal();
        if (!principal.isRam() || !requirement.checked()) {
            return;
        }
        PolicyDocument session = principal.sessionPolicy() == null ? null : lookup.compiled(principal.sessionPolicy());
        RequestFacts facts = new RequestFacts(context.receivedAt(), context.origin().sourceIp(),
                context.origin().secureTransport(), false);
        Decision decision = PolicyDocument.decide(lookup.policiesOf(principal), session, requirement.action(),
                requirement.resources(), facts);
        if (!decision.allowed()) {
            throw ApiException.accessDenied(detail(context, requirement, principal, decision));
        }
    }

    private static AccessDeniedDetail detail(CallContext context, RamRequirement requirement, Principal principal,
                                             Decision decision) {
        // Opaque to the caller, readable by an operator who base64-decodes it: which request and resources.
        String diagnostic = "{\"RequestId\":\"" + context.requestId() + "\",\"AuthAction\":\"" + requirement.action()
                + "\",\"Resources\":" + requirement.resources().size() + "}";
        return new AccessDeniedDetail(requirement.action(),
                principal.type() == Principal.Type.USER ? "SubUser" : "AssumedRoleUser",
                Long.toString(principal.accountId()), principal.displayName(),
                decision.explicitDeny() ? "ExplicitDeny" : "ImplicitDeny",
                decision.deniedBySession() ? "SessionPolicy" : "AccountLevelIdentityBasedPolicy",
                Base64.getEncoder().encodeToString(diagnostic.getBytes(StandardCharsets.UTF_8)));
    }
}
