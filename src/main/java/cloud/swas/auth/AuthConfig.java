package cloud.swas.auth;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Authentication settings ({@code swas.auth.*}). */
@ConfigMapping(prefix = "swas.auth")
public interface AuthConfig {

    /**
     * Access keys to upsert at start-up, each {@code accountId:accessKeyId:secret}; set through the
     * environment variable {@code SWAS_ACCESS_KEYS} (comma-separated).
     */
    Optional<List<String>> accessKeys();

    /** How far a request's timestamp may be from server time, and how long a nonce is remembered. */
    @WithDefault("15m")
    Duration timestampWindow();

    Demo demo();

    /** The development account: provisioned in {@code %dev} only; start-up fails if enabled in {@code %prod}. */
    interface Demo {
        @WithDefault("false")
        boolean enabled();

        @WithDefault("1000000000000001")
        long accountId();

        @WithDefault("LTAI5tDemoSwasDevOnly")
        String accessKeyId();

        @WithDefault("DemoSecretForLocalDevelopmentOnly")
        String secret();
    }
}
