package cloud.swas.api;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import java.util.HashMap;
import java.util.Map;

/** Finds the {@link ApiOperation} bean for an {@code Action}; the beans themselves are the registry's content. */
@ApplicationScoped
public class OperationRegistry {

    private final Map<String, ApiOperation<?>> byAction = new HashMap<>();

    OperationRegistry(@Any Instance<ApiOperation<?>> operations) {
        for (ApiOperation<?> operation : operations) {
            ApiOperation<?> previous = byAction.put(operation.action(), operation);
            if (previous != null) {
                throw new IllegalStateException("Two operations claim action " + operation.action());
            }
        }
    }

    /** The operation for an action name (case-sensitive, as the live API); unknown is {@code InvalidAction.NotFound}. */
    public ApiOperation<?> find(String action) {
        ApiOperation<?> operation = byAction.get(action);
        if (operation == null) {
            throw ApiError.ACTION_NOT_FOUND.exception();
        }
        return operation;
    }
}
