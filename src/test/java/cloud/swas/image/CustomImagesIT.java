package cloud.swas.image;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link CustomImagesTest} against the packaged application (the jar, or the native executable with -Dnative). */
@QuarkusIntegrationTest
class CustomImagesIT extends CustomImagesTest {
}
