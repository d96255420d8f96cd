package cloud.swas.policy;

/**
 * One operator applied to one key with its values (values OR); a statement's conditions are all of these (keys
 * AND, operators AND). Values are parsed at policy creation: a call compares numbers, bits and characters only.
 */
abstract class Condition {

    final ConditionOperator operator;
    final ConditionKey key;

    Condition(ConditionOperator operator, ConditionKey key) {
        this.operator = operator;
        this.key = key;
    }

    final boolean test(CallFacts call) {
        if (!call.has(key)) {
            return operator.negated;
        }
        return anyMatches(call) != operator.negated;
    }

    /** Whether the call's value of the key matches at least one of the values (the key has a value). */
    abstract boolean anyMatches(CallFacts call);

    static final class Text extends Condition {
        private final String[] values;
        private final Wildcard[] patterns;

        Text(ConditionOperator operator, ConditionKey key, String[] values) {
            super(operator, key);
            this.values = values.clone();
            if (operator.comparison == ConditionOperator.Comparison.LIKE) {
                patterns = new Wildcard[values.length];
                for (int k = 0; k < values.length; k++) {
                    patterns[k] = Wildcard.of(values[k]);
                }
            } else {
                patterns = null;
            }
        }

        @Override
        boolean anyMatches(CallFacts call) {
            String actual = call.text(key);
            for (int k = 0; k < values.length; k++) {
                boolean match;
                switch (operator.comparison) {
                    case LIKE:
                        match = patterns[k].matches(actual);
                        break;
                    case EQUALS_IGNORE_CASE:
                        match = values[k].equalsIgnoreCase(actual);
                        break;
                    default:
                        match = values[k].equals(actual);
                }
                if (match) {
                    return true;
                }
            }
            return false;
        }
    }

    /** Dates as epoch seconds: compared to the second, as the documented examples are written. */
    static final class Date extends Condition {
        private final long[] epochSeconds;

        Date(ConditionOperator operator, ConditionKey key, long[] epochSeconds) {
            super(operator, key);
            this.epochSeconds = epochSeconds.clone();
        }

        @Override
        boolean anyMatches(CallFacts call) {
            long now = call.epochSeconds();
            for (long value : epochSeconds) {
                if (operator.compare(now, value)) {
                    return true;
                }
            }
            return false;
        }
    }

    static final class Flag extends Condition {
        private final boolean allowsTrue;
        private final boolean allowsFalse;

        Flag(ConditionOperator operator, ConditionKey key, boolean allowsTrue, boolean allowsFalse) {
            super(operator, key);
            this.allowsTrue = allowsTrue;
            this.allowsFalse = allowsFalse;
        }

        @Override
        boolean anyMatches(CallFacts call) {
            return call.flag(key) ? allowsTrue : allowsFalse;
        }
    }

    static final class Address extends Condition {
        private final IpBlock[] blocks;

        Address(ConditionOperator operator, ConditionKey key, IpBlock[] blocks) {
            super(operator, key);
            this.blocks = blocks.clone();
        }

        @Override
        boolean anyMatches(CallFacts call) {
            long[] address = call.address();
            for (IpBlock block : blocks) {
                if (block.contains(address)) {
                    return true;
                }
            }
            return false;
        }
    }
}
