package cloud.swas.ram;

import static cloud.swas.ram.Conditions.assertAllowed;
import static cloud.swas.ram.Conditions.assertDenied;
import static cloud.swas.ram.Conditions.list;
import static cloud.swas.ram.Conditions.listing;

import cloud.swas.auth.AccessKeyStore;
import cloud.swas.support.Ram;
import cloud.swas.support.TestAccount;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Behind a trusted proxy (contract 11.3): the tests' client, on 127.0.0.1 (ConditionsTest shows that the loopback
 * is the peer), is configured as the proxy, so its {@code X-Forwarded-For} and {@code X-Forwarded-Proto} decide
 * {@code acs:SourceIp} and {@code acs:SecureTransport}. The headers are only strings: nothing is sent to 10.1.2.3.
 */
@QuarkusTest
@TestProfile(TrustedProxyTest.LoopbackProxy.class)
class TrustedProxyTest {

    public static class LoopbackProxy implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("swas.api.trusted-proxies", "127.0.0.1");
        }
    }

    @Inject
    AccessKeyStore keys;

    private TestAccount owner;

    @BeforeEach
    void freshAccount() {
        owner = TestAccount.fresh("proxy");
        keys.upsert(owner.accountId(), owner.accessKeyId(), owner.secret());
    }

    private TestAccount user(String userName, String document) {
        TestAccount user = Ram.user(owner, userName);
        Ram.grant(owner, userName, userName + "-policy", document);
        return user;
    }

    @Test
    void theForwardedAddressIsTheSourceIp() {
        TestAccount user = user("internal", listing("Allow", "IpAddress", "acs:SourceIp", "10.0.0.0/8"));
        assertAllowed(list(user, Map.of("X-Forwarded-For", "10.1.2.3")));
        // A client's own claim before the hop the proxy saw is not believed.
        assertDenied(list(user, Map.of("X-Forwarded-For", "10.1.2.3, 198.51.100.7")), "internal", "ImplicitDeny");
        // Without the header the proxy itself is the source.
        assertDenied(list(user), "internal", "ImplicitDeny");
    }

    @Test
    void theProxysOwnAddressNoLongerCountsOnceItForwards() {
        TestAccount user = user("loopback", listing("Allow", "IpAddress", "acs:SourceIp", "127.0.0.1/32"));
        assertAllowed(list(user));
        assertDenied(list(user, Map.of("X-Forwarded-For", "10.1.2.3")), "loopback", "ImplicitDeny");
    }

    @Test
    void forwardedHttpsIsSecureTransport() {
        TestAccount user = user("tls-only", listing("Allow", "Bool", "acs:SecureTransport", "true"));
        assertAllowed(list(user, Map.of("X-Forwarded-Proto", "https")));
        assertDenied(list(user, Map.of("X-Forwarded-Proto", "http")), "tls-only", "ImplicitDeny");
        assertDenied(list(user), "tls-only", "ImplicitDeny");
    }
}
