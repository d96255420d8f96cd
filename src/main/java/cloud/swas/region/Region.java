package cloud.swas.region;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A public Alibaba Cloud region; reference data seeded by a migration, global rather than per account. */
@Entity
@Table(name = "region")
public class Region extends PanacheEntityBase {

    @Id
    @Column(name = "region_id")
    public String regionId;

    @Column(name = "local_name")
    public String localName;

    @Column(name = "local_name_en")
    public String localNameEn;

    @Column(name = "region_endpoint")
    public String regionEndpoint;
}
