package cloud.swas.policy;

import java.time.Instant;

/**
 * The values of the condition keys of one call (contract 11.3).
 *
 * @param currentTime     {@code acs:CurrentTime}, the server's clock when the call was received
 * @param sourceIp        {@code acs:SourceIp}, the client's address (IPv4 or IPv6 literal)
 * @param secureTransport {@code acs:SecureTransport}, whether the call came over TLS
 * @param mfaPresent      {@code acs:MFAPresent} (always false here)
 */
public record RequestFacts(Instant currentTime, String sourceIp, boolean secureTransport, boolean mfaPresent) {
}
