package cloud.swas.auth;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
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

    /**
     * A file of access keys, one {@code accountId:accessKeyId:secret[:Active|Inactive]} per line ({@code #}
     * comments), as a Kubernetes Secret mounted as a volume gives it; env {@code SWAS_AUTH_ACCESS_KEYS_FILE}.
     * Re-read every {@link #accessKeysFilePoll()}: changes apply while running.
     */
    Optional<Path> accessKeysFile();

    /** How often the key file is looked at for changes. */
    @WithDefault("10s")
    Duration accessKeysFilePoll();

    /**
     * Access keys to set {@code Inactive} at start-up (comma-separated AccessKeyIds), e.g. the old key
     * at the end of a rotation; env {@code SWAS_INACTIVE_ACCESS_KEYS}. Listed keys win over {@link #accessKeys()}.
     */
    Optional<List<String>> inactiveAccessKeys();

    /**
     * The key that encrypts access-key secrets at rest: base64 of 32 random bytes
     * ({@code openssl rand -base64 32}); env {@code SWAS_AUTH_ENCRYPTION_KEY}. Required.
     */
    Optional<String> encryptionKey();

    /**
     * The keys that seal STS security tokens and derive session secrets ({@link SessionTokens}), each
     * {@code <kid>=<base64 of at least 32 bytes>} (or {@code <kid>=derived}: the key derived from
     * {@link #encryptionKey()}); env {@code SWAS_AUTH_STS_SIGNING_KEYS}, comma-separated. The first signs, all
     * verify: rotate by putting a new key first and removing the old one after the longest session (12 h). Unset:
     * {@code enc=derived}.
     */
    Optional<List<String>> stsSigningKeys();

    /**
     * How long a replica keeps an access key it has read, counted from when the read STARTED (0 disables the
     * cache). A key deactivated or deleted on one replica (UpdateAccessKey, DeleteAccessKey, the key file), or a RAM
     * user renamed, is seen by every other replica within this time (contract 11.8: 1 s); the replica that made the
     * change forgets the key at once.
     */
    @WithDefault("1s")
    Duration keyCacheTtl();

    /**
     * At most this many access-key lookups (hits and misses) kept per replica. Every key in use should fit:
     * one that does not is read from the database more often, nothing worse.
     */
    @WithDefault("10000")
    long keyCacheMaxSize();

    /** How far a request's timestamp may be from server time, and how long a nonce is remembered. */
    @WithDefault("15m")
    Duration timestampWindow();

    Demo demo();

    /**
     * The development accounts: provisioned in {@code %dev} only (with demo images, one shared from the first
     * account to the second); start-up fails if enabled in {@code %prod}.
     */
    interface Demo {
        @WithDefault("false")
        boolean enabled();

        @WithDefault("1000000000000001")
        long accountId();

        @WithDefault("LTAI5tDemoSwasDevOnly")
        String accessKeyId();

        @WithDefault("DemoSecretForLocalDevelopmentOnly")
        String secret();

        /** The second demo account, which the first shares an image with. */
        @WithDefault("1000000000000002")
        long peerAccountId();

        @WithDefault("LTAI5tDemoPeerDevOnly")
        String peerAccessKeyId();

        @WithDefault("DemoPeerSecretForLocalDevelopmentOnly")
        String peerSecret();
    }
}
