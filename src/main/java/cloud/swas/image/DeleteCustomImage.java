package cloud.swas.image;

import cloud.swas.api.ApiError;
import cloud.swas.api.ApiOperation;
import cloud.swas.api.ApiParameters;
import cloud.swas.api.CallContext;
import cloud.swas.api.RamRequirement;
import cloud.swas.api.Products;
import cloud.swas.region.RegionDirectory;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** Deletes one custom image of the caller; refused with {@code CustomImageInShare} while it is shared. */
@ApplicationScoped
public class DeleteCustomImage implements ApiOperation<DeleteCustomImage.Input> {

    public record Input(String regionId, String imageId) {
    }

    @RegisterForReflection // serialized by Jackson (valueToTree); native images need it registered
    public record Result() {
    }

    private final RegionDirectory regions;

    DeleteCustomImage(RegionDirectory regions) {
        this.regions = regions;
    }

    @Override
    public RamRequirement requires(CallContext context, Input input) {
        return ImageArns.onImage(context, input.regionId(), input.imageId());
    }

    @Override
    public String action() {
        return "DeleteCustomImage";
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
        return new Input(regions.requireRegion(parameters), imageId);
    }

    @Override
    public Result execute(CallContext context, Input input) {
        ImageDeletion.delete(context, input.regionId(), List.of(input.imageId()), ApiError.IMAGE_IN_SHARE);
        return new Result();
    }
}
