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
    public static final String LINUX = "Linux";
    /**
     * What an image records of its instance's system without an instance inventory (this service has none):
     * the distribution of SWAS's default system image, and its disk size.
     */
    public static final String DEFAULT_DISTRIBUTION = "Aliyun";
    public static final int DEFAULT_SYSTEM_DISK_GIB = 20;

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

    /** The name of the instance the image was made from. */
    @Column(name = "instance_name")
    public String instanceName;

    /** {@code Linux} or {@code Windows}. */
    @Column(name = "os_type")
    public String osType;

    /** The operating system's distribution, e.g. {@code Ubuntu} (ECS calls it the platform). */
    public String distribution;

    /** GiB. */
    @Column(name = "required_system_disk_size")
    public int requiredSystemDiskSize;

    /** Shared to ECS in the same region. */
    @Column(name = "in_share")
    public boolean inShare;

    /** Number of audit entries so far (share changes, share-account changes): the latest {@link ImageShareRecord}'s version. */
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
