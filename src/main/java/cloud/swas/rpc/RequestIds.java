package cloud.swas.rpc;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Locale;
import java.util.UUID;

/** RequestIds as the live API prints them: an upper-case UUID. */
@ApplicationScoped
public class RequestIds {

    public String next() {
        return UUID.randomUUID().toString().toUpperCase(Locale.ROOT);
    }
}
