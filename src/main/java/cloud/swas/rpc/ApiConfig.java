package cloud.swas.rpc;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.List;
import java.util.Optional;

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

    /**
     * At most this many bytes in a request body; a larger one is {@code InvalidParameter}. The HTTP
     * layer's own caps ({@code quarkus.http.limits.*}) sit above these and answer without a body.
     */
    @WithDefault("65536")
    int maxBodyBytes();

    /** Base of the {@code Recommend} link in error bodies; the code and RequestId are appended. */
    @WithDefault("https://api.aliyun.com/troubleshoot?product=SWAS-OPEN")
    String recommendBaseUrl();

    /**
     * IP addresses of the proxies in front of the service (a load balancer, an ingress) whose
     * {@code X-Forwarded-For} and {@code X-Forwarded-Proto} are believed for {@code acs:SourceIp} and
     * {@code acs:SecureTransport}; from anyone else those headers are ignored. None by default.
     */
    Optional<List<String>> trustedProxies();

    enum JsonStyle {
        FLAT, WRAPPED
    }
}
