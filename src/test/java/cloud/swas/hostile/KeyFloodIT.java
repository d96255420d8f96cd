package cloud.swas.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import cloud.swas.api.PercentEncoding;
import cloud.swas.support.Api;
import cloud.swas.support.PackagedService;
import cloud.swas.support.TestAccount;
import cloud.swas.support.TestDatabase;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.RestAssured;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Nothing an unauthenticated caller sends makes the service keep memory (issue 29): the packaged jar with a 64 MB
 * heap gets 20,000 distinct unknown AccessKeyIds of 8 KB each and a few thousand distinct unknown ones of the
 * stored form, with a valid timestamp and any signature. Every answer must be the documented 404, a signed call
 * and liveness must still answer afterwards, and the live heap (after a full collection) must not have grown by
 * more than 10 MB. Before the fix every unknown ID stayed cached until 100,000 of them: the heap filled after
 * about 6,000 such requests, and the process stopped answering.
 */
class KeyFloodIT {

    private static final Logger LOG = Logger.getLogger(KeyFloodIT.class);
    private static final int LONG_IDS = 20_000;
    private static final int SHORT_IDS = 3_000;
    private static final int LONG_ID_LENGTH = 8192;
    private static final long ALLOWED_GROWTH_BYTES = 10L * 1024 * 1024;
    private static final int CLIENT_THREADS = 4;
    /** Past this many wrong answers the service is taken to be down: the rest of the flood would only time out. */
    private static final int GIVE_UP_AFTER = 50;
    private static final Pattern HISTOGRAM_TOTAL = Pattern.compile("(?m)^Total\\s+(\\d+)\\s+(\\d+)\\s*$");

    private static TestDatabase database;

    @BeforeAll
    static void database() {
        database = TestDatabase.acquire();
    }

    @AfterAll
    static void dropDatabase() {
        database.close();
    }

    @Test
    void unknownKeyFloodLeavesTheHeapAsItWasAndTheServiceAnswering() throws Exception {
        TestAccount account = TestAccount.fresh("FLOOD");
        PackagedService.Options options = new PackagedService.Options("key-flood-it")
                .jvm("-Xmx64m")
                .accounts(account)
                // Waits for a worker thread or a first connection on a busy 2-core machine are not what this test is
                // about: the production bounds (500 ms, 2 s) would turn them into 503s or a failed start.
                .env("SWAS_OVERLOAD_MAX_WAIT", "5s")
                .env("QUARKUS_DATASOURCE_JDBC_ACQUISITION_TIMEOUT", "30S");
        try (PackagedService service = PackagedService.start(database, options, Duration.ofSeconds(90))) {
            RestAssured.port = service.port();
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(5)).build();
            Random random = new Random(29);
            String runTag = Long.toString(account.accountId(), 36);

            // Warm up every path the flood takes (class loading, JIT, pools, the cache's own tables) before the
            // first measurement, so that the comparison is about what the flood leaves behind.
            List<String> warmUpFailures = flood(client, service, 500,
                    i -> i % 2 == 0 ? longId(random, "W" + runTag + i) : "AKWARM" + runTag + "x" + i);
            assertThat(warmUpFailures).as("answers during the warm-up").isEmpty();
            Api.call(account, "ListRegions").get().then().statusCode(200);
            long before = liveHeapBytes(service);

            long started = System.nanoTime();
            // 3 requests in 23 carry a well-formed ID (looked up, unknown), the others an 8 KB one: 3,000 and 20,000.
            int total = LONG_IDS + SHORT_IDS;
            AtomicInteger longSent = new AtomicInteger();
            List<String> failures = flood(client, service, total, i -> i % 23 < 3
                    ? "AKFLOOD" + runTag + "x" + UUID.randomUUID().toString().replace("-", "")
                    : longId(random, longSent.incrementAndGet() + "L" + runTag));
            long floodMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);

            assertThat(failures).as("requests of the flood not answered 404 InvalidAccessKeyId.NotFound").isEmpty();
            Api.call(account, "ListRegions").get().then().statusCode(200);
            HttpResponse<String> live = client.send(HttpRequest.newBuilder(URI.create(service.baseUrl() + "/q/health/live"))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(live.statusCode()).as("liveness after the flood").isEqualTo(200);
            assertThat(new ObjectMapper().readTree(live.body()).path("status").asText()).isEqualTo("UP");

            long after = liveHeapBytes(service);
            LOG.infof("Key flood: %d requests (%d with 8 KB IDs, %d with well-formed IDs) in %d ms; live heap after a "
                    + "full GC %d bytes before, %d bytes after (%+d bytes)", total, longSent.get(), total - longSent.get(),
                    floodMillis, before, after, after - before);
            assertThat(after - before).as("live heap growth over the flood (before %d, after %d bytes)", before, after)
                    .isLessThanOrEqualTo(ALLOWED_GROWTH_BYTES);
        } finally {
            RestAssured.reset();
        }
    }

    /** An unknown AccessKeyId of 8,192 characters, unique by {@code unique}. */
    private static String longId(Random random, String unique) {
        StringBuilder id = new StringBuilder(LONG_ID_LENGTH).append(unique);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        while (id.length() < LONG_ID_LENGTH) {
            id.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return id.toString();
    }

    /**
     * Sends {@code count} V1 {@code ListRegions} calls with the AccessKeyIds {@code ids} gives, a valid timestamp and
     * a made-up signature, from a few threads over kept-alive connections; returns what was not answered as the
     * catalog says (404 {@code InvalidAccessKeyId.NotFound}), at most {@link #GIVE_UP_AFTER} of it.
     */
    private static List<String> flood(HttpClient client, PackagedService service, int count, IntFunction<String> ids)
            throws Exception {
        ObjectMapper json = new ObjectMapper();
        AtomicInteger next = new AtomicInteger();
        ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        AtomicInteger failureCount = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(CLIENT_THREADS);
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < CLIENT_THREADS; t++) {
                workers.add(pool.submit(() -> {
                    int i;
                    while ((i = next.getAndIncrement()) < count && failureCount.get() < GIVE_UP_AFTER) {
                        String id;
                        synchronized (ids) { // the generators are not thread-safe
                            id = ids.apply(i);
                        }
                        String problem = problem(client, service, json, id);
                        if (problem != null) {
                            failureCount.incrementAndGet();
                            failures.add("#" + i + " (AccessKeyId of " + id.length() + " chars): " + problem);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> worker : workers) {
                worker.get(10, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }
        return new ArrayList<>(failures);
    }

    private static String problem(HttpClient client, PackagedService service, ObjectMapper json, String accessKeyId) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("Action", "ListRegions");
        p.put("Version", "2020-06-01");
        p.put("Format", "JSON");
        p.put("AccessKeyId", accessKeyId);
        p.put("SignatureMethod", "HMAC-SHA1");
        p.put("SignatureVersion", "1.0");
        p.put("SignatureNonce", UUID.randomUUID().toString());
        p.put("Timestamp", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        p.put("Signature", "bm90IGEgc2lnbmF0dXJlIGF0IGFsbA==");
        String query = p.entrySet().stream()
                .map(e -> PercentEncoding.encode(e.getKey()) + "=" + PercentEncoding.encode(e.getValue()))
                .collect(Collectors.joining("&"));
        try {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(service.baseUrl() + "/?" + query))
                    .timeout(Duration.ofSeconds(15)).GET().build(), HttpResponse.BodyHandlers.ofString());
            String contentType = response.headers().firstValue("Content-Type").orElse("");
            if (response.statusCode() != 404 || !contentType.equals("application/json;charset=utf-8")) {
                return response.statusCode() + " " + contentType + " " + abbreviate(response.body());
            }
            JsonNode body = json.readTree(response.body());
            if (!body.path("Code").asText().equals("InvalidAccessKeyId.NotFound")
                    || !body.path("Message").asText().equals("Specified access key is not found.")
                    || !body.path("RequestId").asText().equals(response.headers().firstValue("x-acs-request-id").orElse(""))) {
                return "404 " + abbreviate(response.body());
            }
            return null;
        } catch (IOException | RuntimeException e) {
            return e.toString();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return e.toString();
        }
    }

    private static String abbreviate(String body) {
        return body.length() > 300 ? body.substring(0, 300) + "..." : body;
    }

    /**
     * The bytes of the service's live objects: {@code jcmd GC.class_histogram} collects the whole heap first and
     * totals what survives, whichever collector the JVM chose.
     */
    private static long liveHeapBytes(PackagedService service) throws IOException, InterruptedException {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        Process process = new ProcessBuilder(jcmd.toString(), Long.toString(service.process().pid()), "GC.class_histogram")
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("jcmd finished").isTrue();
        Matcher total = HISTOGRAM_TOTAL.matcher(output);
        assertThat(total.find()).as("a class histogram from jcmd, got: %s", abbreviate(output)).isTrue();
        return Long.parseLong(total.group(2));
    }
}
