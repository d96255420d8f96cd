package cloud.swas.bench;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.bodyString;
import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.during;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.group;
import static io.gatling.javaapi.core.CoreDsl.rampUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Session;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import io.gatling.javaapi.http.HttpRequestActionBuilder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Load test of the SWAS-OPEN service, every request signed with signature V1 like a real client.
 * One scenario per run, chosen with {@code -Dbench.scenario}:
 * <ul>
 *   <li>{@code A}: ModifyImageShareStatus over all bench accounts, Share then UnShare of a random image of a
 *       random account (each call a real state change), half of the calls with a fresh ClientToken; closed
 *       model, {@code bench.users} users looping for {@code bench.duration} seconds on keep-alive connections.
 *       Request names separate token-less and token-carrying calls.</li>
 *   <li>{@code A_OPEN}: the same requests, open model at {@code bench.rate} requests per second (to read
 *       p99 at a given load, e.g. half of the closed model's maximum), after a 10 s ramp.</li>
 *   <li>{@code B}: CreateCustomImage of ONE account, whose quota (10 per minute, throttling on for this
 *       action only) is exhausted at once: nearly every call is a {@code Throttling.User} rejection.</li>
 *   <li>{@code C}: ListCustomImages (first page of 10) of a random account.</li>
 * </ul>
 * With {@code bench.warmup} seconds, the same load runs first in this JVM, unmeasured (request names
 * prefixed {@code warm-up:}), so that Gatling's own JIT compilation is not charged to the measurement;
 * the measured requests are in the group {@code measured}, and the start snapshot is taken when the
 * measured part begins.
 * Data layout (seeded by bench/seed.sql): account {@code accountBase + a} for a in [0, accounts), key
 * {@code AK<accountId>} / {@code secret<accountId>}; image g in [0, images) is {@code m-b<g>} of account
 * index {@code g % accounts}, region cn-hangzhou.
 */
public class SwasSimulation extends Simulation {

    private static final String VERSION = "2020-06-01";
    private static final String REGION = "cn-hangzhou";
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'");

    private final String baseUrl = System.getProperty("bench.baseUrl", "http://127.0.0.1:8080");
    private final String scenarioName = System.getProperty("bench.scenario", "A");
    private final int users = Integer.getInteger("bench.users", 8);
    private final int duration = Integer.getInteger("bench.duration", 30);
    private final double rate = Double.parseDouble(System.getProperty("bench.rate", "100"));
    private final int accounts = Integer.getInteger("bench.accounts", 1000);
    private final long accountBase = Long.getLong("bench.accountBase", 1_000_000L);
    private final long images = Long.getLong("bench.images", 10_000L);
    private final long throttledAccount = Long.getLong("bench.throttledAccount", accountBase);
    /** Seconds of the same load before the measured part, in this JVM: Gatling's own JIT warm-up. */
    private final int warmup = Integer.getInteger("bench.warmup", 0);
    private final AtomicBoolean measuring = new AtomicBoolean();
    private static final String MEASURED = "measured";
    // Mac.getInstance walks the provider list: once per Gatling thread, not once per request.
    private static final ThreadLocal<Mac> HMAC_SHA1 = ThreadLocal.withInitial(() -> {
        try {
            return Mac.getInstance("HmacSHA1");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    });

    // ---- Signature V1 (contract section 2), as an SDK computes it -------------------------------------

    private static String percentEncode(String value) {
        StringBuilder out = new StringBuilder(value.length() + 16);
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9'
                    || c == '-' || c == '_' || c == '.' || c == '~') {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
    }

    /** The signed form body: every parameter plus the common signing ones, then {@code Signature}. */
    static String signedBody(long accountId, Map<String, String> apiParameters) {
        TreeMap<String, String> p = new TreeMap<>(apiParameters);
        p.put("AccessKeyId", "AK" + accountId);
        p.put("Version", VERSION);
        p.put("Format", "JSON");
        p.put("SignatureMethod", "HMAC-SHA1");
        p.put("SignatureVersion", "1.0");
        // A random nonce without SecureRandom: the generator's CPU is part of what the benchmark measures.
        ThreadLocalRandom random = ThreadLocalRandom.current();
        p.put("SignatureNonce", new UUID(random.nextLong(), random.nextLong()).toString());
        p.put("Timestamp", TIMESTAMP.format(ZonedDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS)));
        StringBuilder canonical = new StringBuilder(512);
        for (Map.Entry<String, String> e : p.entrySet()) {
            if (canonical.length() > 0) {
                canonical.append('&');
            }
            canonical.append(percentEncode(e.getKey())).append('=').append(percentEncode(e.getValue()));
        }
        String stringToSign = "POST&%2F&" + percentEncode(canonical.toString());
        try {
            Mac mac = HMAC_SHA1.get();
            mac.init(new SecretKeySpec(("secret" + accountId + "&").getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            String signature = Base64.getEncoder().encodeToString(mac.doFinal(stringToSign.getBytes(StandardCharsets.UTF_8)));
            return canonical.append("&Signature=").append(percentEncode(signature)).toString();
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---- Requests ----------------------------------------------------------------------------------------

    private final HttpProtocolBuilder protocol = http.baseUrl(baseUrl)
            .contentTypeHeader("application/x-www-form-urlencoded")
            .acceptHeader("application/json")
            .disableCaching()
            .shareConnections();

    /** Picks a random image and its owner for a Share/UnShare pair. */
    private Session pickImage(Session session) {
        long g = ThreadLocalRandom.current().nextLong(images);
        return session.set("account", accountBase + g % accounts).set("image", "m-b" + g);
    }

    /**
     * One request. In the measured part it sits in the group {@value #MEASURED}, whose statistics (one
     * request per group execution) are those of every measured request together; warm-up requests are
     * named apart and left out.
     */
    private static ChainBuilder request(boolean measured, HttpRequestActionBuilder request) {
        return measured ? group(MEASURED).on(exec(request)) : exec(request);
    }

    private static String name(boolean measured, String name) {
        return measured ? name : "warm-up: " + name;
    }

    /** One ModifyImageShareStatus call; with probability 1/2 it carries a fresh ClientToken. */
    private ChainBuilder modify(boolean measured, String operation) {
        String key = "body" + operation;
        return exec(session -> {
            TreeMap<String, String> p = new TreeMap<>();
            p.put("Action", "ModifyImageShareStatus");
            p.put("RegionId", REGION);
            p.put("ImageId", session.getString("image"));
            p.put("Operation", operation);
            boolean token = ThreadLocalRandom.current().nextBoolean();
            if (token) {
                ThreadLocalRandom random = ThreadLocalRandom.current();
                p.put("ClientToken", new UUID(random.nextLong(), random.nextLong()).toString());
            }
            return session.set(key, signedBody(session.getLong("account"), p)).set("token", token);
        }).doIfOrElse(session -> session.getBoolean("token")).then(
                request(measured, http(name(measured, "A Modify (ClientToken)")).post("/")
                        .body(StringBody("#{" + key + "}")).check(status().is(200)))
        ).orElse(
                request(measured, http(name(measured, "A Modify (no token)")).post("/")
                        .body(StringBody("#{" + key + "}")).check(status().is(200)))
        );
    }

    private ChainBuilder sharePair(boolean measured) {
        return exec(this::pickImage).exec(modify(measured, "Share")).exec(modify(measured, "UnShare"));
    }

    private ChainBuilder createThrottled(boolean measured) {
        return exec(session -> session.set("bodyCreate", signedBody(throttledAccount, Map.of(
                "Action", "CreateCustomImage", "RegionId", REGION, "ImageName", "bench-throttled",
                "InstanceId", "i-bench", "SystemSnapshotId", "s-bench"))))
                .exec(request(measured, http(name(measured, "B CreateCustomImage (one account over quota)"))
                        .post("/").body(StringBody("#{bodyCreate}"))
                        // 200 for the 10 admitted calls of each minute, 400 Throttling.User for every other one.
                        .check(status().in(200, 400))
                        .check(bodyString().transform(b -> b.contains("\"ImageId\"") || b.contains("Throttling.User"))
                                .is(true))));
    }

    private ChainBuilder list(boolean measured) {
        return exec(session -> session.set("bodyList", signedBody(
                        accountBase + ThreadLocalRandom.current().nextInt(accounts),
                        Map.of("Action", "ListCustomImages", "RegionId", REGION, "PageSize", "10"))))
                .exec(request(measured, http(name(measured, "C ListCustomImages")).post("/")
                        .body(StringBody("#{bodyList}")).check(status().is(200))));
    }

    /** The first user to reach the measured part takes the start snapshot. */
    private ChainBuilder startMeasuring() {
        return exec(session -> {
            if (measuring.compareAndSet(false, true)) {
                snapshot(System.getProperty("bench.label", scenarioName) + ".start");
            }
            return session;
        });
    }

    /** {@code users} users looping: {@link #warmup} seconds unmeasured, then {@link #duration} seconds measured. */
    private PopulationBuilder closed(String name, Function<Boolean, ChainBuilder> chain) {
        ScenarioBuilder measured = scenario(name).exec(startMeasuring())
                .during(Duration.ofSeconds(duration)).on(chain.apply(true));
        if (warmup <= 0) {
            return measured.injectOpen(atOnceUsers(users));
        }
        return scenario("warm-up: " + name).during(Duration.ofSeconds(warmup)).on(chain.apply(false))
                .injectOpen(atOnceUsers(users))
                .andThen(measured.injectOpen(atOnceUsers(users)));
    }

    /**
     * The open model: each arriving user makes one Share/UnShare pair, so rate/2 users per second are
     * rate requests per second. A 10 s ramp first (in the warm-up when there is one): a fresh Gatling JVM
     * injecting at full rate from its first second queues requests on its own (measured once: p99 766 ms
     * client-side while the service logged p99 16 ms).
     */
    private PopulationBuilder open(String name) {
        ScenarioBuilder measured = scenario(name).exec(startMeasuring()).exec(sharePair(true));
        if (warmup <= 0) {
            return measured.injectOpen(rampUsersPerSec(1).to(rate / 2).during(Duration.ofSeconds(10)),
                    constantUsersPerSec(rate / 2).during(Duration.ofSeconds(duration)));
        }
        return scenario("warm-up: " + name).exec(sharePair(false))
                .injectOpen(rampUsersPerSec(1).to(rate / 2).during(Duration.ofSeconds(10)),
                        constantUsersPerSec(rate / 2).during(Duration.ofSeconds(Math.max(1, warmup - 10))))
                .andThen(measured.injectOpen(constantUsersPerSec(rate / 2).during(Duration.ofSeconds(duration))));
    }

    /**
     * Resource snapshots of the service around the load (bench/snapshot.sh: CPU of the service and of its
     * database backends, RSS, machine CPU, round trips to PostgreSQL), appended to {@code bench.snapshotFile}.
     */
    private void snapshot(String label) {
        String script = System.getProperty("bench.snapshotScript");
        String file = System.getProperty("bench.snapshotFile");
        if (script == null || file == null) {
            return;
        }
        try {
            Process p = new ProcessBuilder("bash", script, label, System.getProperty("bench.servicePid", "0"),
                    System.getProperty("bench.db", "swas_bench"))
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(new java.io.File(file)))
                    .redirectError(ProcessBuilder.Redirect.INHERIT)
                    .start();
            p.waitFor();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void after() {
        snapshot(System.getProperty("bench.label", scenarioName) + ".end");
    }

    {
        PopulationBuilder population = switch (scenarioName) {
            case "A" -> closed("A ModifyImageShareStatus, " + users + " users", this::sharePair);
            // Each arriving user makes one Share/UnShare pair: rate/2 users per second = rate requests per second.
            // A 10 s ramp first: a fresh Gatling JVM injecting at full rate from its first second queues
            // requests on its own (measured: p99 766 ms client-side while the service logged p99 16 ms).
            case "A_OPEN" -> open("A ModifyImageShareStatus, open " + rate + " req/s");
            case "B" -> closed("B throttled CreateCustomImage, " + users + " users", this::createThrottled);
            case "C" -> closed("C ListCustomImages, " + users + " users", this::list);
            default -> throw new IllegalArgumentException("bench.scenario must be A, A_OPEN, B or C");
        };
        setUp(population).protocols(protocol);
    }
}
