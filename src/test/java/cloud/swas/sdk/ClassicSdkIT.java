package cloud.swas.sdk;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link ClassicSdkTest} against the packaged application (the jar, or the native executable with -Dnative). */
@QuarkusIntegrationTest
class ClassicSdkIT extends ClassicSdkTest {
}
