package cloud.swas.ram;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The system policies of contract 11.2: in every account, read-only (they cannot be created, versioned or deleted),
 * attachable to users and roles like custom policies. Their documents are Alibaba Cloud's where it publishes them;
 * {@code AliyunSWASReadOnlyAccess} is this service's definition.
 */
public final class SystemPolicies {

    /** A system policy; its only version is {@code v1}. */
    public record SystemPolicy(String name, String description, String document) {

        /** The name without regard to case, as attachments store it. */
        public String key() {
            return name.toLowerCase(Locale.ROOT);
        }
    }

    public static final String DEFAULT_VERSION = "v1";
    /** When the system policies "were created" (this service's choice: RAM's API version date). */
    public static final Instant CREATED = Instant.parse("2015-05-01T00:00:00Z");

    public static final List<SystemPolicy> ALL = List.of(
            policy("AdministratorAccess", "Provides full access to Alibaba Cloud services and resources.",
                    "\"*\"", "\"*\""),
            policy("AliyunECSReadOnlyAccess", "Provides read-only access to Elastic Compute Service(ECS).",
                    "\"ecs:Describe*\"", "\"*\""),
            policy("AliyunRAMFullAccess", "Provides full access to Resource Access Management(RAM).",
                    "\"ram:*\"", "\"*\""),
            policy("AliyunSTSAssumeRoleAccess", "Provides access to call Security Token Service(STS) AssumeRole.",
                    "\"sts:AssumeRole\"", "\"*\""),
            policy("AliyunSWASFullAccess", "Provides full access to Simple Application Server(SWAS).",
                    "\"swas-open:*\"", "\"*\""),
            policy("AliyunSWASReadOnlyAccess", "Provides read-only access to Simple Application Server(SWAS).",
                    "[\"swas-open:List*\", \"swas-open:Describe*\"]", "\"*\""));

    private static final Map<String, SystemPolicy> BY_KEY =
            ALL.stream().collect(Collectors.toUnmodifiableMap(SystemPolicy::key, Function.identity()));

    private SystemPolicies() {
    }

    /** The system policy of this name, compared without regard to case. */
    public static Optional<SystemPolicy> find(String name) {
        return Optional.ofNullable(BY_KEY.get(name.toLowerCase(Locale.ROOT)));
    }

    private static SystemPolicy policy(String name, String description, String action, String resource) {
        return new SystemPolicy(name, description, "{\"Version\": \"1\", \"Statement\": [{\"Effect\": \"Allow\", "
                + "\"Action\": " + action + ", \"Resource\": " + resource + "}]}");
    }
}
