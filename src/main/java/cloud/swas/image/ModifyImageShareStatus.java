package cloud.swas.image;

import cloud.swas.api.ApiError;
import cloud.swas.api.ApiOperation;
import cloud.swas.api.ApiParameters;
import cloud.swas.api.CallContext;
import cloud.swas.region.RegionDirectory;
import cloud.swas.throttle.PendingAdmission;
import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;

/**
 * Shares a custom image to ECS in its region, or withdraws it (the seed's operation). Requesting the
 * state the image already has succeeds and records nothing; every real change adds one history row
 * ({@link ImageShareRecord}).
 *
 * <p>This is the service's hot path, so it is written as one SQL statement rather than through the
 * {@link CustomImage} entity: loading, locking, dirty-checking and flushing the entity cost two extra
 * round trips and most of a call's CPU (bench/README.md has the before/after figures).
 */
@ApplicationScoped
public class ModifyImageShareStatus implements ApiOperation<ModifyImageShareStatus.Input> {

    public record Input(String regionId, String imageId, ShareOperation operation) {
    }

    /** The response has no field besides {@code RequestId}. */
    @RegisterForReflection // serialized by Jackson (valueToTree); native images need it registered
    public record Result() {
    }

    private final RegionDirectory regions;
    private final AgroalDataSource dataSource;

    ModifyImageShareStatus(RegionDirectory regions, AgroalDataSource dataSource) {
        this.regions = regions;
        this.dataSource = dataSource;
    }

    @Override
    public String action() {
        return "ModifyImageShareStatus";
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

    /**
     * One statement, so that the call costs one round trip and, without a ClientToken, runs in autocommit
     * (a single statement is atomic) with the call's admission embedded ({@link PendingAdmission}: the
     * change only happens for an admitted call). Inside a ClientToken's transaction the admission ran
     * before, and the connection is that transaction's: Agroal enlists it. The UPDATE only matches when
     * the state really changes, and row locking serializes concurrent calls on one image (the second
     * re-checks {@code in_share} after the first commits), so versions stay gap-free and a repeated
     * operation records nothing. The {@code target} probe tells "already in that state" from "no such
     * image" in the same statement. The quota window row, locked by the admission, stays locked while the
     * statement waits for a concurrent change of the same image: that can only delay this account's calls
     * of this action, of which its quota allows a handful per minute.
     */
    private static final String SHARE_CHANGE = """
            target AS (
                SELECT 1 FROM custom_image WHERE account_id = ? AND image_id = ? AND region_id = ?),
            changed AS (
                UPDATE custom_image SET in_share = ?, share_version = share_version + 1
                WHERE account_id = ? AND image_id = ? AND region_id = ? AND in_share <> ? AND %s
                RETURNING account_id, image_id, share_version),
            recorded AS (
                INSERT INTO image_share_history
                    (account_id, image_id, version, operation, request_id, access_key_id, changed_at)
                SELECT account_id, image_id, share_version, ?, ?, ?, ? FROM changed
                RETURNING 1)
            SELECT %s, EXISTS (SELECT 1 FROM target) OR EXISTS (SELECT 1 FROM recorded)"""
            .formatted(PendingAdmission.GUARD, PendingAdmission.OUTCOME);

    @Override
    public Result execute(CallContext context, Input input) {
        return execute(context, input, PendingAdmission.DONE);
    }

    @Override
    public Result execute(CallContext context, Input input, PendingAdmission admission) {
        boolean shared = input.operation().shared();
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("WITH " + admission.cte() + ",\n" + SHARE_CHANGE)) {
            int i = admission.bind(s, 1);
            s.setLong(i, context.accountId());
            s.setString(i + 1, input.imageId());
            s.setString(i + 2, input.regionId());
            s.setBoolean(i + 3, shared);
            s.setLong(i + 4, context.accountId());
            s.setString(i + 5, input.imageId());
            s.setString(i + 6, input.regionId());
            s.setBoolean(i + 7, shared);
            s.setString(i + 8, input.operation().wireName());
            s.setString(i + 9, context.requestId());
            s.setString(i + 10, context.accessKeyId());
            s.setTimestamp(i + 11, Timestamp.from(context.receivedAt()));
            try (ResultSet r = s.executeQuery()) {
                r.next();
                admission.settle(r);
                if (!r.getBoolean(PendingAdmission.OUTCOME_COLUMNS + 1)) {
                    throw ApiError.IMAGE_NOT_FOUND.exception();
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Share change failed", e);
        }
        return new Result();
    }
}
