package cloud.swas.image;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** A tag as requests carry it ({@code Tag.N.Key}, {@code Tag.N.Value}) and responses list it ({@code Tags[]}). */
@RegisterForReflection // serialized by Jackson (valueToTree); native images need it registered
public record Tag(String key, String value) {
}
