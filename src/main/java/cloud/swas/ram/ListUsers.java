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
 * The account's RAM users by name, a page of {@code MaxItems} (1 to 1000, default 100) at a time: when more follow,
 * {@code IsTruncated} is true and {@code Marker} is what the next call passes.
 */
@ApplicationScoped
public class ListUsers implements ApiOperation<ListUsers.Input> {

    public record Input(String afterKey, int maxItems) {
    }

    @RegisterForReflection // serialized by Jackson (valueToTree); native images need it registered
    public record Result(@JsonProperty("IsTruncated") boolean truncated, String marker, RamViews.UserList users) {
    }

    private final RamDb db;

    ListUsers(RamDb db) {
        this.db = db;
    }

    @Override
    public String action() {
        return "ListUsers";
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
        List<UserRow> rows = db.run(c -> Users.page(c, context.accountId(), input.afterKey(), input.maxItems() + 1));
        boolean truncated = rows.size() > input.maxItems();
        List<UserRow> page = truncated ? rows.subList(0, input.maxItems()) : rows;
        String marker = truncated ? Markers.encode(RamParameters.key(page.get(page.size() - 1).userName())) : null;
        return new Result(truncated, marker,
                new RamViews.UserList(page.stream().map(u -> RamViews.User.of(u, true)).toList()));
    }
}
