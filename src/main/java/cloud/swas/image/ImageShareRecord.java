package cloud.swas.image;

import cloud.swas.api.CallContext;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/**
 * One entry of an image's audit trail: a share change ({@code Share}, {@code UnShare}), a share-account change
 * ({@code AddShareAccount}, {@code RemoveShareAccount}, with the account) or its deletion ({@code Delete}); who
 * made it (key and principal), when, by which request. Never updated, and kept after the image is deleted.
 */
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

    /** 1 for the first entry of the image, then consecutive: a gap or a duplicate would be a bug. */
    @Id
    public int version;

    public String operation;

    /** The account added or removed, for a share-account change. */
    @Column(name = "shared_account_id")
    public Long sharedAccountId;

    @Column(name = "request_id")
    public String requestId;

    @Column(name = "access_key_id")
    public String accessKeyId;

    /** Who made the change (contract 11.7): the account's root, a RAM user or a role session, as an ARN. */
    @Column(name = "principal_arn")
    public String principalArn;

    @Column(name = "changed_at")
    public Instant changedAt;

    /** The next entry of {@code image}'s trail, which it counts ({@link CustomImage#shareVersion}); persisted. */
    static ImageShareRecord append(CustomImage image, String operation, Long sharedAccountId, CallContext context) {
        ImageShareRecord record = new ImageShareRecord();
        record.accountId = image.accountId;
        record.imageId = image.imageId;
        record.version = ++image.shareVersion;
        record.operation = operation;
        record.sharedAccountId = sharedAccountId;
        record.requestId = context.requestId();
        record.accessKeyId = context.accessKeyId();
        record.principalArn = context.principal().arn();
        record.changedAt = context.receivedAt();
        record.persist();
        return record;
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
