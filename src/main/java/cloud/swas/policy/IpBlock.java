package cloud.swas.policy;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * An IP address or CIDR block of {@code IpAddress}/{@code NotIpAddress}, IPv4 or IPv6, held as 128 bits: IPv4
 * {@code a.b.c.d/n} is the IPv4-mapped block {@code ::ffff:a.b.c.d/(96+n)}, so an IPv4 client also matches when it
 * reaches the service as an IPv4-mapped IPv6 address, and one comparison serves both families.
 *
 * <p>Literals only, never a name lookup: IPv4 is parsed here strictly (four decimal parts 0-255, no leading zeros,
 * none of the legacy short or octal forms {@code InetAddress} would accept); IPv6 goes through {@code InetAddress}
 * in brackets, which only ever parses a literal. Zone ids ({@code fe80::1%eth0}) are refused.
 */
record IpBlock(long high, long low, int prefix) {

    private static final long MAPPED_V4_HIGH = 0L;
    private static final long MAPPED_V4_LOW_PREFIX = 0x0000_ffff_0000_0000L;

    /** An address or block as written in a policy; null when it is neither. */
    static IpBlock parseBlock(String text) {
        int slash = text.indexOf('/');
        String address = slash < 0 ? text : text.substring(0, slash);
        long[] bits = parseAddress(address);
        if (bits == null) {
            return null;
        }
        boolean v4 = address.indexOf(':') < 0;
        int max = v4 ? 32 : 128;
        int prefix = max;
        if (slash >= 0) {
            String digits = text.substring(slash + 1);
            if (digits.isEmpty() || digits.length() > 3 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')
                    || (digits.length() > 1 && digits.charAt(0) == '0')) {
                return null;
            }
            prefix = Integer.parseInt(digits);
            if (prefix > max) {
                return null;
            }
        }
        int prefix128 = v4 ? prefix + 96 : prefix;
        // host bits are ignored, as CIDR matchers commonly do: 192.0.2.7/24 is 192.0.2.0/24
        return new IpBlock(bits[0] & highMask(prefix128), bits[1] & lowMask(prefix128), prefix128);
    }

    /** The client's address as 128 bits, or null when it is not an IPv4 or IPv6 literal. */
    static long[] parseAddress(String text) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        if (text.indexOf(':') < 0) {
            long v4 = parseV4(text);
            return v4 < 0 ? null : new long[] {MAPPED_V4_HIGH, MAPPED_V4_LOW_PREFIX | v4};
        }
        for (int k = 0; k < text.length(); k++) {
            char c = text.charAt(k);
            boolean ok = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F') || c == ':'
                    || c == '.';
            if (!ok) {
                return null;
            }
        }
        byte[] bytes;
        try {
            bytes = InetAddress.getByName("[" + text + "]").getAddress();
        } catch (UnknownHostException e) {
            return null;
        }
        if (bytes.length == 4) {
            // Java hands back an IPv4-mapped IPv6 literal as its IPv4 address
            return new long[] {MAPPED_V4_HIGH, MAPPED_V4_LOW_PREFIX | (toLong(bytes, 0, 4))};
        }
        return new long[] {toLong(bytes, 0, 8), toLong(bytes, 8, 16)};
    }

    boolean contains(long[] address) {
        return (address[0] & highMask(prefix)) == high && (address[1] & lowMask(prefix)) == low;
    }

    /** Dotted quad to its 32 bits, or -1. */
    private static long parseV4(String text) {
        long value = 0;
        int parts = 0;
        int k = 0;
        int n = text.length();
        while (k <= n) {
            int start = k;
            while (k < n && text.charAt(k) >= '0' && text.charAt(k) <= '9') {
                k++;
            }
            int len = k - start;
            if (len == 0 || len > 3 || (len > 1 && text.charAt(start) == '0')) {
                return -1;
            }
            int part = Integer.parseInt(text, start, k, 10);
            if (part > 255) {
                return -1;
            }
            value = (value << 8) | part;
            parts++;
            if (k == n) {
                break;
            }
            if (text.charAt(k) != '.' || parts == 4) {
                return -1;
            }
            k++;
        }
        return parts == 4 ? value : -1;
    }

    private static long toLong(byte[] bytes, int from, int to) {
        long v = 0;
        for (int k = from; k < to; k++) {
            v = (v << 8) | (bytes[k] & 0xff);
        }
        return v;
    }

    private static long highMask(int prefix) {
        return prefix <= 0 ? 0L : prefix >= 64 ? -1L : -1L << (64 - prefix);
    }

    private static long lowMask(int prefix) {
        return prefix <= 64 ? 0L : prefix >= 128 ? -1L : -1L << (128 - prefix);
    }
}
