package cloud.swas.ecs;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The ECS view's settings ({@code swas.ecs.*}). */
@ConfigMapping(prefix = "swas.ecs")
public interface EcsConfig {

    /**
     * The account ECS shows as the owner ({@code ImageOwnerId}) of the images SWAS shares to it: the SWAS
     * service's own account, from which ECS sees them shared.
     */
    @WithDefault("1500000000000000")
    long serviceAccountId();
}
