package cloud.swas.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.net.InetAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * Property-style check: on random policies and calls, the compiled engine decides exactly what a naive reference
 * evaluator decides. The reference shares no code with the engine: globs become java.util.regex patterns, ARNs
 * are split with String.split, addresses compared as BigIntegers from InetAddress, all recomputed per call.
 */
class PolicyReferenceTest {

    private static final String[] PRODUCTS = {"swas-open", "ecs", "ram"};
    private static final String[] NAMES = {"ListImages", "DeleteCustomImage", "DeleteCustomImages", "ListCustomImages",
            "DescribeImages"};
    private static final String[] REGIONS = {"cn-hangzhou", "cn-beijing", ""};
    private static final String[] ACCOUNTS = {"1234567890123", "1234567890124", "12345678901234"};
    private static final String[] IDS = {"customimage/m-abc", "customimage/m-abd", "customimage/M-ABC", "role/Admin",
            "role/admin", "user/alice", "image/m-abc"};
    private static final String[] BLOCKS = {"192.0.2.0/24", "192.0.2.128/25", "10.0.0.0/8", "0.0.0.0/0",
            "2001:db8::/32", "2001:db8:0:1::/64", "::1/128", "198.51.100.7"};
    private static final String[] CLIENTS = {"192.0.2.10", "192.0.2.200", "10.9.8.7", "198.51.100.7", "2001:db8::5",
            "2001:db8:0:1::9", "2001:db9::1", "::1"};

    /** A statement as data: what the reference evaluates and what is rendered to JSON for the engine. */
    record Stmt(boolean deny, boolean notAction, List<String> actions, List<String> resources, String ipOperator,
                List<String> blocks, Boolean secure, String dateOperator, Instant date) {
    }

    @Test
    void compiledEvaluationEqualsTheReference() {
        Random random = new Random(20261204L);
        int allowed = 0;
        int explicit = 0;
        int bySession = 0;
        for (int round = 0; round < 3000; round++) {
            List<List<Stmt>> policies = new ArrayList<>();
            int policyCount = random.nextInt(4);
            for (int p = 0; p < policyCount; p++) {
                policies.add(statements(random));
            }
            List<Stmt> session = random.nextInt(4) == 0 ? statements(random) : null;
            String action = pick(random, PRODUCTS) + ":" + pick(random, NAMES);
            if (random.nextBoolean()) {
                action = random.nextBoolean() ? action.toUpperCase() : action.toLowerCase();
            }
            List<String> resources = new ArrayList<>();
            int resourceCount = 1 + random.nextInt(3);
            for (int r = 0; r < resourceCount; r++) {
                resources.add(random.nextInt(8) == 0 ? "*" : "acs:" + pick(random, PRODUCTS) + ":"
                        + pick(random, REGIONS) + ":" + pick(random, ACCOUNTS) + ":" + pick(random, IDS));
            }
            RequestFacts facts = new RequestFacts(Instant.parse("2026-12-04T12:00:00Z").plusSeconds(random.nextInt(7) - 3),
                    random.nextInt(6) == 0 ? null : pick(random, CLIENTS), random.nextBoolean(), false);

            Decision expected = reference(policies, session, action, resources, facts);
            Decision actual = PolicyDocument.decide(policies.stream().map(s -> PolicyDocument.parse(render(s))).toList(),
                    session == null ? null : PolicyDocument.parse(render(session)), action, resources, facts);
            assertThat(actual).as("round %d: %s on %s with %s, policies %s, session %s", round, action, resources,
                    facts, policies, session).isEqualTo(expected);
            allowed += actual.allowed() ? 1 : 0;
            explicit += actual.explicitDeny() ? 1 : 0;
            bySession += actual.deniedBySession() ? 1 : 0;
        }
        // the random space must exercise every outcome, or the comparison proves little
        assertThat(allowed).isGreaterThan(100);
        assertThat(explicit).isGreaterThan(100);
        assertThat(bySession).isGreaterThan(50);
    }

    private static List<Stmt> statements(Random random) {
        List<Stmt> out = new ArrayList<>();
        int n = 1 + random.nextInt(5);
        for (int k = 0; k < n; k++) {
            List<String> actions = new ArrayList<>();
            for (int a = 0, m = 1 + random.nextInt(2); a < m; a++) {
                actions.add(random.nextInt(10) == 0 ? "*"
                        : mutate(random, pick(random, PRODUCTS)) + ":" + mutate(random, pick(random, NAMES)));
            }
            List<String> resources = new ArrayList<>();
            for (int r = 0, m = 1 + random.nextInt(2); r < m; r++) {
                resources.add(random.nextInt(5) == 0 ? "*" : resourcePattern(random));
            }
            String ipOperator = null;
            List<String> blocks = List.of();
            if (random.nextInt(4) == 0) {
                ipOperator = random.nextBoolean() ? "IpAddress" : "NotIpAddress";
                blocks = List.of(pick(random, BLOCKS), pick(random, BLOCKS));
            }
            Boolean secure = random.nextInt(5) == 0 ? random.nextBoolean() : null;
            String dateOperator = null;
            Instant date = null;
            if (random.nextInt(5) == 0) {
                dateOperator = pick(random, new String[] {"DateLessThan", "DateLessThanEquals", "DateGreaterThan",
                        "DateGreaterThanEquals", "DateEquals", "DateNotEquals"});
                date = Instant.parse("2026-12-04T12:00:00Z").plusSeconds(random.nextInt(5) - 2);
            }
            out.add(new Stmt(random.nextInt(3) == 0, random.nextInt(8) == 0, actions, resources, ipOperator, blocks,
                    secure, dateOperator, date));
        }
        return out;
    }

    private static String resourcePattern(Random random) {
        String[] fields = {"acs", pick(random, PRODUCTS), pick(random, REGIONS), pick(random, ACCOUNTS),
                pick(random, IDS)};
        for (int f = 1; f < fields.length; f++) {
            fields[f] = mutate(random, fields[f]);
        }
        int count = random.nextInt(6) == 0 ? 2 + random.nextInt(3) : 5;
        StringBuilder sb = new StringBuilder(fields[0]);
        for (int f = 1; f < count; f++) {
            sb.append(':').append(fields[f]);
        }
        if (count < 5) {
            sb.append('*');
        }
        return sb.toString();
    }

    /** Replaces a random run by * or one character by ?, or leaves the text. */
    private static String mutate(Random random, String s) {
        int choice = random.nextInt(6);
        if (s.isEmpty() || choice >= 3) {
            return choice == 5 ? s + "*" : s;
        }
        int at = random.nextInt(s.length());
        if (choice == 0) {
            return s.substring(0, at) + "?" + s.substring(at + 1);
        }
        int end = at + random.nextInt(s.length() - at + 1);
        return s.substring(0, at) + "*" + s.substring(end);
    }

    private static String pick(Random random, String[] values) {
        return values[random.nextInt(values.length)];
    }

    private static String render(List<Stmt> statements) {
        List<String> rendered = new ArrayList<>();
        for (Stmt s : statements) {
            StringBuilder sb = new StringBuilder("{\"Effect\":\"").append(s.deny() ? "Deny" : "Allow").append("\",\"")
                    .append(s.notAction() ? "NotAction" : "Action").append("\":").append(array(s.actions()))
                    .append(",\"Resource\":").append(array(s.resources()));
            List<String> conditions = new ArrayList<>();
            if (s.ipOperator() != null) {
                conditions.add("\"" + s.ipOperator() + "\":{\"acs:SourceIp\":" + array(s.blocks()) + "}");
            }
            if (s.secure() != null) {
                conditions.add("\"Bool\":{\"acs:SecureTransport\":\"" + s.secure() + "\"}");
            }
            if (s.dateOperator() != null) {
                conditions.add("\"" + s.dateOperator() + "\":{\"acs:CurrentTime\":\"" + s.date() + "\"}");
            }
            if (!conditions.isEmpty()) {
                sb.append(",\"Condition\":{").append(String.join(",", conditions)).append('}');
            }
            rendered.add(sb.append('}').toString());
        }
        return "{\"Version\":\"1\",\"Statement\":[" + String.join(",", rendered) + "]}";
    }

    private static String array(List<String> values) {
        return "[\"" + String.join("\",\"", values) + "\"]";
    }

    // ---- the reference ----

    private static Decision reference(List<List<Stmt>> policies, List<Stmt> session, String action,
                                      List<String> resources, RequestFacts facts) {
        if (session != null) {
            boolean denied = false;
            boolean explicit = false;
            for (String r : resources) {
                String v = verdict(List.of(session), action, r, facts);
                denied |= !v.equals("allow");
                explicit |= v.equals("deny");
            }
            if (denied) {
                return new Decision(false, explicit, true);
            }
        }
        boolean denied = false;
        boolean explicit = false;
        for (String r : resources) {
            String v = verdict(policies, action, r, facts);
            denied |= !v.equals("allow");
            explicit |= v.equals("deny");
        }
        return denied ? new Decision(false, explicit, false) : new Decision(true, false, false);
    }

    private static String verdict(List<List<Stmt>> policies, String action, String resource, RequestFacts facts) {
        boolean allow = false;
        for (List<Stmt> policy : policies) {
            for (Stmt s : policy) {
                boolean actionListed = s.actions().stream()
                        .anyMatch(p -> regex(p, Pattern.CASE_INSENSITIVE).matcher(action).matches());
                if (actionListed == s.notAction()) {
                    continue;
                }
                if (s.resources().stream().noneMatch(p -> resourceMatches(p, resource))) {
                    continue;
                }
                if (!conditions(s, facts)) {
                    continue;
                }
                if (s.deny()) {
                    return "deny";
                }
                allow = true;
            }
        }
        return allow ? "allow" : "none";
    }

    private static boolean resourceMatches(String pattern, String resource) {
        if (pattern.equals("*")) {
            return true;
        }
        String[] p = pattern.split(":", 5);
        String[] r = resource.split(":", p.length);
        if (r.length < p.length) {
            return false;
        }
        for (int k = 0; k < p.length; k++) {
            boolean ramName = k == 4 && resource.startsWith("acs:ram:")
                    && (r[4].toLowerCase().startsWith("role/") || r[4].toLowerCase().startsWith("user/"));
            if (!regex(p[k], ramName ? Pattern.CASE_INSENSITIVE : 0).matcher(r[k]).matches()) {
                return false;
            }
        }
        return true;
    }

    private static boolean conditions(Stmt s, RequestFacts facts) {
        if (s.ipOperator() != null) {
            boolean in = facts.sourceIp() != null && s.blocks().stream().anyMatch(b -> inBlock(facts.sourceIp(), b));
            boolean negated = s.ipOperator().equals("NotIpAddress");
            if (facts.sourceIp() == null ? !negated : in == negated) {
                return false;
            }
        }
        if (s.secure() != null && s.secure() != facts.secureTransport()) {
            return false;
        }
        if (s.dateOperator() != null) {
            long now = facts.currentTime().getEpochSecond();
            long at = s.date().getEpochSecond();
            boolean holds = switch (s.dateOperator()) {
                case "DateLessThan" -> now < at;
                case "DateLessThanEquals" -> now <= at;
                case "DateGreaterThan" -> now > at;
                case "DateGreaterThanEquals" -> now >= at;
                case "DateEquals" -> now == at;
                default -> now != at;
            };
            return holds;
        }
        return true;
    }

    private static boolean inBlock(String ip, String block) {
        try {
            String[] parts = block.split("/");
            byte[] a = InetAddress.getByName(ip).getAddress();
            byte[] b = InetAddress.getByName(parts[0]).getAddress();
            if (a.length != b.length) {
                return false;
            }
            int bits = a.length * 8;
            int prefix = parts.length > 1 ? Integer.parseInt(parts[1]) : bits;
            BigInteger x = new BigInteger(1, a).shiftRight(bits - prefix);
            BigInteger y = new BigInteger(1, b).shiftRight(bits - prefix);
            return x.equals(y);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final java.util.Map<String, Pattern> REGEXES = new java.util.HashMap<>();

    private static Pattern regex(String glob, int flags) {
        return REGEXES.computeIfAbsent(flags + "|" + glob, k -> toRegex(glob, flags));
    }

    private static Pattern toRegex(String glob, int flags) {
        StringBuilder sb = new StringBuilder();
        for (char c : glob.toCharArray()) {
            sb.append(c == '*' ? ".*" : c == '?' ? "." : Pattern.quote(String.valueOf(c)));
        }
        return Pattern.compile(sb.toString(), flags | Pattern.DOTALL);
    }
}
