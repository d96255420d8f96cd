package cloud.swas.image;

import cloud.swas.api.ApiError;
import cloud.swas.api.ApiOperation;
import cloud.swas.api.ApiParameters;
import cloud.swas.api.Characters;
import cloud.swas.api.CallContext;
import cloud.swas.api.RamRequirement;
import cloud.swas.api.Products;
import cloud.swas.region.RegionDirectory;
import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Creates a custom image of the caller's account. There are no real disks behind this service, so the
 * image is available at once; instance and snapshot IDs are recorded as given, and the instance's name is
 * its ID (README: what is emulated).
 *
 * <p>Names are unique per account and region, and an account holds at most {@code swas.image.custom-image-quota}
 * images per region. Both are checked under a lock on the account's row, so concurrent creates of one
 * account cannot both pass; the unique constraint on (account, region, name) guards the name besides.
 */
@ApplicationScoped
public class CreateCustomImage implements ApiOperation<CreateCustomImage.Input> {

    /**
     * 2 to 128 characters: letters, digits, {@code :}, {@code _}, {@code -}, starting with a letter or digit. A regex
     * quantifier counts code points, as every length limit does ({@link Characters#length}).
     */
    private static final Pattern IMAGE_NAME = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N}:_-]{1,127}");
    /** Characters (code points), as the column's {@code varchar(256)} counts them. */
    private static final int MAX_DESCRIPTION = 256;
    private static final int MAX_TAGS = 20;

    public record Input(String regionId, String imageName, String instanceId, String systemSnapshotId,
                        String dataSnapshotId, String description, String resourceGroupId, List<Tag> tags) {
    }

    @RegisterForReflection // serialized by Jackson (valueToTree); native images need it registered
    public record Result(String imageId) {
    }

    private final RegionDirectory regions;
    private final ImageIdGenerator ids;
    private final AgroalDataSource dataSource;
    private final int quota;

    CreateCustomImage(RegionDirectory regions, ImageIdGenerator ids, AgroalDataSource dataSource, ImageConfig config) {
        this.regions = regions;
        this.ids = ids;
        this.dataSource = dataSource;
        this.quota = config.customImageQuota();
    }

    @Override
    public RamRequirement requires(CallContext context, Input input) {
        return ImageArns.onAllImages(context, input.regionId());
    }

    @Override
    public String action() {
        return "CreateCustomImage";
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
        String imageName = parameters.required("ImageName");
        if (!IMAGE_NAME.matcher(imageName).matches()) {
            throw ApiError.ILLEGAL_IMAGE_NAME.exception();
        }
        String instanceId = ImageParameters.requiredId(parameters, "InstanceId");
        String systemSnapshotId = ImageParameters.requiredId(parameters, "SystemSnapshotId");
        String dataSnapshotId = ImageParameters.optionalId(parameters, "DataSnapshotId");
        String resourceGroupId = ImageParameters.optionalId(parameters, "ResourceGroupId");
        String description = parameters.optional("Description");
        if (description != null && Characters.length(description) > MAX_DESCRIPTION) {
            throw ApiError.INVALID_PARAMETER.exception("Description");
        }
        List<Tag> tags = ImageParameters.tags(parameters, MAX_TAGS);
        String regionId = regions.requireRegion(parameters);
        return new Input(regionId, imageName, instanceId, systemSnapshotId, dataSnapshotId, description,
                resourceGroupId, tags);
    }

    @Override
    public Result execute(CallContext context, Input input) {
        lockAccount(context.accountId());
        if (CustomImage.count("accountId = ?1 and regionId = ?2 and name = ?3", context.accountId(), input.regionId(),
                input.imageName()) > 0) {
            throw ApiError.IMAGE_NAME_EXISTS.exception();
        }
        if (CustomImage.count("accountId = ?1 and regionId = ?2", context.accountId(), input.regionId()) >= quota) {
            throw ApiError.IMAGE_QUOTA.exception();
        }
        CustomImage image = new CustomImage();
        image.accountId = context.accountId();
        image.imageId = ids.next();
        image.regionId = input.regionId();
        image.name = input.imageName();
        image.description = input.description();
        image.instanceId = input.instanceId();
        image.instanceName = input.instanceId();
        image.systemSnapshotId = input.systemSnapshotId();
        image.dataSnapshotId = input.dataSnapshotId();
        image.resourceGroupId = input.resourceGroupId();
        image.status = CustomImage.STATUS_AVAILABLE;
        image.osType = CustomImage.LINUX;
        image.distribution = CustomImage.DEFAULT_DISTRIBUTION;
        image.requiredSystemDiskSize = CustomImage.DEFAULT_SYSTEM_DISK_GIB;
        image.createdAt = context.receivedAt();
        image.persist();
        for (Tag tag : input.tags()) {
            CustomImageTag row = new CustomImageTag();
            row.accountId = image.accountId;
            row.imageId = image.imageId;
            row.key = tag.key();
            row.value = tag.value() == null ? "" : tag.value();
            row.persist();
        }
        return new Result(image.imageId);
    }

    /**
     * Serializes the account's creates for the rest of the transaction. {@code FOR NO KEY UPDATE} leaves the
     * key-share locks of other inserts that reference the account free.
     */
    private void lockAccount(long accountId) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT 1 FROM account WHERE account_id = ? FOR NO KEY UPDATE")) {
            s.setLong(1, accountId);
            s.executeQuery().close();
        } catch (SQLException e) {
            throw new IllegalStateException("Account lock failed", e);
        }
    }
}
