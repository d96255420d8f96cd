package cloud.swas.sts;

import cloud.swas.api.ApiOperation;
import cloud.swas.api.ApiParameters;
import cloud.swas.api.CallContext;
import cloud.swas.api.Principal;
import cloud.swas.api.Products;
import cloud.swas.api.RamRequirement;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * STS {@code GetCallerIdentity} (contract 11.6): who signed the call, as the official SDK's model reads it. Any
 * authenticated caller may ask. A field that does not apply to the principal is left out ({@code UserId} for a
 * role session, {@code RoleId} otherwise).
 */
@ApplicationScoped
public class GetCallerIdentity implements ApiOperation<GetCallerIdentity.Input> {

    public record Input() {
    }

    @RegisterForReflection // serialized by Jackson (valueToTree); native images need it registered
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Result(String identityType, String accountId, String principalId, String userId, String roleId,
                         String arn) {
    }

    @Override
    public String action() {
        return "GetCallerIdentity";
    }

    @Override
    public String version() {
        return Products.STS;
    }

    @Override
    public Input bind(ApiParameters parameters) {
        return new Input();
    }

    @Override
    public RamRequirement requires(CallContext context, Input input) {
        return RamRequirement.none();
    }

    @Override
    public Result execute(CallContext context, Input input) {
        Principal p = context.principal();
        String account = Long.toString(p.accountId());
        return switch (p.type()) {
            case ACCOUNT -> new Result("Account", account, account, account, null, p.arn());
            case USER -> new Result("RAMUser", account, p.principalId(), p.principalId(), null, p.arn());
            case ROLE_SESSION -> new Result("AssumedRoleUser", account, p.principalId() + ":" + p.sessionName(), null,
                    p.principalId(), p.arn());
        };
    }
}
