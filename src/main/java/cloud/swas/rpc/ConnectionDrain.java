package cloud.swas.rpc;

import io.netty.channel.Channel;
import io.quarkus.runtime.ShutdownDelayInitiatedEvent;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.net.impl.ConnectionBase;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * No request that a client wrote is left without an answer at shutdown. From SIGTERM on, Quarkus answers every
 * request with {@code Connection: close} and closes the connection after it (its graceful-shutdown filter), and
 * at the end it closes the HTTP server with every connection still open. Until then it keeps accepting: a
 * connection accepted just before that close, whose request was written but not yet answered, was closed
 * unanswered (17 of 1,878 keep-alive calls in a SIGTERM drill). So the listening socket closes first,
 * {@link ShutdownConfig#acceptConnectionsFor()} after SIGTERM: from then on a new connection is refused (nothing
 * sent, the client knows to try another replica), and for the rest of {@code quarkus.shutdown.delay} the
 * connections already accepted send their requests and get their answers. What is left open at the end has been
 * idle since, and is closed between requests.
 *
 * <p>Vert.x 4 has no public way to stop accepting without closing every connection; the listening socket is the
 * Netty parent channel of any request's connection ({@link ConnectionBase#channel()}), remembered as requests
 * come (a reference comparison per request).
 */
@ApplicationScoped
class ConnectionDrain {

    private static final Logger LOG = Logger.getLogger(ConnectionDrain.class);

    private final Vertx vertx;
    private final Duration acceptFor;
    private final Set<Channel> listeners = ConcurrentHashMap.newKeySet();
    private volatile Channel lastListener;

    ConnectionDrain(Vertx vertx, ShutdownConfig config) {
        this.vertx = vertx;
        this.acceptFor = config.acceptConnectionsFor();
    }

    void register(@Observes Filters filters) {
        // Before every other filter: also requests that LoadShedding refuses show the listener.
        filters.register(this::remember, 200);
    }

    private void remember(RoutingContext rc) {
        HttpConnection connection = rc.request().connection();
        if (connection instanceof ConnectionBase base) {
            Channel listener = base.channel().parent();
            if (listener != null && listener != lastListener) {
                lastListener = listener;
                listeners.add(listener);
            }
        }
        rc.next();
    }

    void onSigterm(@Observes ShutdownDelayInitiatedEvent event) {
        vertx.setTimer(Math.max(1, acceptFor.toMillis()), id -> stopAccepting());
    }

    private void stopAccepting() {
        for (Channel listener : listeners) {
            listener.close();
        }
        LOG.infof("Shutting down: new connections are refused (%d listening socket(s) closed); the connections "
                + "already accepted are answered until the HTTP server closes", listeners.size());
    }
}
