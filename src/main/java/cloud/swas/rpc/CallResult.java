package cloud.swas.rpc;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** The success of one call: its body ({@code RequestId} first), and whether it replays an earlier call's. */
record CallResult(ObjectNode body, boolean replayed) {
}
