package cloud.swas.demo;

import cloud.swas.auth.AuthConfig;
import cloud.swas.image.CustomImage;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import io.quarkus.narayana.jta.QuarkusTransaction;
import java.time.Instant;
import org.jboss.logging.Logger;

/** A few images for the demo account, so that a developer sees data on the first ListCustomImages. */
@ApplicationScoped
public class DemoData {

    private static final Logger LOG = Logger.getLogger(DemoData.class);

    private final AuthConfig config;

    DemoData(AuthConfig config) {
        this.config = config;
    }

    /** Runs after the access keys (and so the demo account) are provisioned. */
    void onStart(@Observes @Priority(Interceptor.Priority.APPLICATION + 600) StartupEvent event) {
        AuthConfig.Demo demo = config.demo();
        if (demo.enabled()) {
            QuarkusTransaction.requiringNew().run(() -> createFor(demo));
        }
    }

    private void createFor(AuthConfig.Demo demo) {
        if (CustomImage.count("accountId", demo.accountId()) > 0) {
            return;
        }
        String[][] images = {
                {"m-demo0000000000000001", "cn-hangzhou", "wordpress-base"},
                {"m-demo0000000000000002", "cn-hangzhou", "lamp-stack"},
                {"m-demo0000000000000003", "cn-shanghai", "nginx-static"},
        };
        for (String[] row : images) {
            CustomImage image = new CustomImage();
            image.accountId = demo.accountId();
            image.imageId = row[0];
            image.regionId = row[1];
            image.name = row[2];
            image.description = "Demo image";
            image.instanceId = "demo-instance";
            image.systemSnapshotId = "s-demo";
            image.status = CustomImage.STATUS_AVAILABLE;
            image.createdAt = Instant.now();
            image.persist();
        }
        LOG.infof("Created %d demo images for account %d", images.length, demo.accountId());
    }
}
