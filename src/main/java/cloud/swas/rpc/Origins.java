package cloud.swas.rpc;

import cloud.swas.api.CallContext.Origin;
import cloud.swas.api.RpcRequest;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Where a call came from, for the policy conditions {@code acs:SourceIp} and {@code acs:SecureTransport} (contract
 * 11.3). The peer's address and TLS are facts; {@code X-Forwarded-For} and {@code X-Forwarded-Proto} are claims
 * anyone can send, so they count only when the peer is a configured trusted proxy ({@code swas.api.trusted-proxies}),
 * and then only up to the first hop that is not itself trusted.
 */
@ApplicationScoped
class Origins {

    /** An IP literal, never a host name: parsing one must not cost a DNS lookup. */
    private static final Pattern IP_LITERAL = Pattern.compile("[0-9]{1,3}(\\.[0-9]{1,3}){3}|[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

    /** Chains of proxies are short; past this many trusted hops the last one reached is taken as the source. */
    private static final int MAX_HOPS = 32;

    private final Set<String> trustedProxies;

    Origins(ApiConfig config) {
        this.trustedProxies = config.trustedProxies().orElse(List.of()).stream()
                .map(Origins::literal)
                .peek(address -> {
                    if (address == null) {
                        throw new IllegalArgumentException("swas.api.trusted-proxies takes IP addresses only");
                    }
                })
                .collect(Collectors.toUnmodifiableSet());
    }

    Origin of(RpcRequest request) {
        String peer = literal(request.remoteAddress());
        if (peer == null || !trustedProxies.contains(peer)) {
            return new Origin(peer, request.secure());
        }
        String client = peer;
        String forwardedFor = request.header("X-Forwarded-For");
        if (forwardedFor != null) {
            // Right to left: each trusted hop vouches for the one before it; the first untrusted hop is the client.
            // Read from the right end, never split with a limit: a limit keeps the header's tail, the hops our own
            // proxies appended, in one unreadable piece, and a client that sent enough hops would then pass as
            // the proxy itself. The header's size is bounded by the HTTP layer; the walk by MAX_HOPS.
            int end = forwardedFor.length();
            for (int examined = 0; end >= 0 && examined < MAX_HOPS; examined++) {
                int comma = forwardedFor.lastIndexOf(',', end - 1);
                String hop = literal(forwardedFor.substring(comma + 1, end).strip());
                if (hop == null) {
                    break;
                }
                client = hop;
                if (!trustedProxies.contains(hop)) {
                    break;
                }
                end = comma;
            }
        }
        String proto = request.header("X-Forwarded-Proto");
        boolean secure = request.secure()
                || proto != null && proto.split(",", 2)[0].strip().toLowerCase(Locale.ROOT).equals("https");
        return new Origin(client, secure);
    }

    /** The canonical text of an IP literal ({@code ::1}, not {@code 0:0:0:0:0:0:0:1}), or null for anything else. */
    static String literal(String text) {
        if (text == null || text.length() > 45 || !IP_LITERAL.matcher(text).matches()) {
            return null;
        }
        try {
            String address = InetAddress.getByName(text).getHostAddress();
            // getHostAddress writes IPv6 in full; the compressed form is what people write in policies.
            return address.contains(":") ? compress(address) : address;
        } catch (UnknownHostException | SecurityException e) {
            return null;
        }
    }

    /** RFC 5952's form: the longest run of two or more zero groups (the first of equals) written {@code ::}. */
    private static String compress(String full) {
        String[] groups = (full.contains("%") ? full.substring(0, full.indexOf('%')) : full).split(":");
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < groups.length; ) {
            int j = i;
            while (j < groups.length && groups[j].equals("0")) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j == i ? i + 1 : j;
        }
        if (bestStart < 0) {
            return String.join(":", groups);
        }
        return String.join(":", java.util.Arrays.copyOfRange(groups, 0, bestStart)) + "::"
                + String.join(":", java.util.Arrays.copyOfRange(groups, bestStart + bestLength, groups.length));
    }
}
