package cloud.swas.image;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/** A custom image of one account; keyed (account, image) so the table can be distributed by account. */
@Entity
@Table(name = "custom_image")
@IdClass(CustomImage.Key.class)
public class CustomImage extends PanacheEntityBase {

    /** Status codes as the SDK models carry them (strings). */
    public static final String STATUS_AVAILABLE = "1";

    @Id
    @Column(name = "account_id")
    public long accountId;

    @Id
    @Column(name = "image_id")
    public String imageId;

    @Column(name = "region_id")
    public String regionId;

    public String name;

    public String description;

    @Column(name = "instance_id")
    public String instanceId;

    @Column(name = "system_snapshot_id")
    public String systemSnapshotId;

    @Column(name = "data_snapshot_id")
    public String dataSnapshotId;

    @Column(name = "resource_group_id")
    public String resourceGroupId;

    public String status;

    /** Shared to ECS in the same region. */
    @Column(name = "in_share")
    public boolean inShare;

    /** Number of share-state changes so far; the key of the latest {@link ImageShareRecord}. */
    @Column(name = "share_version")
    public int shareVersion;

    @Column(name = "created_at")
    public Instant createdAt;

    /** The composite primary key, account first. */
    public static class Key implements Serializable {
        public long accountId;
        public String imageId;

        public Key() {
        }

        public Key(long accountId, String imageId) {
            this.accountId = accountId;
            this.imageId = imageId;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.accountId == accountId && Objects.equals(k.imageId, imageId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(accountId, imageId);
        }
    }
}
