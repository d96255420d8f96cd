package cloud.swas.api;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * A part of one SQL statement that several capabilities write together: common table expressions and
 * output columns, with named parameters ({@code :name}, bound by name, never by position). Parts refer to
 * each other only through these CTE names:
 * <ul>
 *   <li>{@code fresh_nonce}: one row when the call's signature nonce was unused (and now is used);</li>
 *   <li>{@code admitted}: one row when the call is admitted (fresh nonce, room in its quota). Every write
 *       of a {@link SingleStatementChange} requires it.</li>
 * </ul>
 * Output columns are read by their names ({@code AS name}), which are unique across the parts.
 *
 * @param ctes    common table expressions, comma-separated, without {@code WITH}
 * @param columns output columns, comma-separated, each {@code expression AS name}
 */
public record SqlPart(String ctes, String columns) {

    /** The parts in order: their CTEs, then their columns, as one {@code WITH ... SELECT ...}. */
    public static SqlPart compose(SqlPart... parts) {
        return new SqlPart(join(parts, SqlPart::ctes, ",\n"), join(parts, SqlPart::columns, ",\n    "));
    }

    public String sql() {
        return (ctes.isBlank() ? "" : "WITH " + ctes + "\n") + "SELECT " + columns;
    }

    private static String join(SqlPart[] parts, java.util.function.Function<SqlPart, String> piece, String separator) {
        return Arrays.stream(parts).map(piece).filter(s -> !s.isBlank()).collect(Collectors.joining(separator));
    }
}
