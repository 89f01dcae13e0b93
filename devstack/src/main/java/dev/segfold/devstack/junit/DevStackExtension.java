package dev.segfold.devstack.junit;

import dev.segfold.devstack.DevStack;
import dev.segfold.devstack.DevStackConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension that gives tests a running {@link DevStack}: one per test run, started on
 * first use with {@link DevStackConfig#forTests()} (free ports, temporary directory, random
 * credentials) and stopped when the run ends. Tests receive it as a parameter:
 *
 * <pre>{@code
 * @ExtendWith(DevStackExtension.class)
 * class MyIT {
 *     @Test void works(DevStack stack) { ... stack.bootstrapServers() ... }
 * }
 * }</pre>
 * Because it is shared, tests should use their own buckets, keys or consumer groups, and
 * restore any notification filter they set.
 */
public final class DevStackExtension implements ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(DevStackExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == DevStack.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return shared(context);
    }

    /** The run's devstack, started if this is the first use. */
    public static DevStack shared(ExtensionContext context) {
        // The root store closes AutoCloseable values when the whole run ends.
        return context.getRoot().getStore(NAMESPACE).computeIfAbsent(DevStack.class, key -> {
            try {
                return DevStack.start(DevStackConfig.forTests());
            } catch (IOException e) {
                throw new UncheckedIOException("devstack for tests did not start: " + e.getMessage(), e);
            }
        }, DevStack.class);
    }
}
