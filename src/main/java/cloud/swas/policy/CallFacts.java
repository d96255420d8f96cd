package cloud.swas.policy;

/**
 * The condition keys' values of one call, read lazily and at most once per {@code decide}/{@code trusts}: the client
 * address is parsed only if some condition asks for it. Not shared between calls.
 */
final class CallFacts {

    private final RequestFacts facts;
    private long[] address;
    private boolean addressRead;

    CallFacts(RequestFacts facts) {
        this.facts = facts;
    }

    boolean has(ConditionKey key) {
        switch (key) {
            case CURRENT_TIME:
                return facts.currentTime() != null;
            case SOURCE_IP:
                // an address that is no IP literal counts as absent: IpAddress is then false, NotIpAddress true
                return address() != null;
            default:
                return true;
        }
    }

    long epochSeconds() {
        return facts.currentTime().getEpochSecond();
    }

    long[] address() {
        if (!addressRead) {
            address = IpBlock.parseAddress(facts.sourceIp());
            addressRead = true;
        }
        return address;
    }

    boolean flag(ConditionKey key) {
        return key == ConditionKey.MFA_PRESENT ? facts.mfaPresent() : facts.secureTransport();
    }

    /** The value as text, for the String operators: the address as the caller gave it, booleans as true/false. */
    String text(ConditionKey key) {
        switch (key) {
            case SOURCE_IP:
                return facts.sourceIp();
            case SECURE_TRANSPORT:
                return Boolean.toString(facts.secureTransport());
            case MFA_PRESENT:
                return Boolean.toString(facts.mfaPresent());
            default:
                throw new IllegalStateException("no text for " + key);
        }
    }
}
