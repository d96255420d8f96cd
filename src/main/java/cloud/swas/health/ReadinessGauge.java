package cloud.swas.health;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.smallrye.health.SmallRyeHealthReporter;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * {@code swas_readiness}: 1 while {@code /q/health/ready} is UP, 0 while it is DOWN, evaluated at each scrape.
 * Kubernetes only acts on readiness; this gauge lets Prometheus see it too, so that a pod flapping between
 * ready and not ready raises an alert ({@code src/main/kubernetes/kubernetes.yml}).
 */
@ApplicationScoped
public class ReadinessGauge implements MeterBinder {

    private final SmallRyeHealthReporter health;

    ReadinessGauge(SmallRyeHealthReporter health) {
        this.health = health;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("swas.readiness", health, h -> h.getReadiness().isDown() ? 0 : 1)
                .description("1 while the readiness checks are UP")
                .register(registry);
    }
}
