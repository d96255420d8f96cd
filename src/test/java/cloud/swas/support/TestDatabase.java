package cloud.swas.support;

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
 * A real PostgreSQL database for tests, found in this order:
 * <ol>
 *   <li>configuration: {@code QUARKUS_DATASOURCE_JDBC_URL} (or {@code -Dquarkus.datasource.jdbc.url}), used as is;</li>
 *   <li>Testcontainers, when a Docker engine answers (a developer's laptop);</li>
 *   <li>a PostgreSQL on {@code 127.0.0.1:5432} (user {@code postgres}), in a fresh database dropped by {@link #close}.</li>
 * </ol>
 * The Quarkus tests get theirs through {@link PostgresTestResource}; a test that starts a process of its own (the
 * packaged jar, {@link PackagedService}) gets one the same way, so both work on a machine with no variables set.
 */
public final class TestDatabase implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(TestDatabase.class);
    private static final String LOCAL_SERVER = "jdbc:postgresql://127.0.0.1:5432/";

    private final String url;
    private final String username;
    private final String password;
    private final PostgreSQLContainer container;
    private final String localDatabase;

    private TestDatabase(String url, String username, String password, PostgreSQLContainer container,
                         String localDatabase) {
        this.url = url;
        this.username = username;
        this.password = password;
        this.container = container;
        this.localDatabase = localDatabase;
    }

    /** A database as described above; {@link #close} drops it if it was made here. */
    public static TestDatabase acquire() {
        String configured = setting("quarkus.datasource.jdbc.url", "QUARKUS_DATASOURCE_JDBC_URL");
        if (configured != null) {
            LOG.infof("Tests use the configured database %s", configured);
            return new TestDatabase(configured, setting("quarkus.datasource.username", "QUARKUS_DATASOURCE_USERNAME"),
                    setting("quarkus.datasource.password", "QUARKUS_DATASOURCE_PASSWORD"), null, null);
        }
        if (dockerAvailable()) {
            PostgreSQLContainer container = new PostgreSQLContainer("postgres:15-alpine");
            container.start();
            return new TestDatabase(container.getJdbcUrl(), container.getUsername(), container.getPassword(), container,
                    null);
        }
        String name = "swas_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection c = DriverManager.getConnection(LOCAL_SERVER + "postgres", "postgres", "postgres");
             Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("No database for the tests: set QUARKUS_DATASOURCE_JDBC_URL, start Docker, "
                    + "or run PostgreSQL on 127.0.0.1:5432", e);
        }
        LOG.infof("No QUARKUS_DATASOURCE_JDBC_URL and no Docker: tests use the fresh database %s on the local "
                + "PostgreSQL at 127.0.0.1:5432, dropped afterwards", name);
        return new TestDatabase(LOCAL_SERVER + name, "postgres", "postgres", null, name);
    }

    public String url() {
        return url;
    }

    /** Null when the configuration named none (the driver's default then applies). */
    public String username() {
        return username;
    }

    public String password() {
        return password;
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(url, username, password);
    }

    /** The datasource settings, as Quarkus configuration keys (only those that are set). */
    public Map<String, String> quarkusConfig() {
        Map<String, String> config = new java.util.HashMap<>();
        config.put("quarkus.datasource.jdbc.url", url);
        if (username != null) {
            config.put("quarkus.datasource.username", username);
        }
        if (password != null) {
            config.put("quarkus.datasource.password", password);
        }
        return config;
    }

    /** The same settings as environment variables, for a process of the test's own. */
    public Map<String, String> environment() {
        Map<String, String> env = new java.util.HashMap<>();
        quarkusConfig().forEach((key, value) -> env.put(key.toUpperCase().replace('.', '_'), value));
        return env;
    }

    @Override
    public void close() {
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

    private static String setting(String property, String variable) {
        String fromProperty = System.getProperty(property);
        return fromProperty != null ? fromProperty : System.getenv(variable);
    }

    /**
     * Asks Testcontainers only where a Docker engine may be: a {@code DOCKER_HOST}, a Testcontainers
     * configuration, or the default socket. Elsewhere its probe would log errors for a machine that simply has
     * no Docker, which is an expected case here, not a failure.
     */
    private static boolean dockerAvailable() {
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
