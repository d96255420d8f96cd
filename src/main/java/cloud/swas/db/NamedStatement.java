package cloud.swas.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * SQL with named parameters ({@code :name}), so that statements composed of several capabilities' parts
 * ({@link cloud.swas.api.SqlPart}) are bound by name, never by position. Parsed once; {@code ::} casts and
 * quoted literals are left alone. Hand-written because JDBC has no named parameters and the few lines do
 * not justify a query library next to Hibernate.
 */
public final class NamedStatement {

    private final String sql;
    private final List<String> names;

    private NamedStatement(String sql, List<String> names) {
        this.sql = sql;
        this.names = List.copyOf(names);
    }

    public static NamedStatement of(String namedSql) {
        StringBuilder out = new StringBuilder(namedSql.length());
        List<String> names = new ArrayList<>();
        boolean quoted = false;
        for (int i = 0; i < namedSql.length(); i++) {
            char c = namedSql.charAt(i);
            if (c == '\'') {
                quoted = !quoted;
            }
            if (!quoted && c == ':' && i + 1 < namedSql.length() && namedSql.charAt(i + 1) == ':') {
                out.append("::");
                i++;
            } else if (!quoted && c == ':' && i + 1 < namedSql.length()
                    && Character.isJavaIdentifierStart(namedSql.charAt(i + 1))) {
                int end = i + 1;
                while (end < namedSql.length() && Character.isJavaIdentifierPart(namedSql.charAt(end))) {
                    end++;
                }
                names.add(namedSql.substring(i + 1, end));
                out.append('?');
                i = end - 1;
            } else {
                out.append(c);
            }
        }
        return new NamedStatement(out.toString(), names);
    }

    /** The statement prepared on {@code connection}, every named parameter bound from {@code values}. */
    public PreparedStatement prepare(Connection connection, Map<String, ?> values) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        try {
            for (int i = 0; i < names.size(); i++) {
                String name = names.get(i);
                if (!values.containsKey(name)) {
                    throw new IllegalArgumentException("No value for :" + name);
                }
                bind(statement, i + 1, values.get(name));
            }
            return statement;
        } catch (SQLException | RuntimeException e) {
            statement.close();
            throw e;
        }
    }

    /** Reads one row of a result; may throw what JDBC throws. */
    @FunctionalInterface
    public interface RowConsumer {
        void accept(ResultSet row) throws SQLException;
    }

    /** Runs the query on a connection of its own from {@code dataSource} and hands every row to {@code consumer}. */
    public void forEachRow(DataSource dataSource, Map<String, ?> values, RowConsumer consumer) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = prepare(c, values);
             ResultSet r = s.executeQuery()) {
            while (r.next()) {
                consumer.accept(r);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Query failed", e);
        }
    }

    private static void bind(PreparedStatement statement, int index, Object value) throws SQLException {
        if (value instanceof Instant instant) {
            statement.setTimestamp(index, Timestamp.from(instant));
        } else {
            statement.setObject(index, value);
        }
    }

    @Override
    public String toString() {
        return sql;
    }
}
