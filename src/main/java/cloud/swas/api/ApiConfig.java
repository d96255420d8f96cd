package cloud.swas.api;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of the RPC gateway ({@code swas.api.*}). */
@ConfigMapping(prefix = "swas.api")
public interface ApiConfig {

    /**
     * {@code flat} (default): {@code {"RequestId":...}}, what the live API and every official SDK use.
     * {@code wrapped}: {@code {"ModifyImageShareStatusResponse":{"RequestId":...}}}, the seed's JSON sample.
     */
    @WithDefault("flat")
    JsonStyle jsonStyle();

    /** At most this many parameters per request (query and body together). */
    @WithDefault("256")
    int maxParameters();

    /** At most this many characters in one parameter value. */
    @WithDefault("8192")
    int maxValueLength();

    /** Base of the {@code Recommend} link in error bodies; the code and RequestId are appended. */
    @WithDefault("https://api.aliyun.com/troubleshoot?product=SWAS-OPEN")
    String recommendBaseUrl();

    enum JsonStyle {
        FLAT, WRAPPED
    }
}
