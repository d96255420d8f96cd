package cloud.swas.sdk;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link TeaSdkTest} against the packaged application (the jar, or the native executable with -Dnative). */
@QuarkusIntegrationTest
class TeaSdkIT extends TeaSdkTest {
}
