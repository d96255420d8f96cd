package cloud.swas.auth;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * Access keys from a file ({@code swas.auth.access-keys-file}): one {@code accountId:accessKeyId:secret} per
 * line, optionally followed by {@code :Active} or {@code :Inactive}; {@code #} starts a comment. It is the
 * shape of a Kubernetes Secret mounted as a volume, which Kubernetes updates in place (a symlink swap): the
 * file is read at start-up and again whenever its content changes (looked at every
 * {@code swas.auth.access-keys-file-poll}), on every replica, and applied without a restart. A file with a
 * malformed line is not applied at all: the line's number is logged (never its text, which holds a secret)
 * and the keys in force stay as they are.
 *
 * <p>The secret may contain {@code :}; a secret that itself ends in {@code :Active} or {@code :Inactive} must
 * be followed by its status.
 */
@ApplicationScoped
public class AccessKeyFile {

    private static final Logger LOG = Logger.getLogger(AccessKeyFile.class);

    private final AccessKeyStore store;
    private final Optional<Path> file;
    /** The SHA-256 of the content last applied or refused as malformed: the same content is not applied twice. */
    private volatile byte[] lastSeen;

    AccessKeyFile(AccessKeyStore store, AuthConfig config) {
        this.store = store;
        this.file = config.accessKeysFile();
    }

    /** Before the demo data and the first request: the file's keys are in force once the service is up. */
    void onStart(@Observes @Priority(Interceptor.Priority.APPLICATION + 100) StartupEvent event) {
        file.ifPresent(path -> LOG.infof("Access keys from %s, re-read when it changes", path));
        poll();
    }

    @Scheduled(every = "${swas.auth.access-keys-file-poll:10s}", delayed = "${swas.auth.access-keys-file-poll:10s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void poll() {
        file.ifPresent(this::applyIfChanged);
    }

    private void applyIfChanged(Path path) {
        byte[] content;
        try {
            content = Files.readAllBytes(path);
        } catch (IOException e) {
            LOG.errorf("The access-key file %s cannot be read (%s); the keys in force stay", path,
                    e.getClass().getSimpleName());
            return;
        }
        byte[] hash = sha256(content);
        if (Arrays.equals(hash, lastSeen)) {
            return;
        }
        try {
            apply(path, new String(content, StandardCharsets.UTF_8));
            lastSeen = hash;
        } catch (RuntimeException e) {
            // The database, most likely: the same content is tried again at the next poll.
            LOG.warnf("The access-key file %s could not be applied now (%s); retried at the next poll", path,
                    e.getClass().getSimpleName());
        }
    }

    /** Reads and applies the file; null (nothing changed) when a line is malformed. */
    AccessKeyStore.FileSync apply(Path path, String content) {
        long started = System.nanoTime();
        List<AccessKeyStore.FileKey> keys = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        List<Integer> malformed = new ArrayList<>();
        String[] lines = content.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            AccessKeyStore.FileKey key = parse(line);
            if (key == null || !ids.add(key.accessKeyId())) {
                malformed.add(i + 1);
            } else {
                keys.add(key);
            }
        }
        if (!malformed.isEmpty()) {
            LOG.errorf("The access-key file %s has malformed lines (numbers %s; expected "
                    + "accountId:accessKeyId:secret[:Active|Inactive], key IDs unique): not applied, the keys in force "
                    + "stay", path, malformed.size() > 20 ? malformed.subList(0, 20) + "..." : malformed);
            return null;
        }
        AccessKeyStore.FileSync sync = store.syncFile(keys);
        LOG.infof("Access-key file %s applied: %d keys, %d written, %d set Inactive as removed, %d refused "
                        + "(key ID of another account), in %d ms", path, keys.size(), sync.written(), sync.deactivated(),
                sync.refused(), (System.nanoTime() - started) / 1_000_000);
        return sync;
    }

    private static AccessKeyStore.FileKey parse(String line) {
        String[] parts = line.split(":", -1);
        if (parts.length < 3) {
            return null;
        }
        int secretEnd = parts.length;
        boolean active = true;
        if (parts.length >= 4 && (parts[parts.length - 1].equals("Active") || parts[parts.length - 1].equals("Inactive"))) {
            active = parts[parts.length - 1].equals("Active");
            secretEnd--;
        }
        String secret = String.join(":", Arrays.asList(parts).subList(2, secretEnd));
        long accountId;
        try {
            accountId = Long.parseLong(parts[0]);
        } catch (NumberFormatException e) {
            return null;
        }
        if (accountId <= 0 || !AccessKey.wellFormedId(parts[1]) || secret.isEmpty()) {
            return null;
        }
        return new AccessKeyStore.FileKey(accountId, parts[1], secret, active);
    }

    private static byte[] sha256(byte[] content) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(content);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }
}
