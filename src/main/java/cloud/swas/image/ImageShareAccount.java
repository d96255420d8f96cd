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

/**
 * An account an image is shared with (contract section 8.1): the owner's key first, then the image, then
 * the receiving account, so (owner, image, account) is unique by construction.
 */
@Entity
@Table(name = "image_share_account")
@IdClass(ImageShareAccount.Key.class)
public class ImageShareAccount extends PanacheEntityBase {

    @Id
    @Column(name = "account_id")
    public long accountId;

    @Id
    @Column(name = "image_id")
    public String imageId;

    @Id
    @Column(name = "shared_account_id")
    public long sharedAccountId;

    @Column(name = "shared_at")
    public Instant sharedAt;

    public static class Key implements Serializable {
        public long accountId;
        public String imageId;
        public long sharedAccountId;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.accountId == accountId && k.sharedAccountId == sharedAccountId
                    && Objects.equals(k.imageId, imageId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(accountId, imageId, sharedAccountId);
        }
    }
}
