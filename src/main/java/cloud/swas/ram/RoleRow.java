package cloud.swas.ram;

import java.time.Instant;

/** A RAM role as stored. */
record RoleRow(long accountId, String roleId, String roleName, String description, String trustPolicy,
               int maxSessionDuration, Instant createDate, Instant updateDate) {
}
