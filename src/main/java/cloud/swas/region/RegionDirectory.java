package cloud.swas.region;

import cloud.swas.api.ApiError;
import cloud.swas.api.ApiParameters;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The region list, read once per process: it changes only with a migration, which ships with a
 * deployment, so validating a RegionId costs no database round trip.
 */
@ApplicationScoped
public class RegionDirectory {

    private volatile Map<String, Region> regions;

    /** The {@code RegionId} parameter, required and known; otherwise the documented error. */
    public String requireRegion(ApiParameters parameters) {
        String regionId = parameters.required("RegionId");
        if (!all().containsKey(regionId)) {
            throw ApiError.REGION_NOT_FOUND.exception();
        }
        return regionId;
    }

    public Map<String, Region> all() {
        Map<String, Region> loaded = regions;
        if (loaded == null) {
            List<Region> rows = QuarkusTransaction.requiringNew().call(() -> Region.<Region>listAll());
            Map<String, Region> byId = new LinkedHashMap<>();
            rows.stream().sorted(Comparator.comparing(r -> r.regionId)).forEach(r -> byId.put(r.regionId, r));
            loaded = java.util.Collections.unmodifiableMap(byId);
            regions = loaded;
        }
        return loaded;
    }
}
