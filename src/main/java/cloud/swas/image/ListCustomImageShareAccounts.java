package cloud.swas.image;

import cloud.swas.api.ApiOperation;
import cloud.swas.api.ApiParameters;
import cloud.swas.api.CallContext;
import cloud.swas.api.RamRequirement;
import cloud.swas.api.Products;
import cloud.swas.region.RegionDirectory;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * The accounts one of the caller's images is shared with, oldest first. Only the owner may ask: for anyone
 * else the image does not exist. Unlike ListCustomImages, the counters and {@code UserId} are JSON numbers
 * here, and {@code SharedTime} is {@code yyyy-MM-dd HH:mm:ss.0} (UTC), as the SDK models and the live API have them.
 */
@ApplicationScoped
public class ListCustomImageShareAccounts implements ApiOperation<ListCustomImageShareAccounts.Input> {

    private static final int MAX_PAGE_SIZE = 50;
    private static final int MAX_PAGE_NUMBER = 1_000_000;
    private static final DateTimeFormatter SHARED_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'.0'").withZone(ZoneOffset.UTC);

    public record Input(String regionId, String imageId, int pageNumber, int pageSize) {
    }

    @RegisterForReflection // serialized by Jackson (valueToTree); native images need it registered
    public record Result(long totalCount, int pageNumber, int pageSize, List<ImageShareUser> imageShareUsers) {
    }

    @RegisterForReflection // serialized by Jackson (valueToTree); native images need it registered
    public record ImageShareUser(long userId, String sharedTime) {
    }

    private final RegionDirectory regions;

    ListCustomImageShareAccounts(RegionDirectory regions) {
        this.regions = regions;
    }

    @Override
    public RamRequirement requires(CallContext context, Input input) {
        return ImageArns.onImage(context, input.regionId(), input.imageId());
    }

    @Override
    public String action() {
        return "ListCustomImageShareAccounts";
    }

    @Override
    public String version() {
        return Products.SWAS_OPEN;
    }

    @Override
    public Input bind(ApiParameters parameters) {
        String imageId = ImageParameters.imageId(parameters);
        int pageNumber = parameters.integer("PageNumber", 1, 1, MAX_PAGE_NUMBER);
        int pageSize = parameters.integer("PageSize", 10, 1, MAX_PAGE_SIZE);
        return new Input(regions.requireRegion(parameters), imageId, pageNumber, pageSize);
    }

    @Override
    public Result execute(CallContext context, Input input) {
        CustomImage image = OwnImages.find(context, input.regionId(), input.imageId());
        List<ImageShareAccount> all = OwnImages.shareAccounts(image);
        List<ImageShareUser> page = all.stream()
                .skip((long) (input.pageNumber() - 1) * input.pageSize())
                .limit(input.pageSize())
                .map(a -> new ImageShareUser(a.sharedAccountId, SHARED_TIME.format(a.sharedAt.truncatedTo(ChronoUnit.SECONDS))))
                .toList();
        return new Result(all.size(), input.pageNumber(), input.pageSize(), page);
    }
}
