package cloud.swas.rpc;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The API's own Prometheus metrics, recorded once per RPC call by {@link RpcGateway}:
 * <ul>
 *   <li>{@code swas_api_requests_total{action,code,principal}}: calls by Action, result Code ({@code Success} or
 *       the catalog code, so throttled calls are {@code Throttling.User}, denied ones {@code Forbidden.RAM} and
 *       signature failures {@code SignatureDoesNotMatch}, ...) and the kind of principal ({@code account},
 *       {@code user}, {@code role-session}, or {@code none} before authentication), never its name;</li>
 *   <li>{@code swas_api_request_seconds{action}}: latency, with histogram buckets for percentiles;</li>
 *   <li>{@code swas_api_idempotent_replays_total{action}}: calls answered by replaying a ClientToken's outcome.</li>
 * </ul>
 * Tag values come from closed sets only (registered actions, the error catalog), never from the caller's
 * input, so the number of series stays bounded whatever clients send.
 */
@ApplicationScoped
public class ApiMetrics {

    /** The action tag of a call whose Action is missing or unknown. */
    public static final String UNKNOWN_ACTION = "unknown";
    /** The code tag of a successful call. */
    public static final String SUCCESS = "Success";
    /** The principal tag of a call refused before its caller was authenticated. */
    public static final String NO_PRINCIPAL = "none";

    private record Outcome(String action, String code, String principal) {
    }

    private final MeterRegistry registry;
    // Meters are looked up once per tag combination (both closed sets), not built and registered on every call.
    private final Map<Outcome, Counter> requests = new ConcurrentHashMap<>();
    private final Map<String, Timer> durations = new ConcurrentHashMap<>();
    private final Map<String, Counter> replays = new ConcurrentHashMap<>();

    ApiMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public void record(String action, String code, String principal, boolean replayed, long durationNanos) {
        requests.computeIfAbsent(new Outcome(action, code, principal),
                o -> registry.counter("swas.api.requests", "action", o.action(), "code", o.code(),
                        "principal", o.principal())).increment();
        durations.computeIfAbsent(action, a -> Timer.builder("swas.api.request")
                .description("Duration of RPC calls")
                .tag("action", a)
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(10))
                .register(registry)).record(durationNanos, TimeUnit.NANOSECONDS);
        if (replayed) {
            replays.computeIfAbsent(action, a -> registry.counter("swas.api.idempotent.replays", "action", a))
                    .increment();
        }
    }
}
