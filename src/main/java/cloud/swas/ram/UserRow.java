package cloud.swas.ram;

import java.time.Instant;

/** A RAM user as stored. */
record UserRow(long accountId, String userId, String userName, String displayName, String comments,
               Instant createDate, Instant updateDate) {
}
