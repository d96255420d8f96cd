package cloud.swas.image;

import cloud.swas.db.NamedStatement;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The custom images an account sees in a region: its own, and those other accounts share with it (contract
 * section 8.1), read-only. One SQL query with {@code UNION ALL} rather than an entity query with {@code OR}:
 * each branch keeps to its index (the owner's images by account and region, shared ones by receiving
 * account), which an {@code OR} across both tables would not.
 */
@ApplicationScoped
public class VisibleImages {

    /** One image as the caller sees it: {@code inShare} and {@code inShareUser} are false for a shared-in image. */
    public record Row(long ownerId, String imageId, String name, String description, String regionId,
                      String instanceId, String instanceName, String systemSnapshotId, String dataSnapshotId,
                      String resourceGroupId, String status, Instant createdAt, String osType, String distribution,
                      int requiredSystemDiskSize, boolean own, boolean inShare, boolean inShareUser) {
    }

    private static final String VISIBLE = """
            WITH visible AS (
                SELECT i.*, true AS own FROM custom_image i
                WHERE i.account_id = :caller AND i.region_id = :region
                UNION ALL
                SELECT i.*, false AS own FROM image_share_account s
                JOIN custom_image i ON i.account_id = s.account_id AND i.image_id = s.image_id
                WHERE s.shared_account_id = :caller AND i.region_id = :region)
            """;
    private static final String COLUMNS = """
            SELECT v.account_id, v.image_id, v.name, v.description, v.region_id, v.instance_id, v.instance_name,
                   v.system_snapshot_id, v.data_snapshot_id, v.resource_group_id, v.status, v.created_at, v.os_type,
                   v.distribution, v.required_system_disk_size, v.own, v.own AND v.in_share AS in_share,
                   v.own AND EXISTS (SELECT 1 FROM image_share_account a
                                     WHERE a.account_id = v.account_id AND a.image_id = v.image_id) AS in_share_user
            FROM visible v
            """;

    /** Conditions on the rows of {@code visible v}, with their named parameters; all must hold. */
    public static final class Filter {
        private final List<String> conditions = new ArrayList<>();
        private final Map<String, Object> values = new HashMap<>();

        public Filter where(String condition, Map<String, Object> conditionValues) {
            conditions.add(condition);
            values.putAll(conditionValues);
            return this;
        }

        String sql() {
            return conditions.isEmpty() ? "" : "WHERE " + String.join(" AND ", conditions) + "\n";
        }
    }

    private final AgroalDataSource dataSource;

    VisibleImages(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The matching images, newest first, {@code limit} of them from {@code offset}. */
    public List<Row> list(long caller, String regionId, Filter filter, int offset, int limit) {
        Map<String, Object> values = values(caller, regionId, filter);
        values.put("offset", offset);
        values.put("limit", limit);
        String sql = VISIBLE + COLUMNS + filter.sql() + "ORDER BY v.created_at DESC, v.image_id LIMIT :limit OFFSET :offset";
        List<Row> rows = new ArrayList<>();
        query(sql, values, r -> rows.add(new Row(r.getLong("account_id"), r.getString("image_id"), r.getString("name"),
                r.getString("description"), r.getString("region_id"), r.getString("instance_id"),
                r.getString("instance_name"), r.getString("system_snapshot_id"), r.getString("data_snapshot_id"),
                r.getString("resource_group_id"), r.getString("status"), r.getTimestamp("created_at").toInstant(),
                r.getString("os_type"), r.getString("distribution"), r.getInt("required_system_disk_size"),
                r.getBoolean("own"), r.getBoolean("in_share"), r.getBoolean("in_share_user"))));
        return rows;
    }

    public long count(long caller, String regionId, Filter filter) {
        long[] count = new long[1];
        query(VISIBLE + "SELECT count(*) FROM visible v\n" + filter.sql(), values(caller, regionId, filter),
                r -> count[0] = r.getLong(1));
        return count[0];
    }

    /** The tags of the given images, by {@link #key(long, String)}, each image's in key order. */
    public Map<String, List<Tag>> tags(List<Row> images) {
        Map<String, List<Tag>> byImage = new LinkedHashMap<>();
        if (images.isEmpty()) {
            return byImage;
        }
        Map<String, Object> values = Map.of(
                "owners", images.stream().map(Row::ownerId).distinct().toArray(Long[]::new),
                "images", images.stream().map(Row::imageId).toArray(String[]::new));
        query("""
                SELECT account_id, image_id, tag_key, tag_value FROM custom_image_tag
                WHERE account_id = ANY(:owners) AND image_id = ANY(:images) ORDER BY image_id, tag_key""", values,
                r -> byImage.computeIfAbsent(key(r.getLong(1), r.getString(2)), id -> new ArrayList<>())
                        .add(new Tag(r.getString(3), r.getString(4))));
        return byImage;
    }

    /** An image's key in {@link #tags}: image IDs are unique per owner. */
    public static String key(long ownerId, String imageId) {
        return ownerId + "/" + imageId;
    }

    private static Map<String, Object> values(long caller, String regionId, Filter filter) {
        Map<String, Object> values = new HashMap<>(filter.values);
        values.put("caller", caller);
        values.put("region", regionId);
        return values;
    }

    private void query(String sql, Map<String, Object> values, NamedStatement.RowConsumer consumer) {
        NamedStatement.of(sql).forEachRow(dataSource, values, consumer);
    }
}
