package cloud.swas.support;

import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * The spans of the test application, kept in memory: Quarkus exports to every CDI {@code SpanExporter} bean, and
 * with one present it sets up no OTLP exporter, so tests trace without sending anything anywhere.
 */
@ApplicationScoped
public class InMemorySpans {

    @Produces
    @Singleton
    InMemorySpanExporter exporter() {
        return InMemorySpanExporter.create();
    }
}
