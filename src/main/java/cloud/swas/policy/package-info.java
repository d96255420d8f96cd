/**
 * RAM's policy language (contract 11.3): {@link cloud.swas.policy.PolicyDocument#parse} and
 * {@link cloud.swas.policy.PolicyDocument#parseTrust} validate and compile a document once;
 * {@link cloud.swas.policy.PolicyDocument#decide} and {@link cloud.swas.policy.PolicyDocument#trusts} evaluate the
 * compiled form per call. Pure: imports nothing of ours, no I/O, no name lookups; documents are immutable and
 * thread-safe, so callers should cache the parsed document, not the text (a parse costs tens of microseconds, a
 * decision about one).
 *
 * <p>Sources: grammar https://www.alibabacloud.com/help/en/ram/policy-structure-and-syntax, elements
 * https://www.alibabacloud.com/help/en/ram/policy-elements, operators
 * https://www.alibabacloud.com/help/en/ram/conditional-operator, evaluation order
 * https://www.alibabacloud.com/help/en/ram/policy-evaluation-process, trust policies
 * https://www.alibabacloud.com/help/en/ram/user-guide/edit-the-trust-policy-of-a-ram-role.
 *
 * <p>This service's choices where RAM's documentation is silent or where strictness protects the caller:
 * <ul>
 * <li>Strict grammar: {@code Version} the string "1"; {@code Statement} a list (a single object is refused, as
 *     RAM's grammar has a list); element names, operators and Allow/Deny case-sensitive; duplicate keys, unknown
 *     elements, {@code Sid}, {@code NotResource} refused (a document accepted here is one RAM accepts, and a typo
 *     never silently widens or narrows a policy).</li>
 * <li>Condition keys: only the four this service sets ({@code acs:CurrentTime}, {@code acs:SourceIp},
 *     {@code acs:SecureTransport}, {@code acs:MFAPresent}, names case-insensitive); any other key, or an operator
 *     of the wrong type for the key (IpAddress on the time, Numeric on any key, Date on the address, String on the
 *     time), is refused at parse. String operators apply to the address and the Boolean keys as text.</li>
 * <li>A key without a value (no time, no or an unreadable address): positive operators are false, negated ones
 *     ({@code StringNot*}, {@code DateNotEquals}, {@code NotIpAddress}) true, as AWS documents.</li>
 * <li>Dates: ISO 8601 with an offset or Z (RAM's documented form), compared to the second; no offset, date-only
 *     and epoch seconds are refused (RAM documents none of them).</li>
 * <li>Addresses: IPv4 and IPv6 literals and CIDR blocks; IPv4 {@code a.b.c.d} and IPv4-mapped
 *     {@code ::ffff:a.b.c.d} are the same client; host bits of a block are ignored.</li>
 * <li>Resources: matched field by field (a wildcard never spans a colon, except in the relative id),
 *     case-sensitive except user and role names in {@code acs:ram} ARNs.</li>
 * <li>When both the session policy and the identity policies deny, the session policy is reported (RAM evaluates
 *     it first); a multi-resource call is denied if any resource is, the report preferring session over identity
 *     and explicit over implicit, independent of order.</li>
 * </ul>
 */
package cloud.swas.policy;
