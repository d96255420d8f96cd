package cloud.swas.policy;

/** A policy document that is not valid; the message says what is wrong and where, for the caller to fix it. */
public class PolicyException extends RuntimeException {

    public PolicyException(String message) {
        super(message);
    }
}
