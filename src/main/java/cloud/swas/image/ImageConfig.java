package cloud.swas.image;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Custom-image settings ({@code swas.image.*}). */
@ConfigMapping(prefix = "swas.image")
public interface ImageConfig {

    /** Custom images an account may hold per region (the live API's limit: 15); beyond it, {@code CustomImageQuotaLimit}. */
    @WithDefault("15")
    int customImageQuota();
}
