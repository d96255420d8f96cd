package cloud.swas.rpc;

import cloud.swas.api.ApiError;
import cloud.swas.api.ApiOperation;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import java.util.HashMap;
import java.util.Map;

/**
 * Finds the {@link ApiOperation} bean for a request's Version and Action. The beans are the registry's
 * content: the products are the versions they declare, so a new action or product touches nothing here.
 */
@ApplicationScoped
class OperationRegistry {

    private final Map<String, Map<String, ApiOperation<?>>> byVersion = new HashMap<>();

    OperationRegistry(@Any Instance<ApiOperation<?>> operations) {
        for (ApiOperation<?> operation : operations) {
            ApiOperation<?> previous = byVersion.computeIfAbsent(operation.version(), v -> new HashMap<>())
                    .put(operation.action(), operation);
            if (previous != null) {
                throw new IllegalStateException("Two operations claim " + operation.version() + " "
                        + operation.action());
            }
        }
    }

    /**
     * The operation (names are case-sensitive, as the live API's); an unsupported version is
     * {@code InvalidVersion}, an action of another product or of none {@code InvalidAction.NotFound}.
     */
    ApiOperation<?> find(String version, String action) {
        Map<String, ApiOperation<?>> product = byVersion.get(version);
        if (product == null) {
            throw ApiError.INVALID_VERSION.exception();
        }
        ApiOperation<?> operation = product.get(action);
        if (operation == null) {
            throw ApiError.ACTION_NOT_FOUND.exception();
        }
        return operation;
    }
}
