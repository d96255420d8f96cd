package cloud.swas.policy;

import java.time.Instant;

/**
 * The values of the condition keys of one call (contract 11.3).
 *
 * @param currentTime     {@code acs:CurrentTime}, the server's clock when the call was received (compared to the
 *                        second; null counts as no time: Date operators false, DateNotEquals true)
 * @param sourceIp        {@code acs:SourceIp}, the client's address: an IPv4 dotted quad or an IPv6 literal, without
 *                        brackets, port or zone ({@code ::ffff:a.b.c.d} counts as {@code a.b.c.d}); null or anything
 *                        else counts as no address (IpAddress false, NotIpAddress true). The String operators
 *                        compare this text as given, so pass a canonical form (compressed IPv6)
 * @param secureTransport {@code acs:SecureTransport}, whether the call came over TLS
 * @param mfaPresent      {@code acs:MFAPresent} (always false here)
 */
public record RequestFacts(Instant currentTime, String sourceIp, boolean secureTransport, boolean mfaPresent) {
}
