package cloud.swas.api;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** The result of one call: the success body ({@code RequestId} first), and whether it replays an earlier call. */
public record Outcome(ObjectNode body, boolean replayed) {
}
