package cloud.swas.ecs;

import cloud.swas.api.ApiError;
import cloud.swas.api.ApiOperation;
import cloud.swas.api.ApiParameters;
import cloud.swas.api.Characters;
import cloud.swas.api.CallContext;
import cloud.swas.api.Arns;
import cloud.swas.api.RamRequirement;
import cloud.swas.api.Products;
import cloud.swas.db.NamedStatement;
import cloud.swas.region.RegionDirectory;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * ECS's {@code DescribeImages} (contract section 10): where a SWAS custom image shows up once its account has
 * shared it to ECS. Such an image is listed for that account, in its region, only while it is shared, as an
 * image shared with it ({@code ImageOwnerAlias} {@code others}, owned by the SWAS service's account); the system
 * images are the catalog's. Reads go to the rows that ModifyImageShareStatus's statement changes (the image's,
 * and through its trigger the ECS index's), on every call, so the view is never stale on any replica.
 */
@ApplicationScoped
public class DescribeImages implements ApiOperation<DescribeImages.Input> {

    private static final String SYSTEM = "system";
    private static final String SELF = "self";
    private static final String OTHERS = "others";
    private static final Set<String> ALIASES = Set.of(SYSTEM, SELF, OTHERS, "marketplace");
    private static final int MAX_IDS = 100;
    private static final int MAX_PAGE_SIZE = 100;
    private static final int MAX_PAGE_NUMBER = 1_000_000;
    private static final DateTimeFormatter CREATION_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

    /** The catalog's system images ({@code :system} switches them on or off). */
    private static final String SYSTEM_ROWS = "FROM catalog_image c WHERE c.image_type = 'system' AND :system";
    /**
     * The caller's SWAS images shared to ECS in the region: their rows in {@code image_ecs_share}, which the
     * database keeps on every share change (V9). {@code :others} switches them on or off.
     */
    private static final String OTHERS_ROWS =
            "FROM image_ecs_share e WHERE e.account_id = :caller AND e.region_id = :region AND :others";
    private static final String NEWEST_FIRST = " ORDER BY created_at DESC, image_id";

    /**
     * One statement, so the count and the page come from one snapshot. Counting and paging run on keys (an
     * index-only scan; each kind stops at the page's end, then the two merge), and the details are read for the
     * page alone, so a call costs about the same whether the account has ten images shared or a thousand. The
     * {@code %s} take the filters, twice: for the count and for the page. The total is the one row that is
     * always there; a page past the end joins no image to it.
     */
    private static final String LISTED = """
            WITH total AS (
                SELECT (SELECT count(*) %1$s %3$s) + (SELECT count(*) %2$s %4$s) AS total),
            listed AS (
                (SELECT c.image_id, c.created_at, true AS system %1$s %3$s %5$s LIMIT :page_end)
                UNION ALL
                (SELECT e.image_id, e.created_at, false %2$s %4$s %5$s LIMIT :page_end)),
            page AS (SELECT * FROM listed %5$s LIMIT :limit OFFSET :offset)
            SELECT t.total, p.image_id, p.system, p.created_at,
                   coalesce(c.image_name, i.name) AS image_name, coalesce(c.description, i.description) AS description,
                   coalesce(c.os_type, i.os_type) AS os_type, coalesce(c.distribution, i.distribution) AS distribution,
                   coalesce(c.size_gib, i.required_system_disk_size) AS size_gib
            FROM total t
            LEFT JOIN page p ON true
            LEFT JOIN catalog_image c ON p.system AND c.image_id = p.image_id
            LEFT JOIN custom_image i ON NOT p.system AND i.account_id = :caller AND i.image_id = p.image_id
            ORDER BY p.created_at DESC, p.image_id
            """;

    public record Input(String regionId, List<String> imageIds, String imageName, Set<String> aliases,
                        boolean available, int pageNumber, int pageSize) {
    }

    @RegisterForReflection // serialized by Jackson (valueToTree); native images need it registered
    public record Result(String regionId, long totalCount, int pageNumber, int pageSize, Images images) {
    }

    /** ECS wraps its list: {@code "Images":{"Image":[...]}}, in XML the same nesting. */
    @RegisterForReflection // serialized by Jackson (valueToTree); native images need it registered
    public record Images(List<Image> image) {
    }

    @RegisterForReflection // serialized by Jackson (valueToTree); native images need it registered
    public record Image(String imageId, String imageName, String imageOwnerAlias, Long imageOwnerId,
                        boolean isPublic, String isSelfShared, String description,
                        @JsonProperty("OSType") String osType, String platform,
                        String architecture, String status, String usage, int size, String creationTime,
                        String progress) {
    }

    private final RegionDirectory regions;
    private final AgroalDataSource dataSource;
    private final long serviceAccountId;

    DescribeImages(RegionDirectory regions, AgroalDataSource dataSource, EcsConfig config) {
        this.regions = regions;
        this.dataSource = dataSource;
        this.serviceAccountId = config.serviceAccountId();
    }

    /**
     * {@code ecs:DescribeImages} on the caller's images, except when only public ({@code system}) or shared
     * ({@code others}) images are asked for, which ECS does not check (contract 11.4).
     */
    @Override
    public RamRequirement requires(CallContext context, Input in) {
        if (!in.aliases().isEmpty() && Set.of("system", "others").containsAll(in.aliases())) {
            return RamRequirement.none();
        }
        return RamRequirement.of("ecs:DescribeImages", Arns.of("ecs", in.regionId(), context.accountId(), "image/*"));
    }

    @Override
    public String action() {
        return "DescribeImages";
    }

    @Override
    public String version() {
        return Products.ECS;
    }

    @Override
    public Input bind(ApiParameters p) {
        List<String> imageIds = commaList(p.optional("ImageId"), "ImageId");
        String imageName = p.optional("ImageName");
        if (imageName != null && Characters.length(imageName) > 128) {
            throw ApiError.INVALID_PARAMETER.exception("ImageName");
        }
        String alias = p.optional("ImageOwnerAlias");
        if (alias != null && !ALIASES.contains(alias)) {
            throw ApiError.IMAGE_OWNER_ALIAS_NOT_SUPPORTED.exception();
        }
        Set<String> aliases = alias == null ? Set.of(SYSTEM, SELF, OTHERS) : Set.of(alias);
        List<String> statuses = commaList(p.optional("Status"), "Status");
        boolean available = statuses == null
                || statuses.stream().anyMatch(s -> s.toLowerCase(Locale.ROOT).equals("available"));
        int pageNumber = p.integer("PageNumber", 1, 1, MAX_PAGE_NUMBER);
        int pageSize = p.integer("PageSize", 10, 1, MAX_PAGE_SIZE);
        return new Input(regions.requireRegion(p), imageIds, imageName, aliases, available, pageNumber, pageSize);
    }

    private static List<String> commaList(String raw, String name) {
        if (raw == null) {
            return null;
        }
        List<String> items = Arrays.stream(raw.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
        if (items.isEmpty() || items.size() > MAX_IDS || items.stream().anyMatch(s -> Characters.length(s) > 128)) {
            throw ApiError.INVALID_PARAMETER.exception(name);
        }
        return List.copyOf(new LinkedHashSet<>(items));
    }

    @Override
    public Result execute(CallContext context, Input in) {
        Map<String, Object> values = new HashMap<>();
        values.put("caller", context.accountId());
        values.put("region", in.regionId());
        values.put("system", in.available() && in.aliases().contains(SYSTEM));
        values.put("others", in.available() && in.aliases().contains(OTHERS));
        StringBuilder system = new StringBuilder();
        StringBuilder others = new StringBuilder();
        if (in.imageIds() != null) {
            system.append(" AND c.image_id = ANY(:ids)");
            others.append(" AND e.image_id = ANY(:ids)");
            values.put("ids", in.imageIds().toArray(String[]::new));
        }
        if (in.imageName() != null) {
            // ECS matches names partially; the caller's text is matched literally.
            system.append(" AND strpos(c.image_name, :name) > 0");
            others.append(" AND EXISTS (SELECT 1 FROM custom_image i WHERE i.account_id = e.account_id"
                    + " AND i.image_id = e.image_id AND strpos(i.name, :name) > 0)");
            values.put("name", in.imageName());
        }
        values.put("limit", in.pageSize());
        values.put("offset", (in.pageNumber() - 1) * in.pageSize());
        values.put("page_end", in.pageNumber() * (long) in.pageSize());
        List<Image> page = new ArrayList<>();
        long[] total = new long[1];
        query(LISTED.formatted(SYSTEM_ROWS, OTHERS_ROWS, system, others, NEWEST_FIRST), values, r -> {
            total[0] = r.getLong("total");
            if (r.getString("image_id") != null) {
                page.add(image(r));
            }
        });
        return new Result(in.regionId(), total[0], in.pageNumber(), in.pageSize(), new Images(page));
    }

    private Image image(ResultSet r) throws SQLException {
        boolean system = r.getBoolean("system");
        return new Image(r.getString("image_id"), r.getString("image_name"), system ? SYSTEM : OTHERS,
                system ? null : serviceAccountId, system, "false", r.getString("description"),
                r.getString("os_type").toLowerCase(Locale.ROOT), r.getString("distribution"), "x86_64", "Available",
                "instance", r.getInt("size_gib"),
                CREATION_TIME.format(r.getTimestamp("created_at").toInstant().truncatedTo(ChronoUnit.SECONDS)), "100%");
    }

    private void query(String sql, Map<String, Object> values, NamedStatement.RowConsumer consumer) {
        NamedStatement.of(sql).forEachRow(dataSource, values, consumer);
    }
}
