package cloud.swas.throttle;

import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** The per-minute limit of each action, resolved from {@link ThrottleConfig}. */
public final class QuotaPolicy {

    public static final int UNLIMITED = -1;

    private final ThrottleConfig config;

    public QuotaPolicy(ThrottleConfig config) {
        this.config = config;
    }

    public int limit(String action) {
        ThrottleConfig.ActionLimit override = config.actions().get(action);
        if (override == null) {
            return config.defaultPerMinute();
        }
        return override.enabled() ? override.perMinute().orElse(config.defaultPerMinute()) : UNLIMITED;
    }

    /** Actions whose throttling is switched off, for the start-up warning. */
    public TreeSet<String> disabledActions() {
        return config.actions().entrySet().stream()
                .filter(e -> !e.getValue().enabled())
                .map(Map.Entry::getKey)
                .collect(Collectors.toCollection(TreeSet::new));
    }
}
