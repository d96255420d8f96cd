package cloud.swas.rpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cloud.swas.api.CallContext.Origin;
import cloud.swas.api.RpcRequest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Where a call came from (contract 11.3, {@code acs:SourceIp} and {@code acs:SecureTransport}): forwarded headers
 * count only from a trusted proxy, walked right to left up to the first hop that is not trusted; addresses are
 * IP literals in their canonical form, host names are never looked up.
 */
class OriginsTest {

    /** The proxies of these tests: a load balancer on the loopback and two hops in documentation ranges. */
    private static final Origins ORIGINS = origins("127.0.0.1", "192.0.2.10", "192.0.2.11", "::1");

    private static Origins origins(String... trusted) {
        return new Origins(config(List.of(trusted)));
    }

    private static ApiConfig config(List<String> trusted) {
        return new ApiConfig() {
            @Override
            public JsonStyle jsonStyle() {
                return JsonStyle.FLAT;
            }

            @Override
            public int maxParameters() {
                return 256;
            }

            @Override
            public int maxValueLength() {
                return 8192;
            }

            @Override
            public int maxBodyBytes() {
                return 65536;
            }

            @Override
            public String recommendBaseUrl() {
                return "https://example.invalid/";
            }

            @Override
            public Optional<List<String>> trustedProxies() {
                return Optional.of(trusted);
            }
        };
    }

    private static Origin from(Origins origins, String peer, boolean tls, String... headerPairs) {
        Map<String, String> headers = new HashMap<>();
        for (int i = 0; i < headerPairs.length; i += 2) {
            headers.put(headerPairs[i], headerPairs[i + 1]);
        }
        return origins.of(new RpcRequest("POST", "/", "", "", new byte[0], headers::get, "localhost", peer, tls));
    }

    private static Origin from(String peer, String... headerPairs) {
        return from(ORIGINS, peer, false, headerPairs);
    }

    @Test
    void anUntrustedPeersForwardedHeadersAreIgnored() {
        assertThat(from("198.51.100.7", "X-Forwarded-For", "203.0.113.9", "X-Forwarded-Proto", "https"))
                .isEqualTo(new Origin("198.51.100.7", false));
        assertThat(from(origins(), "127.0.0.1", false, "X-Forwarded-For", "203.0.113.9", "X-Forwarded-Proto", "https"))
                .isEqualTo(new Origin("127.0.0.1", false));
    }

    @Test
    void aTrustedPeerWithoutHeadersIsTheSource() {
        assertThat(from("127.0.0.1")).isEqualTo(new Origin("127.0.0.1", false));
        assertThat(from(ORIGINS, "127.0.0.1", true)).isEqualTo(new Origin("127.0.0.1", true));
    }

    @Test
    void theWalkGoesRightToLeftOverTrustedHopsAndStopsAtTheFirstUntrustedOne() {
        assertThat(from("127.0.0.1", "X-Forwarded-For", "203.0.113.9").sourceIp()).isEqualTo("203.0.113.9");
        assertThat(from("127.0.0.1", "X-Forwarded-For", "203.0.113.9, 192.0.2.11, 192.0.2.10").sourceIp())
                .isEqualTo("203.0.113.9");
        // Whatever the client wrote before the hop our proxies saw is a claim of the client: never believed.
        assertThat(from("127.0.0.1", "X-Forwarded-For", "198.51.100.1, 203.0.113.9, 192.0.2.10").sourceIp())
                .isEqualTo("203.0.113.9");
        assertThat(from("127.0.0.1", "X-Forwarded-For", "192.0.2.11,192.0.2.10").sourceIp()).isEqualTo("192.0.2.11");
    }

    @Test
    void aGarbageHopEndsTheWalkAtTheLastAddressVouchedFor() {
        assertThat(from("127.0.0.1", "X-Forwarded-For", "198.51.100.1, unknown").sourceIp()).isEqualTo("127.0.0.1");
        assertThat(from("127.0.0.1", "X-Forwarded-For", "198.51.100.1, not-an-ip, 192.0.2.10").sourceIp())
                .isEqualTo("192.0.2.10");
        assertThat(from("127.0.0.1", "X-Forwarded-For", "198.51.100.1, , 192.0.2.10").sourceIp())
                .isEqualTo("192.0.2.10");
        assertThat(from("127.0.0.1", "X-Forwarded-For", "198.51.100.1, 999.1.1.1").sourceIp()).isEqualTo("127.0.0.1");
    }

    /**
     * A client may send any number of hops before the one our proxy appends: the rightmost hops decide, however
     * long the header; the client must not be able to come out as the proxy's own (trusted, often internal) address.
     */
    @Test
    void aLongHeaderIsStillReadFromTheRight() {
        String spoofed = "198.51.100.1, ".repeat(40);
        assertThat(from("127.0.0.1", "X-Forwarded-For", spoofed + "203.0.113.9").sourceIp()).isEqualTo("203.0.113.9");
        assertThat(from("127.0.0.1", "X-Forwarded-For", spoofed + "203.0.113.9, 192.0.2.11, 192.0.2.10").sourceIp())
                .isEqualTo("203.0.113.9");
    }

    @Test
    void forwardedProtoCountsFromATrustedPeerOnly() {
        assertThat(from("127.0.0.1", "X-Forwarded-Proto", "https").secureTransport()).isTrue();
        assertThat(from("127.0.0.1", "X-Forwarded-Proto", "HTTPS, http").secureTransport()).isTrue();
        assertThat(from("127.0.0.1", "X-Forwarded-Proto", "http").secureTransport()).isFalse();
        assertThat(from("127.0.0.1", "X-Forwarded-Proto", "http, https").secureTransport()).isFalse();
        assertThat(from("198.51.100.7", "X-Forwarded-Proto", "https").secureTransport()).isFalse();
        assertThat(from(ORIGINS, "198.51.100.7", true, "X-Forwarded-Proto", "http").secureTransport()).isTrue();
    }

    @Test
    void ipv6IsWrittenCompressedAsPeopleWriteItInPolicies() {
        assertThat(Origins.literal("0:0:0:0:0:0:0:1")).isEqualTo("::1");
        assertThat(Origins.literal("::1")).isEqualTo("::1");
        // Two equal runs of zeros: the first one is compressed (RFC 5952 4.2.3).
        assertThat(Origins.literal("2001:db8:0:0:1:0:0:1")).isEqualTo("2001:db8::1:0:0:1");
        assertThat(Origins.literal("2001:0DB8:0000:0000:0000:0000:0000:0001")).isEqualTo("2001:db8::1");
        // A single zero group is not compressed (RFC 5952 4.2.2).
        assertThat(Origins.literal("2001:db8:0:1:1:1:1:1")).isEqualTo("2001:db8:0:1:1:1:1:1");
        assertThat(Origins.literal("0:0:0:0:0:0:0:0")).isEqualTo("::");
        // The peer as Vert.x reports it and the proxy as configured meet in the same form.
        assertThat(from("0:0:0:0:0:0:0:1", "X-Forwarded-For", "2001:db8:0:0:0:0:0:1").sourceIp())
                .isEqualTo("2001:db8::1");
    }

    @Test
    void aHostNameIsNeverResolved() {
        // localhost resolves on every machine (/etc/hosts): an answer other than null would mean it was looked up.
        assertThat(Origins.literal("localhost")).isNull();
        assertThat(Origins.literal("example.com")).isNull();
        assertThat(Origins.literal("1.2.3")).isNull();
        assertThat(Origins.literal("")).isNull();
        assertThat(Origins.literal(null)).isNull();
        assertThat(from("127.0.0.1", "X-Forwarded-For", "localhost").sourceIp()).isEqualTo("127.0.0.1");
        assertThat(from("localhost", "X-Forwarded-For", "203.0.113.9").sourceIp()).isNull();
    }

    @Test
    void aTrustedProxyMustBeAnAddress() {
        assertThatThrownBy(() -> origins("127.0.0.1", "proxy.internal"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("swas.api.trusted-proxies");
    }
}
