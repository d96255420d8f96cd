package cloud.swas.image;

import cloud.swas.api.ApiOperation;
import cloud.swas.api.ApiParameters;
import cloud.swas.api.CallContext;
import cloud.swas.api.Products;
import cloud.swas.region.RegionDirectory;
import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Lists the caller's custom images in a region, newest first. Field names and types follow the SDK
 * models: the paging numbers are strings, {@code UserId} is a number, {@code InShare} a boolean.
 */
@ApplicationScoped
public class ListCustomImages implements ApiOperation<ListCustomImages.Input> {

    private static final int MAX_IDS = 100;
    private static final int MAX_PAGE_SIZE = 100;
    // Keeps (page - 1) * size inside an int offset.
    private static final int MAX_PAGE_NUMBER = 1_000_000;
    private static final DateTimeFormatter CREATION_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

    public record Input(String regionId, List<String> imageIds, List<String> imageNames, String instanceId,
                        String systemSnapshotId, String dataSnapshotId, Boolean share, int pageNumber,
                        int pageSize) {
    }

    @RegisterForReflection // serialized by Jackson (valueToTree); native images need it registered
    public record Result(String totalCount, String pageNumber, String pageSize, List<Image> customImages) {
    }

    @RegisterForReflection // serialized by Jackson (valueToTree); native images need it registered
    public record Image(String imageId, String name, String description, String regionId, String instanceId,
                        String systemSnapshotId, String dataSnapshotId, String resourceGroupId, long userId,
                        boolean inShare, boolean inShareUser, String status, String creationTime) {
    }

    private final RegionDirectory regions;

    ListCustomImages(RegionDirectory regions) {
        this.regions = regions;
    }

    @Override
    public String action() {
        return "ListCustomImages";
    }

    @Override
    public String version() {
        return Products.SWAS_OPEN;
    }

    @Override
    public Input bind(ApiParameters p) {
        List<String> imageIds = p.jsonStrings("ImageIds", MAX_IDS, 128);
        List<String> imageNames = p.jsonStrings("ImageNames", MAX_IDS, 128);
        String instanceId = ImageParameters.optionalId(p, "InstanceId");
        String systemSnapshotId = ImageParameters.optionalId(p, "SystemSnapshotId");
        String dataSnapshotId = ImageParameters.optionalId(p, "DataSnapshotId");
        Boolean share = p.bool("Share");
        int pageNumber = p.integer("PageNumber", 1, 1, MAX_PAGE_NUMBER);
        int pageSize = p.integer("PageSize", 10, 1, MAX_PAGE_SIZE);
        String regionId = regions.requireRegion(p);
        return new Input(regionId, imageIds, imageNames, instanceId, systemSnapshotId, dataSnapshotId, share,
                pageNumber, pageSize);
    }

    /**
     * One row more than the page is fetched: when the page is not full, the total follows from it and the
     * {@code count(*)} is skipped; it runs only when more rows follow, or when a page past the end is empty.
     */
    @Override
    public Result execute(CallContext context, Input in) {
        StringBuilder where = new StringBuilder("accountId = :account and regionId = :region");
        Parameters parameters = Parameters.with("account", context.accountId()).and("region", in.regionId());
        if (in.imageIds() != null) {
            where.append(" and imageId in :ids");
            parameters.and("ids", in.imageIds());
        }
        if (in.imageNames() != null) {
            where.append(" and name in :names");
            parameters.and("names", in.imageNames());
        }
        if (in.instanceId() != null) {
            where.append(" and instanceId = :instance");
            parameters.and("instance", in.instanceId());
        }
        if (in.systemSnapshotId() != null) {
            where.append(" and systemSnapshotId = :systemSnapshot");
            parameters.and("systemSnapshot", in.systemSnapshotId());
        }
        if (in.dataSnapshotId() != null) {
            where.append(" and dataSnapshotId = :dataSnapshot");
            parameters.and("dataSnapshot", in.dataSnapshotId());
        }
        if (in.share() != null) {
            where.append(" and inShare = :share");
            parameters.and("share", in.share());
        }
        PanacheQuery<CustomImage> query = CustomImage.find(where.toString(),
                Sort.descending("createdAt").and("imageId"), parameters);
        int offset = (in.pageNumber() - 1) * in.pageSize();
        List<CustomImage> rows = query.range(offset, offset + in.pageSize()).list();
        boolean more = rows.size() > in.pageSize();
        long total = more || (rows.isEmpty() && offset > 0) ? query.count() : offset + rows.size();
        List<Image> page = rows.stream().limit(in.pageSize()).map(ListCustomImages::toImage).toList();
        return new Result(Long.toString(total), Integer.toString(in.pageNumber()), Integer.toString(in.pageSize()),
                page);
    }

    private static Image toImage(CustomImage i) {
        return new Image(i.imageId, i.name, i.description, i.regionId, i.instanceId, i.systemSnapshotId,
                i.dataSnapshotId, i.resourceGroupId, i.accountId, i.inShare, false, i.status,
                CREATION_TIME.format(i.createdAt.truncatedTo(ChronoUnit.SECONDS)));
    }
}
