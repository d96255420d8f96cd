package cloud.swas.image;

import cloud.swas.api.ApiError;
import cloud.swas.api.ApiOperation;
import cloud.swas.api.ApiParameters;
import cloud.swas.api.CallContext;
import cloud.swas.api.Products;
import cloud.swas.region.RegionDirectory;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.regex.Pattern;

/**
 * Creates a custom image of the caller's account. There are no real disks behind this service, so the
 * image is available at once; instance and snapshot IDs are recorded as given.
 */
@ApplicationScoped
public class CreateCustomImage implements ApiOperation<CreateCustomImage.Input> {

    private static final Pattern IMAGE_NAME = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N}:_-]{1,127}");
    private static final int MAX_DESCRIPTION = 256;

    public record Input(String regionId, String imageName, String instanceId, String systemSnapshotId,
                        String dataSnapshotId, String description, String resourceGroupId) {
    }

    @RegisterForReflection // serialized by Jackson (valueToTree); native images need it registered
    public record Result(String imageId) {
    }

    private final RegionDirectory regions;
    private final ImageIdGenerator ids;

    CreateCustomImage(RegionDirectory regions, ImageIdGenerator ids) {
        this.regions = regions;
        this.ids = ids;
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
            throw ApiError.INVALID_PARAMETER.exception("ImageName");
        }
        String instanceId = ImageParameters.requiredId(parameters, "InstanceId");
        String systemSnapshotId = ImageParameters.requiredId(parameters, "SystemSnapshotId");
        String dataSnapshotId = ImageParameters.optionalId(parameters, "DataSnapshotId");
        String resourceGroupId = ImageParameters.optionalId(parameters, "ResourceGroupId");
        String description = parameters.optional("Description");
        if (description != null && description.length() > MAX_DESCRIPTION) {
            throw ApiError.INVALID_PARAMETER.exception("Description");
        }
        String regionId = regions.requireRegion(parameters);
        return new Input(regionId, imageName, instanceId, systemSnapshotId, dataSnapshotId, description,
                resourceGroupId);
    }

    @Override
    public Result execute(CallContext context, Input input) {
        CustomImage image = new CustomImage();
        image.accountId = context.accountId();
        image.imageId = ids.next();
        image.regionId = input.regionId();
        image.name = input.imageName();
        image.description = input.description();
        image.instanceId = input.instanceId();
        image.systemSnapshotId = input.systemSnapshotId();
        image.dataSnapshotId = input.dataSnapshotId();
        image.resourceGroupId = input.resourceGroupId();
        image.status = CustomImage.STATUS_AVAILABLE;
        image.createdAt = context.receivedAt();
        image.persist();
        return new Result(image.imageId);
    }
}
