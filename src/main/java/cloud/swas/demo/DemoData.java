package cloud.swas.demo;

import cloud.swas.auth.AccessKeyStore;
import cloud.swas.auth.AuthConfig;
import cloud.swas.image.CustomImage;
import cloud.swas.image.ImageShareAccount;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.ConfigUtils;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import java.time.Instant;
import org.jboss.logging.Logger;

/**
 * Dev mode's demo data ({@code swas.auth.demo.enabled}, on in {@code %dev}): two accounts with keys, a few
 * custom images of the first, one of them shared with the second, so that a developer sees every feature on
 * the first calls. Refused in {@code %prod}: these keys are printed and public.
 */
@ApplicationScoped
public class DemoData {

    private static final Logger LOG = Logger.getLogger(DemoData.class);
    /** The first account's image shared with the second account. */
    static final String SHARED_IMAGE = "m-demo0000000000000002";

    private final AuthConfig config;
    private final AccessKeyStore keys;

    DemoData(AuthConfig config, AccessKeyStore keys) {
        this.config = config;
        this.keys = keys;
    }

    /** Runs after the configured access keys are provisioned. */
    void onStart(@Observes @Priority(Interceptor.Priority.APPLICATION + 600) StartupEvent event) {
        AuthConfig.Demo demo = config.demo();
        if (!demo.enabled()) {
            return;
        }
        if (ConfigUtils.isProfileActive("prod")) {
            throw new IllegalStateException("swas.auth.demo.enabled=true is refused in the prod profile");
        }
        keys.upsert(demo.accountId(), demo.accessKeyId(), demo.secret());
        keys.upsert(demo.peerAccountId(), demo.peerAccessKeyId(), demo.peerSecret());
        QuarkusTransaction.requiringNew().run(() -> createImages(demo));
        // Deliberately printed: these keys exist only outside prod, to let a developer call the API at once.
        LOG.infof("Demo account %d: AccessKeyId=%s AccessKeySecret=%s (dev only); its images: %s and %s in "
                        + "cn-hangzhou (the second shared with account %d), %s in cn-shanghai", demo.accountId(),
                demo.accessKeyId(), demo.secret(), "m-demo0000000000000001", SHARED_IMAGE, demo.peerAccountId(),
                "m-demo0000000000000003");
        LOG.infof("Demo account %d: AccessKeyId=%s AccessKeySecret=%s (dev only); sees %s in cn-hangzhou, shared "
                + "with it", demo.peerAccountId(), demo.peerAccessKeyId(), demo.peerSecret(), SHARED_IMAGE);
    }

    private void createImages(AuthConfig.Demo demo) {
        if (CustomImage.count("accountId", demo.accountId()) > 0) {
            return;
        }
        String[][] images = {
                {"m-demo0000000000000001", "cn-hangzhou", "wordpress-base"},
                {SHARED_IMAGE, "cn-hangzhou", "lamp-stack"},
                {"m-demo0000000000000003", "cn-shanghai", "nginx-static"},
        };
        Instant now = Instant.now();
        for (String[] row : images) {
            CustomImage image = new CustomImage();
            image.accountId = demo.accountId();
            image.imageId = row[0];
            image.regionId = row[1];
            image.name = row[2];
            image.description = "Demo image";
            image.instanceId = "demo-instance";
            image.instanceName = "demo-instance";
            image.systemSnapshotId = "s-demo";
            image.status = CustomImage.STATUS_AVAILABLE;
            image.osType = CustomImage.LINUX;
            image.distribution = CustomImage.DEFAULT_DISTRIBUTION;
            image.requiredSystemDiskSize = CustomImage.DEFAULT_SYSTEM_DISK_GIB;
            image.createdAt = now;
            image.persist();
        }
        ImageShareAccount share = new ImageShareAccount();
        share.accountId = demo.accountId();
        share.imageId = SHARED_IMAGE;
        share.sharedAccountId = demo.peerAccountId();
        share.sharedAt = now;
        share.persist();
    }
}
