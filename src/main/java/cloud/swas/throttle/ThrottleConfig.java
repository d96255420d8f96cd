package cloud.swas.throttle;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Map;
import java.util.Optional;

/**
 * Per-user quotas ({@code swas.throttle.*}): accepted calls per account, per action, per calendar
 * minute. The seed's limit, 10, is the default; an action can override it or be switched off (for
 * load tests), which is logged at start-up.
 */
@ConfigMapping(prefix = "swas.throttle")
public interface ThrottleConfig {

    @WithDefault("10")
    int defaultPerMinute();

    /** Overrides by action name, e.g. {@code swas.throttle.actions."ListCustomImages".per-minute=60}. */
    Map<String, ActionLimit> actions();

    /**
     * A product's own default, by its name ({@code SWAS-OPEN}, {@code Ecs}, {@code Ram}, {@code Sts}): RAM and STS
     * calls are how a test suite provisions its users and sessions, so they get more than the image actions' 10
     * (application.properties sets them); an action's override still wins.
     */
    Map<String, ProductLimit> products();

    interface ProductLimit {
        int perMinute();
    }

    interface ActionLimit {
        Optional<Integer> perMinute();

        /** {@code false} switches throttling off for the action (never silently: start-up logs it). */
        @WithDefault("true")
        boolean enabled();
    }
}
