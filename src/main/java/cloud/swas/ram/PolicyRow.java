package cloud.swas.ram;

import java.time.Instant;

/** A custom policy as stored (its versions apart). */
record PolicyRow(long accountId, String policyName, String policyKey, String description, String defaultVersion,
                 int lastVersion, Instant createDate, Instant updateDate) {
}
