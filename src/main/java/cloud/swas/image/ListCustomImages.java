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
import java.util.Map;

/**
 * Lists the custom images the caller sees in a region, newest first: its own and those shared with it by
 * other accounts ({@link VisibleImages}). Field names and types follow the SDK models: the paging numbers
 * are strings, {@code UserId} (the owner) and {@code RequiredSystemDiskSize} numbers, {@code InShare} and
 * {@code InShareUser} booleans, false for an image shared with the caller.
 */
@ApplicationScoped
public class ListCustomImages implements ApiOperation<ListCustomImages.Input> {

    private static final int MAX_IDS = 100;
    private static final int MAX_PAGE_SIZE = 100;
    private static final int MAX_TAGS = 20;
    // Keeps (page - 1) * size inside an int offset.
    private static final int MAX_PAGE_NUMBER = 1_000_000;
    private static final DateTimeFormatter CREATION_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

    public record Input(String regionId, List<String> imageIds, List<String> imageNames, String instanceId,
                        String systemSnapshotId, String dataSnapshotId, String resourceGroupId, Boolean share,
                        List<Tag> tags, int pageNumber, int pageSize) {
    }

    @RegisterForReflection // serialized by Jackson (valueToTree); native images need it registered
    public record Result(String totalCount, String pageNumber, String pageSize, List<Image> customImages) {
    }

    @RegisterForReflection // serialized by Jackson (valueToTree); native images need it registered
    public record Image(String imageId, String name, String description, String regionId, String instanceId,
                        String instanceName, long userId, String resourceGroupId, String status, String creationTime,
                        boolean inShare, boolean inShareUser, String osType, String systemSnapshotId,
                        String dataSnapshotId, int requiredSystemDiskSize, List<String> createInstances,
                        List<Tag> tags) {
    }

    private final RegionDirectory regions;
    private final VisibleImages images;

    ListCustomImages(RegionDirectory regions, VisibleImages images) {
        this.regions = regions;
        this.images = images;
    }

    @Override
    public RamRequirement requires(CallContext context, Input input) {
        return ImageArns.onAllImages(context, input.regionId());
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
        List<String> imageIds = ImageParameters.imageIds(p, "ImageIds", MAX_IDS);
        List<String> imageNames = p.jsonStrings("ImageNames", MAX_IDS, 128);
        String instanceId = ImageParameters.optionalId(p, "InstanceId");
        String systemSnapshotId = ImageParameters.optionalId(p, "SystemSnapshotId");
        String dataSnapshotId = ImageParameters.optionalId(p, "DataSnapshotId");
        String resourceGroupId = ImageParameters.optionalId(p, "ResourceGroupId");
        Boolean share = p.bool("Share");
        List<Tag> tags = ImageParameters.tags(p, MAX_TAGS);
        int pageNumber = p.integer("PageNumber", 1, 1, MAX_PAGE_NUMBER);
        int pageSize = p.integer("PageSize", 10, 1, MAX_PAGE_SIZE);
        String regionId = regions.requireRegion(p);
        return new Input(regionId, imageIds, imageNames, instanceId, systemSnapshotId, dataSnapshotId,
                resourceGroupId, share, tags, pageNumber, pageSize);
    }

    /**
     * One row more than the page is fetched: when the page is not full, the total follows from it and the
     * {@code count(*)} is skipped; it runs only when more rows follow, or when a page past the end is empty.
     */
    @Override
    public Result execute(CallContext context, Input in) {
        VisibleImages.Filter filter = filter(in);
        int offset = (in.pageNumber() - 1) * in.pageSize();
        List<VisibleImages.Row> rows = images.list(context.accountId(), in.regionId(), filter, offset,
                in.pageSize() + 1);
        boolean more = rows.size() > in.pageSize();
        List<VisibleImages.Row> page = more ? rows.subList(0, in.pageSize()) : rows;
        long total = more || (rows.isEmpty() && offset > 0)
                ? images.count(context.accountId(), in.regionId(), filter) : offset + rows.size();
        Map<String, List<Tag>> tags = images.tags(page);
        List<Image> result = page.stream().map(r -> new Image(r.imageId(), r.name(), r.description(), r.regionId(),
                r.instanceId(), r.instanceName(), r.ownerId(), r.resourceGroupId(), r.status(),
                CREATION_TIME.format(r.createdAt().truncatedTo(ChronoUnit.SECONDS)), r.inShare(), r.inShareUser(),
                r.osType(), r.systemSnapshotId(), r.dataSnapshotId(), r.requiredSystemDiskSize(),
                List.of(), tags.getOrDefault(VisibleImages.key(r.ownerId(), r.imageId()), List.of()))).toList();
        return new Result(Long.toString(total), Integer.toString(in.pageNumber()), Integer.toString(in.pageSize()),
                result);
    }

    private static VisibleImages.Filter filter(Input in) {
        VisibleImages.Filter filter = new VisibleImages.Filter();
        if (in.imageIds() != null) {
            filter.where("v.image_id = ANY(:ids)", Map.of("ids", in.imageIds().toArray(String[]::new)));
        }
        if (in.imageNames() != null) {
            filter.where("v.name = ANY(:names)", Map.of("names", in.imageNames().toArray(String[]::new)));
        }
        if (in.instanceId() != null) {
            filter.where("v.instance_id = :instance", Map.of("instance", in.instanceId()));
        }
        if (in.systemSnapshotId() != null) {
            filter.where("v.system_snapshot_id = :system_snapshot", Map.of("system_snapshot", in.systemSnapshotId()));
        }
        if (in.dataSnapshotId() != null) {
            filter.where("v.data_snapshot_id = :data_snapshot", Map.of("data_snapshot", in.dataSnapshotId()));
        }
        if (in.resourceGroupId() != null) {
            filter.where("v.resource_group_id = :resource_group", Map.of("resource_group", in.resourceGroupId()));
        }
        if (in.share() != null) {
            // Shared to ECS, as the caller sees it: an image shared with the caller is not (InShare false).
            filter.where("(v.own AND v.in_share) = :share", Map.of("share", in.share()));
        }
        for (int i = 0; i < in.tags().size(); i++) {
            Tag tag = in.tags().get(i);
            String key = "tag_key_" + i;
            String value = "tag_value_" + i;
            filter.where("EXISTS (SELECT 1 FROM custom_image_tag t WHERE t.account_id = v.account_id "
                    + "AND t.image_id = v.image_id AND t.tag_key = :" + key
                    + (tag.value() == null ? ")" : " AND t.tag_value = :" + value + ")"),
                    tag.value() == null ? Map.of(key, tag.key()) : Map.of(key, tag.key(), value, tag.value()));
        }
        return filter;
    }
}
