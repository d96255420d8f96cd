package cloud.swas.image;

import cloud.swas.api.ApiError;
import cloud.swas.api.ApiOperation;
import cloud.swas.api.ApiParameters;
import cloud.swas.api.CallContext;
import cloud.swas.api.RamRequirement;
import cloud.swas.api.Products;
import cloud.swas.region.RegionDirectory;
import io.quarkus.panache.common.Sort;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The images a new server can be created from in a region: the catalog's system and application images
 * ({@link CatalogImage}), then the custom images the caller sees (its own and those shared with it), whose
 * {@code Platform} is their OS type.
 */
@ApplicationScoped
public class ListImages implements ApiOperation<ListImages.Input> {

    static final String CUSTOM = "custom";
    private static final Set<String> TYPES = Set.of(CatalogImage.SYSTEM, CatalogImage.APP, CUSTOM);
    private static final int MAX_IDS = 50;
    /** ListImages has no paging; an account sees at most this many custom images in one answer. */
    private static final int MAX_CUSTOM = 1000;

    public record Input(String regionId, List<String> imageIds, String imageType) {
    }

    @RegisterForReflection // serialized by Jackson (valueToTree); native images need it registered
    public record Result(List<Image> images) {
    }

    @RegisterForReflection // serialized by Jackson (valueToTree); native images need it registered
    public record Image(String imageId, String imageName, String imageType, String description, String platform) {
    }

    private final RegionDirectory regions;
    private final VisibleImages customImages;

    ListImages(RegionDirectory regions, VisibleImages customImages) {
        this.regions = regions;
        this.customImages = customImages;
    }

    /** Public images belong to no account: the resource is {@code *} (contract 11.4). */
    @Override
    public RamRequirement requires(CallContext context, Input input) {
        return RamRequirement.of(ImageArns.PRODUCT + ":" + action(), "*");
    }

    @Override
    public String action() {
        return "ListImages";
    }

    @Override
    public String version() {
        return Products.SWAS_OPEN;
    }

    @Override
    public Input bind(ApiParameters parameters) {
        List<String> imageIds = ImageParameters.imageIds(parameters, "ImageIds", MAX_IDS);
        String imageType = parameters.optional("ImageType");
        if (imageType != null && !TYPES.contains(imageType)) {
            throw ApiError.IMAGE_TYPE_NOT_SUPPORTED.exception();
        }
        return new Input(regions.requireRegion(parameters), imageIds, imageType);
    }

    @Override
    public Result execute(CallContext context, Input input) {
        List<Image> images = new ArrayList<>();
        if (!CUSTOM.equals(input.imageType())) {
            StringBuilder query = new StringBuilder("1 = 1");
            Map<String, Object> values = new HashMap<>();
            if (input.imageType() != null) {
                query.append(" and imageType = :type");
                values.put("type", input.imageType());
            }
            if (input.imageIds() != null) {
                query.append(" and imageId in :ids");
                values.put("ids", input.imageIds());
            }
            CatalogImage.<CatalogImage>list(query.toString(), Sort.descending("imageType").and("imageName"), values)
                    .forEach(c -> images.add(new Image(c.imageId, c.imageName, c.imageType, c.description, c.osType)));
        }
        if (input.imageType() == null || CUSTOM.equals(input.imageType())) {
            VisibleImages.Filter filter = new VisibleImages.Filter();
            if (input.imageIds() != null) {
                filter.where("v.image_id = ANY(:ids)", Map.of("ids", input.imageIds().toArray(String[]::new)));
            }
            customImages.list(context.accountId(), input.regionId(), filter, 0, MAX_CUSTOM).forEach(r ->
                    images.add(new Image(r.imageId(), r.name(), CUSTOM, r.description(), r.osType())));
        }
        return new Result(images);
    }
}
