package cloud.swas.image;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A system or application image of ListImages (migration {@code V7__image_family.sql}): reference data,
 * the same in every region and for every account.
 */
@Entity
@Table(name = "catalog_image")
public class CatalogImage extends PanacheEntityBase {

    public static final String SYSTEM = "system";
    public static final String APP = "app";

    @Id
    @Column(name = "image_id")
    public String imageId;

    @Column(name = "image_name")
    public String imageName;

    /** {@link #SYSTEM} or {@link #APP}. */
    @Column(name = "image_type")
    public String imageType;

    public String description;

    /** {@code Linux} or {@code Windows}. */
    @Column(name = "os_type")
    public String osType;

    /** e.g. {@code Ubuntu}; ECS calls it the platform. */
    public String distribution;

    @Column(name = "size_gib")
    public int sizeGib;

    @Column(name = "created_at")
    public Instant createdAt;
}
