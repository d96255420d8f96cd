package cloud.swas.throttle;

import cloud.swas.api.Products;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** The per-minute limit of each action, resolved from {@link ThrottleConfig}. */
public final class QuotaPolicy {

    public static final int UNLIMITED = -1;

    private final ThrottleConfig config;

    /**
     * @throws IllegalArgumentException for a limit of 0 or less: a quota that admits nothing is better said by
     *         {@code enabled=false} the other way round, and a typo must not start a service that refuses
     *         (or, as a silent floor of one, admits) an action's calls
     */
    public QuotaPolicy(ThrottleConfig config) {
        this.config = config;
        requirePositive("swas.throttle.default-per-minute", config.defaultPerMinute());
        config.actions().forEach((action, limit) -> limit.perMinute().ifPresent(
                perMinute -> requirePositive("swas.throttle.actions.\"" + action + "\".per-minute", perMinute)));
        config.products().forEach((product, perMinute) ->
                requirePositive("swas.throttle.products.\"" + product + "\".per-minute", perMinute.perMinute()));
    }

    private static void requirePositive(String key, int perMinute) {
        if (perMinute <= 0) {
            throw new IllegalArgumentException(key + " is " + perMinute + ": a per-minute limit must be 1 or more "
                    + "(to switch throttling off for an action, set swas.throttle.actions.\"<Action>\".enabled=false)");
        }
    }

    public int defaultLimit() {
        return config.defaultPerMinute();
    }

    /**
     * The limit of an action of the product with API version {@code version}: the action's own override, else its
     * product's default ({@code swas.throttle.products."Ram".per-minute}), else the default.
     */
    public int limit(String version, String action) {
        ThrottleConfig.ProductLimit product = config.products().get(Products.name(version));
        int fallback = product != null ? product.perMinute() : config.defaultPerMinute();
        ThrottleConfig.ActionLimit override = config.actions().get(action);
        if (override == null) {
            return fallback;
        }
        return override.enabled() ? override.perMinute().orElse(fallback) : UNLIMITED;
    }

    /** Actions whose throttling is switched off, for the start-up warning. */
    public TreeSet<String> disabledActions() {
        return config.actions().entrySet().stream()
                .filter(e -> !e.getValue().enabled())
                .map(Map.Entry::getKey)
                .collect(Collectors.toCollection(TreeSet::new));
    }
}
