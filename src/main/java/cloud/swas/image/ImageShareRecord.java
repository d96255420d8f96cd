package cloud.swas.image;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/** One share-state change of an image: who changed it, when, and by which request. Never updated. */
@Entity
@Table(name = "image_share_history")
@IdClass(ImageShareRecord.Key.class)
public class ImageShareRecord extends PanacheEntityBase {

    @Id
    @Column(name = "account_id")
    public long accountId;

    @Id
    @Column(name = "image_id")
    public String imageId;

    /** 1 for the first change of the image, then consecutive: a gap or a duplicate would be a bug. */
    @Id
    public int version;

    public String operation;

    @Column(name = "request_id")
    public String requestId;

    @Column(name = "access_key_id")
    public String accessKeyId;

    @Column(name = "changed_at")
    public Instant changedAt;

    public static List<ImageShareRecord> history(long accountId, String imageId) {
        return list("accountId = ?1 and imageId = ?2 order by version", accountId, imageId);
    }

    public static class Key implements Serializable {
        public long accountId;
        public String imageId;
        public int version;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.accountId == accountId && k.version == version
                    && Objects.equals(k.imageId, imageId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(accountId, imageId, version);
        }
    }
}
