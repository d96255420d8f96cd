package cloud.swas.ram;

import cloud.swas.api.ApiOperation;
import cloud.swas.api.ApiParameters;
import cloud.swas.api.CallContext;
import cloud.swas.api.Products;
import cloud.swas.api.RamRequirement;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * The account's RAM roles by name, without their trust policies (as the SDK's ListRoles model), a page of
 * {@code MaxItems} at a time ({@code IsTruncated}, {@code Marker}).
 */
@ApplicationScoped
public class ListRoles implements ApiOperation<ListRoles.Input> {

    public record Input(String afterKey, int maxItems) {
    }

    @RegisterForReflection // serialized by Jackson (valueToTree); native images need it registered
    public record Result(@JsonProperty("IsTruncated") boolean truncated, String marker, RamViews.RoleList roles) {
    }

    private final RamDb db;

    ListRoles(RamDb db) {
        this.db = db;
    }

    @Override
    public String action() {
        return "ListRoles";
    }

    @Override
    public String version() {
        return Products.RAM;
    }

    @Override
    public Input bind(ApiParameters parameters) {
        return new Input(Markers.decode(parameters), RamParameters.maxItems(parameters));
    }

    @Override
    public RamRequirement requires(CallContext context, Input input) {
        return RamArns.onAll(action());
    }

    @Override
    public Result execute(CallContext context, Input input) {
        List<RoleRow> rows = db.run(c -> Roles.page(c, context.accountId(), input.afterKey(), input.maxItems() + 1));
        boolean truncated = rows.size() > input.maxItems();
        List<RoleRow> page = truncated ? rows.subList(0, input.maxItems()) : rows;
        String marker = truncated ? Markers.encode(RamParameters.key(page.get(page.size() - 1).roleName())) : null;
        return new Result(truncated, marker,
                new RamViews.RoleList(page.stream().map(r -> RamViews.Role.of(r, false, true)).toList()));
    }
}
