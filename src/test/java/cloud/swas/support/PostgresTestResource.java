package cloud.swas.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;
import org.jboss.logging.Logger;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * Where the tests' PostgreSQL comes from, in this order:
 * <ol>
 *   <li>configuration: {@code QUARKUS_DATASOURCE_JDBC_URL} (or {@code -Dquarkus.datasource.jdbc.url}), used as is;</li>
 *   <li>Testcontainers, when a Docker engine answers (a developer's laptop);</li>
 *   <li>a PostgreSQL on {@code 127.0.0.1:5432} (user {@code postgres}), in a fresh database dropped afterwards.</li>
 * </ol>
 * Always a real PostgreSQL: there is no in-memory stand-in.
 */
public class PostgresTestResource implements QuarkusTestResourceLifecycleManager {

    private static final Logger LOG = Logger.getLogger(PostgresTestResource.class);
    private static final String LOCAL_SERVER = "jdbc:postgresql://127.0.0.1:5432/";

    private PostgreSQLContainer container;
    private String localDatabase;

    @Override
    public Map<String, String> start() {
        Map<String, String> accounts = Map.of("swas.auth.access-keys", TestAccount.provisioning());
        if (configuredUrl() != null) {
            LOG.infof("Tests use the configured database %s", configuredUrl());
            return accounts;
        }
        if (dockerAvailable()) {
            container = new PostgreSQLContainer("postgres:15-alpine");
            container.start();
            return Map.of("quarkus.datasource.jdbc.url", container.getJdbcUrl(),
                    "quarkus.datasource.username", container.getUsername(),
                    "quarkus.datasource.password", container.getPassword(),
                    "swas.auth.access-keys", TestAccount.provisioning());
        }
        localDatabase = "swas_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection c = DriverManager.getConnection(LOCAL_SERVER + "postgres", "postgres", "postgres");
             Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + localDatabase);
        } catch (SQLException e) {
            throw new IllegalStateException("No database for the tests: set QUARKUS_DATASOURCE_JDBC_URL, start Docker, "
                    + "or run PostgreSQL on 127.0.0.1:5432", e);
        }
        LOG.infof("No QUARKUS_DATASOURCE_JDBC_URL and no Docker: tests use the fresh database %s on the local "
                + "PostgreSQL at 127.0.0.1:5432, dropped afterwards", localDatabase);
        return Map.of("quarkus.datasource.jdbc.url", LOCAL_SERVER + localDatabase,
                "quarkus.datasource.username", "postgres",
                "quarkus.datasource.password", "postgres",
                "swas.auth.access-keys", TestAccount.provisioning());
    }

    @Override
    public void stop() {
        if (container != null) {
            container.stop();
        }
        if (localDatabase != null) {
            try (Connection c = DriverManager.getConnection(LOCAL_SERVER + "postgres", "postgres", "postgres");
                 Statement s = c.createStatement()) {
                s.execute("DROP DATABASE IF EXISTS " + localDatabase + " WITH (FORCE)");
            } catch (SQLException e) {
                LOG.warnf("Could not drop test database %s: %s", localDatabase, e.getMessage());
            }
        }
    }

    static String configuredUrl() {
        String fromProperty = System.getProperty("quarkus.datasource.jdbc.url");
        return fromProperty != null ? fromProperty : System.getenv("QUARKUS_DATASOURCE_JDBC_URL");
    }

    /**
     * Asks Testcontainers only where a Docker engine may be: a {@code DOCKER_HOST}, a Testcontainers
     * configuration, or the default socket. Elsewhere its probe would log errors for a machine that simply has
     * no Docker, which is an expected case here, not a failure.
     */
    static boolean dockerAvailable() {
        boolean mayHaveDocker = System.getenv("DOCKER_HOST") != null
                || Files.exists(Path.of(System.getProperty("user.home"), ".testcontainers.properties"))
                || Files.exists(Path.of("/var/run/docker.sock"));
        if (!mayHaveDocker) {
            return false;
        }
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }
}
