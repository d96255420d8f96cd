package cloud.swas.api;

import java.util.List;
import java.util.regex.Pattern;

/**
 * What one call needs from a RAM principal's policies (contract 11.4): a RAM action on every listed resource.
 * Every {@link ApiOperation} declares it for each call; the pipeline authorizes before anything changes.
 *
 * @param action    {@code <product>:<ActionName>}, or null when any authenticated caller may make the call
 * @param resources the ARNs this call acts on; each must be allowed (never empty when {@code action} is set)
 */
public record RamRequirement(String action, List<String> resources) {

    private static final Pattern ACTION = Pattern.compile("[a-z][a-z0-9-]*:[A-Z][A-Za-z0-9]*");

    public RamRequirement {
        if (action != null) {
            if (!ACTION.matcher(action).matches()) {
                throw new IllegalArgumentException("RAM action must read <product>:<Action>, was " + action);
            }
            if (resources == null || resources.isEmpty()) {
                throw new IllegalArgumentException(action + " names no resource");
            }
            resources = List.copyOf(resources);
        } else {
            resources = List.of();
        }
    }

    /** Any authenticated caller may make this call (ListRegions, GetCallerIdentity). */
    public static RamRequirement none() {
        return new RamRequirement(null, List.of());
    }

    public static RamRequirement of(String action, String resource) {
        return new RamRequirement(action, List.of(resource));
    }

    public static RamRequirement of(String action, List<String> resources) {
        return new RamRequirement(action, resources);
    }

    public boolean checked() {
        return action != null;
    }
}
