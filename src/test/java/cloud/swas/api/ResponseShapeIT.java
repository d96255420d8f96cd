package cloud.swas.api;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link ResponseShapeTest} against the packaged application (the jar, or the native executable with -Dnative). */
@QuarkusIntegrationTest
class ResponseShapeIT extends ResponseShapeTest {
}
