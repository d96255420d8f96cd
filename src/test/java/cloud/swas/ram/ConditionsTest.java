package cloud.swas.ram;

import static cloud.swas.ram.Conditions.assertAllowed;
import static cloud.swas.ram.Conditions.assertDenied;
import static cloud.swas.ram.Conditions.list;
import static cloud.swas.ram.Conditions.listing;

import cloud.swas.auth.AccessKeyStore;
import cloud.swas.support.Ram;
import cloud.swas.support.TestAccount;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Policy conditions through the API (contract 11.3): the facts of a real call (its peer address over the loopback,
 * plain HTTP, the time, no MFA) decide. No trusted proxy is configured here, so forwarded headers change nothing.
 */
@QuarkusTest
class ConditionsTest {

    private static final String PAST = "2020-01-01T00:00:00Z";
    private static final String FUTURE = "2100-01-01T00:00:00Z";

    @Inject
    AccessKeyStore keys;

    private TestAccount owner;

    @BeforeEach
    void freshAccount() {
        owner = TestAccount.fresh("cond");
        keys.upsert(owner.accountId(), owner.accessKeyId(), owner.secret());
    }

    /** A user of the fresh account with these policies attached. */
    private TestAccount user(String userName, String... documents) {
        TestAccount user = Ram.user(owner, userName);
        for (int i = 0; i < documents.length; i++) {
            Ram.grant(owner, userName, userName + "-" + i, documents[i]);
        }
        return user;
    }

    @Test
    void sourceIpAllowsTheLoopbackTheTestsCallFrom() {
        assertAllowed(list(user("loopback", listing("Allow", "IpAddress", "acs:SourceIp", "127.0.0.1/32"))));
    }

    @Test
    void sourceIpOutsideTheBlockIsAnImplicitDeny() {
        assertDenied(list(user("ten-only", listing("Allow", "IpAddress", "acs:SourceIp", "10.0.0.0/8"))), "ten-only",
                "ImplicitDeny");
    }

    @Test
    void notIpAddressDeniesTheLoopback() {
        TestAccount user = user("not-loopback", listing("Allow", "NotIpAddress", "acs:SourceIp", "127.0.0.0/8"));
        assertDenied(list(user), "not-loopback", "ImplicitDeny");
    }

    @Test
    void forwardedForIsIgnoredWithoutATrustedProxy() {
        TestAccount user = user("spoofer", listing("Allow", "IpAddress", "acs:SourceIp", "10.0.0.0/8"));
        assertDenied(list(user, Map.of("X-Forwarded-For", "10.1.2.3")), "spoofer", "ImplicitDeny");
        TestAccount loopback = user("loopback-spoofed", listing("Allow", "IpAddress", "acs:SourceIp", "127.0.0.1/32"));
        assertAllowed(list(loopback, Map.of("X-Forwarded-For", "10.1.2.3")));
    }

    @Test
    void secureTransportIsFalseOverPlainHttp() {
        TestAccount tls = user("tls-only", listing("Allow", "Bool", "acs:SecureTransport", "true"));
        assertDenied(list(tls), "tls-only", "ImplicitDeny");
        assertDenied(list(tls, Map.of("X-Forwarded-Proto", "https")), "tls-only", "ImplicitDeny");
        assertAllowed(list(user("plain-ok", listing("Allow", "Bool", "acs:SecureTransport", "false"))));
    }

    @Test
    void aDenyAfterAPastDateIsAnExplicitDeny() {
        String allow = Ram.statement("Allow", "swas-open:ListCustomImages", "*");
        assertDenied(list(user("expired", allow, listing("Deny", "DateGreaterThan", "acs:CurrentTime", PAST))),
                "expired", "ExplicitDeny");
        assertAllowed(list(user("not-yet", allow, listing("Deny", "DateGreaterThan", "acs:CurrentTime", FUTURE))));
    }

    @Test
    void anAllowUntilAPastDateNoLongerAllows() {
        assertDenied(list(user("was-allowed", listing("Allow", "DateLessThan", "acs:CurrentTime", PAST))),
                "was-allowed", "ImplicitDeny");
        assertAllowed(list(user("still-allowed", listing("Allow", "DateLessThan", "acs:CurrentTime", FUTURE))));
    }

    @Test
    void mfaIsNeverPresent() {
        assertDenied(list(user("mfa", listing("Allow", "Bool", "acs:MFAPresent", "true"))), "mfa", "ImplicitDeny");
        assertAllowed(list(user("no-mfa", listing("Allow", "Bool", "acs:MFAPresent", "false"))));
    }
}
