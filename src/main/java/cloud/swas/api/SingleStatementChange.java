package cloud.swas.api;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;

/**
 * An action whose whole change is one SQL statement. The pipeline runs it, and when the call carries no
 * ClientToken it runs the call's admission (nonce claim, quota count) inside the same statement: one
 * round trip and one commit per call, atomic without a transaction. Its writes must therefore happen only
 * where the CTE {@code admitted} has a row (see {@link SqlPart}).
 *
 * @param <I> the validated input of the action
 */
public interface SingleStatementChange<I> extends ApiOperation<I> {

    /** The change: constant text, composed once with the admission's parts. */
    SqlPart change();

    /** The values of the change's named parameters for one call. */
    Map<String, Object> values(CallContext context, I input);

    /**
     * The call's result, read by column name from the statement's row, which exists only for an admitted
     * call; throws {@link ApiException} for a documented failure (e.g. no such image).
     */
    Object result(CallContext context, I input, ResultSet row) throws SQLException;

    /** Never called: the pipeline runs the statement ({@link #change()}) itself. */
    @Override
    default Object execute(CallContext context, I input) {
        throw new UnsupportedOperationException(action() + " is run by the pipeline as one statement");
    }
}
