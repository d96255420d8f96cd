package cloud.swas.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.HashMap;
import java.util.Map;

/**
 * The Quarkus tests' PostgreSQL ({@link TestDatabase}: configuration, Testcontainers or the local server) and
 * their accounts ({@link TestAccount}). Always a real PostgreSQL: there is no in-memory stand-in.
 */
public class PostgresTestResource implements QuarkusTestResourceLifecycleManager {

    private TestDatabase database;

    @Override
    public Map<String, String> start() {
        database = TestDatabase.acquire();
        Map<String, String> config = new HashMap<>(database.quarkusConfig());
        config.put("swas.auth.access-keys", TestAccount.provisioning());
        return config;
    }

    @Override
    public void stop() {
        if (database != null) {
            database.close();
        }
    }
}
