package cloud.swas.image;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.util.Objects;

/** A tag of a custom image; deleted with it (the database cascades). */
@Entity
@Table(name = "custom_image_tag")
@IdClass(CustomImageTag.Key.class)
public class CustomImageTag extends PanacheEntityBase {

    @Id
    @Column(name = "account_id")
    public long accountId;

    @Id
    @Column(name = "image_id")
    public String imageId;

    @Id
    @Column(name = "tag_key")
    public String key;

    @Column(name = "tag_value")
    public String value;

    public static class Key implements Serializable {
        public long accountId;
        public String imageId;
        public String key;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.accountId == accountId && Objects.equals(k.imageId, imageId)
                    && Objects.equals(k.key, key);
        }

        @Override
        public int hashCode() {
            return Objects.hash(accountId, imageId, key);
        }
    }
}
