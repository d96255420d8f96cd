package cloud.swas.policy;

import java.io.PrintStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A JMH-free micro-loop (not a test, never run by the build): decide() for a RAM user with 5 policies of 10
 * statements each, on one warm thread. Run with {@code java -cp <test-classes>:<classes>:<jackson> ...PolicyBench}.
 */
final class PolicyBench {

    private PolicyBench() {
    }

    public static void main(String[] args) {
        PrintStream out = System.out;
        List<PolicyDocument> policies = new ArrayList<>();
        for (int p = 0; p < 5; p++) {
            List<String> statements = new ArrayList<>();
            for (int s = 0; s < 10; s++) {
                String action = switch (s % 5) {
                    case 0 -> "swas-open:List*";
                    case 1 -> "ecs:Describe*";
                    case 2 -> "swas-open:ModifyImageShareStatus";
                    case 3 -> "swas-open:*CustomImageShareAccount";
                    default -> "ram:Get*";
                };
                String resource = "acs:swas-open:*:1234567890123:customimage/m-" + p + s + "*";
                String condition = s % 3 == 0
                        ? ",\"Condition\":{\"IpAddress\":{\"acs:SourceIp\":[\"10.0.0.0/8\",\"192.0.2.0/24\"]},"
                        + "\"DateLessThan\":{\"acs:CurrentTime\":\"2030-01-01T00:00:00Z\"}}" : "";
                statements.add("{\"Effect\":\"" + (s == 9 && p == 4 ? "Deny" : "Allow") + "\",\"Action\":[\"" + action
                        + "\",\"swas-open:Get" + s + "\"],\"Resource\":[\"" + resource + "\"]" + condition + "}");
            }
            // the last policy finally allows the benchmarked call, so every statement is looked at
            if (p == 4) {
                statements.set(8, "{\"Effect\":\"Allow\",\"Action\":\"swas-open:DeleteCustomImage\",\"Resource\":"
                        + "\"acs:swas-open:*:1234567890123:customimage/*\",\"Condition\":{\"IpAddress\":{\"acs:SourceIp\":"
                        + "\"192.0.2.0/24\"},\"Bool\":{\"acs:SecureTransport\":\"true\"}}}");
            }
            policies.add(PolicyDocument.parse("{\"Version\":\"1\",\"Statement\":[" + String.join(",", statements) + "]}"));
        }
        RequestFacts facts = new RequestFacts(Instant.parse("2026-12-04T12:00:00Z"), "192.0.2.10", true, false);
        List<String> one = List.of("acs:swas-open:cn-hangzhou:1234567890123:customimage/m-4fa1b2c3");
        String[] actions = {"swas-open:DeleteCustomImage", "swas-open:ListCustomImages", "swas-open:CreateCustomImage"};
        long sink = 0;
        for (int round = 0; round < 5; round++) {
            for (String action : actions) {
                int n = 1_000_000;
                long t0 = System.nanoTime();
                for (int i = 0; i < n; i++) {
                    sink += PolicyDocument.decide(policies, null, action, one, facts).allowed() ? 1 : 0;
                }
                long t1 = System.nanoTime();
                out.printf("round %d %-32s %s %.3f us/decide%n", round, action,
                        PolicyDocument.decide(policies, null, action, one, facts), (t1 - t0) / 1000.0 / n);
            }
        }
        int parses = 20_000;
        String text = policies.get(4).text();
        long t0 = System.nanoTime();
        for (int i = 0; i < parses; i++) {
            sink += PolicyDocument.parse(text).text().length();
        }
        out.printf("parse of a %d-character 10-statement document: %.1f us (sink %d)%n", text.length(),
                (System.nanoTime() - t0) / 1000.0 / parses, sink);
    }
}
