package dev.servebench.testing;

import org.junit.jupiter.api.Tag;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A test class that leaves this JVM: child JVMs or scripts, the headless browser, a database server, the real
 * llama-server, local load-worker processes. Such classes run in their own Surefire execution after the unit and
 * component tests ({@code ./mvnw test -DexcludedGroups=e2e} skips them while iterating); {@code TestLayersTest}
 * keeps the tag honest.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Tag(EndToEnd.TAG)
public @interface EndToEnd {
    String TAG = "e2e";
}
