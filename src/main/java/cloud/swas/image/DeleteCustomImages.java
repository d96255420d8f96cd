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

/**
 * Deletes 1 to 15 custom images of the caller, all or nothing: if any is missing
 * ({@code InvalidImageId.NotFound}) or shared ({@code CustomImageInShare}), none is deleted.
 */
@ApplicationScoped
public class DeleteCustomImages implements ApiOperation<DeleteCustomImages.Input> {

    private static final int MAX_IMAGES = 15;

    public record Input(String regionId, List<String> imageIds) {
    }

    @RegisterForReflection // serialized by Jackson (valueToTree); native images need it registered
    public record Result() {
    }

    private final RegionDirectory regions;

    DeleteCustomImages(RegionDirectory regions) {
        this.regions = regions;
    }

    /** Every image named must be allowed (contract 11.4, this service's choice). */
    @Override
    public RamRequirement requires(CallContext context, Input input) {
        return RamRequirement.of(ImageArns.PRODUCT + ":" + action(), input.imageIds().stream()
                .map(imageId -> ImageArns.customImage(context, input.regionId(), imageId)).toList());
    }

    @Override
    public String action() {
        return "DeleteCustomImages";
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
        parameters.required("ImageIds");
        List<String> imageIds = ImageParameters.imageIds(parameters, "ImageIds", MAX_IMAGES);
        return new Input(regions.requireRegion(parameters), imageIds);
    }

    @Override
    public Result execute(CallContext context, Input input) {
        ImageDeletion.delete(context, input.regionId(), input.imageIds(), ApiError.IMAGES_IN_SHARE);
        return new Result();
    }
}
