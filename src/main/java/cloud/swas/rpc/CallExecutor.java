package cloud.swas.rpc;

import cloud.swas.api.ApiException;
import cloud.swas.api.ApiOperation;
import cloud.swas.api.ApiParameters;
import cloud.swas.api.CallContext;
import cloud.swas.api.ChangeCommitted;
import cloud.swas.api.SingleStatementChange;
import cloud.swas.auth.Caller;
import cloud.swas.idempotency.ClientTokens;
import cloud.swas.ram.Authorizer;
import cloud.swas.idempotency.RequestFingerprint;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;

/**
 * Runs an authenticated call: binds the operation's parameters, authorizes the call (the principal's RAM
 * policies against what the operation {@linkplain ApiOperation#requires requires}), admits it (nonce and quota), and
 * runs the operation, with ClientToken idempotency for mutating operations that carry a token, the same
 * way for every such operation.
 *
 * <p>One transaction style: every operation runs in a transaction this class opens
 * ({@link QuarkusTransaction}), which JDBC connections and Panache entities taken inside it join. The one
 * exception is a {@link SingleStatementChange} without a token: its change and the call's admission are one
 * statement, atomic on its own, in autocommit.
 */
@ApplicationScoped
class CallExecutor {

    private final ResponseRenderer renderer;
    private final Admission admission;
    private final ClientTokens tokens;
    private final OverloadGuard overload;
    private final Authorizer authorizer;
    private final Event<ChangeCommitted> committed;

    CallExecutor(ResponseRenderer renderer, Admission admission, ClientTokens tokens, OverloadGuard overload,
                 Authorizer authorizer, Event<ChangeCommitted> committed) {
        this.renderer = renderer;
        this.admission = admission;
        this.tokens = tokens;
        this.overload = overload;
        this.authorizer = authorizer;
        this.committed = committed;
    }

    <I> CallResult run(ApiOperation<I> operation, CallContext context, Caller caller, ApiParameters parameters) {
        String clientToken;
        I input;
        try {
            clientToken = operation.mutating() ? ClientTokens.tokenOf(parameters) : null;
            // Validation first: a request that is refused for its input never touches the token table.
            input = operation.bind(parameters);
        } catch (ApiException e) {
            // Still an authenticated call: it counts, and a replay or an over-quota call is told so first.
            overload.run(() -> admission.admit(caller, operation));
            throw e;
        }
        try {
            // Before anything is claimed or changed: a denied call spends its nonce, and nothing else.
            authorizer.authorize(context, operation.requires(context, input));
        } catch (ApiException e) {
            overload.run(() -> admission.spendNonce(caller));
            throw e;
        }
        CallResult result = perform(operation, context, caller, parameters, clientToken, input);
        if (operation.mutating() && !result.replayed()) {
            committed.fire(new ChangeCommitted(operation.version(), operation.action(), context.accountId()));
        }
        return result;
    }

    /** Admits and runs an authorized call; its change has committed when this returns. */
    private <I> CallResult perform(ApiOperation<I> operation, CallContext context, Caller caller,
                                   ApiParameters parameters, String clientToken, I input) {
        if (clientToken == null && operation instanceof SingleStatementChange<I> change) {
            return success(context, overload.run(() -> admission.admitAndRun(caller, change, context, input)));
        }
        // Admitted by its own statement, not inside the call's transaction: the quota row is the account's, and
        // holding its lock until that commit would queue all of the account's calls behind a slow one.
        overload.run(() -> admission.admit(caller, operation));
        if (clientToken == null) {
            return success(context, overload.run(() -> QuarkusTransaction.requiringNew()
                    .call(() -> execute(operation, context, input))));
        }
        String fingerprint = RequestFingerprint.of(parameters);
        long deadline = tokens.deadline();
        // A duplicate waits for its token's first call in memory, outside any turn of the overload guard.
        return tokens.oneAtATime(context.accountId(), clientToken, deadline,
                () -> overload.run(() -> QuarkusTransaction.requiringNew().call(() -> {
                    ClientTokens.Claim claim = tokens.claim(context, clientToken, fingerprint, deadline);
                    if (!claim.first()) {
                        return new CallResult(renderer.parse(claim.storedResponse()), true);
                    }
                    CallResult result = success(context, execute(operation, context, input));
                    tokens.store(context, clientToken, renderer.toJson(result.body()));
                    return result;
                })));
    }

    private <I> Object execute(ApiOperation<I> operation, CallContext context, I input) {
        return operation instanceof SingleStatementChange<I> change
                ? admission.runAdmitted(change, context, input)
                : operation.execute(context, input);
    }

    private CallResult success(CallContext context, Object result) {
        return new CallResult(renderer.successBody(context.requestId(), result), false);
    }
}
