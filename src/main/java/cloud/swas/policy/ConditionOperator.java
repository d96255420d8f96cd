package cloud.swas.policy;

import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * RAM's condition operators (https://www.alibabacloud.com/help/en/ram/conditional-operator). Names are
 * case-sensitive, as RAM's element names and operators are. A negated operator is true when the key's value
 * matches none of the listed values, and also when the call has no value for the key (AWS's documented rule,
 * which RAM's documentation does not contradict); a positive operator is false without a value.
 */
enum ConditionOperator {
    StringEquals(Category.STRING, Comparison.EQUALS, false),
    StringNotEquals(Category.STRING, Comparison.EQUALS, true),
    StringEqualsIgnoreCase(Category.STRING, Comparison.EQUALS_IGNORE_CASE, false),
    StringNotEqualsIgnoreCase(Category.STRING, Comparison.EQUALS_IGNORE_CASE, true),
    StringLike(Category.STRING, Comparison.LIKE, false),
    StringNotLike(Category.STRING, Comparison.LIKE, true),
    NumericEquals(Category.NUMERIC, Comparison.EQUALS, false),
    NumericNotEquals(Category.NUMERIC, Comparison.EQUALS, true),
    NumericLessThan(Category.NUMERIC, Comparison.LESS, false),
    NumericLessThanEquals(Category.NUMERIC, Comparison.LESS_OR_EQUAL, false),
    NumericGreaterThan(Category.NUMERIC, Comparison.GREATER, false),
    NumericGreaterThanEquals(Category.NUMERIC, Comparison.GREATER_OR_EQUAL, false),
    DateEquals(Category.DATE, Comparison.EQUALS, false),
    DateNotEquals(Category.DATE, Comparison.EQUALS, true),
    DateLessThan(Category.DATE, Comparison.LESS, false),
    DateLessThanEquals(Category.DATE, Comparison.LESS_OR_EQUAL, false),
    DateGreaterThan(Category.DATE, Comparison.GREATER, false),
    DateGreaterThanEquals(Category.DATE, Comparison.GREATER_OR_EQUAL, false),
    Bool(Category.BOOL, Comparison.EQUALS, false),
    IpAddress(Category.IP, Comparison.EQUALS, false),
    NotIpAddress(Category.IP, Comparison.EQUALS, true);

    enum Category { STRING, NUMERIC, DATE, BOOL, IP }

    enum Comparison { EQUALS, EQUALS_IGNORE_CASE, LIKE, LESS, LESS_OR_EQUAL, GREATER, GREATER_OR_EQUAL }

    private static final Map<String, ConditionOperator> BY_NAME = Stream.of(values())
            .collect(Collectors.toUnmodifiableMap(Enum::name, Function.identity()));

    final Category category;
    final Comparison comparison;
    final boolean negated;

    ConditionOperator(Category category, Comparison comparison, boolean negated) {
        this.category = category;
        this.comparison = comparison;
        this.negated = negated;
    }

    static ConditionOperator byName(String name) {
        return BY_NAME.get(name);
    }

    /**
     * Whether this operator reads a key of this type. String operators read a value's text, so they also apply to
     * the IP and Boolean keys (as in RAM and IAM); the time is no text (its rendering is not specified), and no
     * key here is numeric, so a Numeric operator has no key to apply to.
     */
    boolean accepts(ConditionKey.Type type) {
        switch (category) {
            case STRING:
                return type == ConditionKey.Type.IP || type == ConditionKey.Type.BOOL;
            case DATE:
                return type == ConditionKey.Type.DATE;
            case BOOL:
                return type == ConditionKey.Type.BOOL;
            case IP:
                return type == ConditionKey.Type.IP;
            default:
                return false;
        }
    }

    /** For a date or number: whether {@code actual} compares to {@code expected} as this operator asks. */
    boolean compare(long actual, long expected) {
        switch (comparison) {
            case LESS:
                return actual < expected;
            case LESS_OR_EQUAL:
                return actual <= expected;
            case GREATER:
                return actual > expected;
            case GREATER_OR_EQUAL:
                return actual >= expected;
            default:
                return actual == expected;
        }
    }
}
