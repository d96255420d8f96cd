package cloud.swas.health;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Arrays;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationInfoService;

/**
 * Readiness: every Flyway migration shipped with this build is applied, none failed. Together with
 * Agroal's "Database connections health check" (a validation query on a pooled connection) it makes
 * {@code /q/health/ready} DOWN while the database is unreachable or its schema is behind this code.
 *
 * <p>Once the schema has been seen complete the answer is kept: migrations are never undone, and
 * asking Flyway on every probe would cost several queries and an INFO log line each time. Connectivity
 * stays covered by the datasource check.
 */
@Readiness
@ApplicationScoped
public class MigrationsHealthCheck implements HealthCheck {

    static final String NAME = "Database migrations";

    private final Flyway flyway;
    private volatile String appliedVersion;

    MigrationsHealthCheck(Flyway flyway) {
        this.flyway = flyway;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named(NAME);
        String known = appliedVersion;
        if (known != null) {
            return response.up().withData("version", known).build();
        }
        try {
            MigrationInfoService info = flyway.info();
            int pending = info.pending().length;
            long failed = Arrays.stream(info.all()).filter(m -> m.getState().isFailed()).count();
            MigrationInfo current = info.current();
            String version = current == null || current.getVersion() == null ? "none" : current.getVersion().toString();
            if (pending == 0 && failed == 0 && current != null) {
                appliedVersion = version;
                return response.up().withData("version", version).build();
            }
            return response.down().withData("version", version).withData("pending", pending)
                    .withData("failed", failed).build();
        } catch (RuntimeException e) {
            // The message may carry the JDBC URL, never credentials; the class name is enough for a probe.
            return response.down().withData("error", e.getClass().getSimpleName()).build();
        }
    }
}
