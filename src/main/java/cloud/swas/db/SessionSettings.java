package cloud.swas.db;

import io.agroal.api.AgroalPoolInterceptor;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Puts the bounds of {@link DatabaseConfig} on every connection the pool opens (Quarkus applies
 * {@link AgroalPoolInterceptor} beans to the default datasource), so no statement anywhere can wait
 * without limit, whichever code path issued it.
 */
@ApplicationScoped
public class SessionSettings implements AgroalPoolInterceptor {

    private final String settings;

    SessionSettings(DatabaseConfig config) {
        this.settings = "SET lock_timeout = " + config.lockTimeout().toMillis()
                + "; SET statement_timeout = " + config.statementTimeout().toMillis();
    }

    @Override
    public void onConnectionCreate(Connection connection) {
        try (Statement s = connection.createStatement()) {
            s.execute(settings);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not set the session's timeouts", e);
        }
    }
}
