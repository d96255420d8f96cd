package cloud.swas.image;

import cloud.swas.api.ApiError;
import cloud.swas.api.ApiParameters;
import cloud.swas.api.CallContext;
import cloud.swas.api.RamRequirement;
import cloud.swas.api.Products;
import cloud.swas.api.SingleStatementChange;
import cloud.swas.api.SqlPart;
import cloud.swas.region.RegionDirectory;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;

/**
 * Shares a custom image to ECS in its region, or withdraws it (the seed's operation). Requesting the
 * state the image already has succeeds and records nothing; every real change adds one history row
 * ({@link ImageShareRecord}), in the same statement.
 *
 * <p>The change is one SQL statement rather than an entity load and flush: it is the service's hot path,
 * and as one statement it carries the call's admission too (see {@link SingleStatementChange}).
 */
@ApplicationScoped
public class ModifyImageShareStatus implements SingleStatementChange<ModifyImageShareStatus.Input> {

    public record Input(String regionId, String imageId, ShareOperation operation) {
    }

    /** The response has no field besides {@code RequestId}. */
    @RegisterForReflection // serialized by Jackson (valueToTree); native images need it registered
    public record Result() {
    }

    /**
     * {@code target} locks the image row, like every change of an image (so a concurrent deletion is seen: a
     * deleted image is not found), and tells "already in that state" from "no such image". The UPDATE only
     * matches when the state really changes, so versions stay gap-free and a repeated operation records nothing.
     */
    private static final SqlPart CHANGE = new SqlPart("""
            target AS (
                SELECT 1 FROM custom_image WHERE account_id = :account AND image_id = :image AND region_id = :region
                FOR NO KEY UPDATE),
            changed AS (
                UPDATE custom_image SET in_share = :shared, share_version = share_version + 1
                WHERE account_id = :account AND image_id = :image AND region_id = :region AND in_share <> :shared
                  AND EXISTS (SELECT 1 FROM admitted)
                RETURNING account_id, image_id, share_version),
            recorded AS (
                INSERT INTO image_share_history
                    (account_id, image_id, version, operation, request_id, access_key_id, principal_arn, changed_at)
                SELECT account_id, image_id, share_version, :operation, :request_id, :access_key, :principal,
                       :changed_at
                FROM changed
                RETURNING 1)""", "EXISTS (SELECT 1 FROM target) OR EXISTS (SELECT 1 FROM recorded) AS image_found");

    private final RegionDirectory regions;

    ModifyImageShareStatus(RegionDirectory regions) {
        this.regions = regions;
    }

    @Override
    public RamRequirement requires(CallContext context, Input input) {
        return ImageArns.onImage(context, input.regionId(), input.imageId());
    }

    @Override
    public String action() {
        return "ModifyImageShareStatus";
    }

    @Override
    public String version() {
        return Products.SWAS_OPEN;
    }

    @Override
    public boolean mutating() {
        return true;
    }

    @Override
    public Input bind(ApiParameters parameters) {
        String imageId = ImageParameters.imageId(parameters);
        ShareOperation operation = ShareOperation.from(parameters);
        String regionId = regions.requireRegion(parameters);
        return new Input(regionId, imageId, operation);
    }

    @Override
    public SqlPart change() {
        return CHANGE;
    }

    @Override
    public Map<String, Object> values(CallContext context, Input input) {
        return Map.of("account", context.accountId(), "image", input.imageId(), "region", input.regionId(),
                "shared", input.operation().shared(), "operation", input.operation().wireName(),
                "request_id", context.requestId(), "access_key", context.accessKeyId(),
                "principal", context.principal().arn(), "changed_at", context.receivedAt());
    }

    @Override
    public Result result(CallContext context, Input input, ResultSet row) throws SQLException {
        if (!row.getBoolean("image_found")) {
            throw ApiError.IMAGE_NOT_FOUND.exception();
        }
        return new Result();
    }
}
