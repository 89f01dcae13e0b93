package dev.segfold.service.testing;

import dev.segfold.devstack.DevStack;
import dev.segfold.devstack.DevStackConfig;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Starts a devstack (real KRaft broker, real S3 server with MinIO-format notifications) for a
 * {@code @QuarkusTest} and points the service's configuration at it. Use with
 * {@code @WithTestResource(DevStackResource.class)}; the running stack is injected into fields of
 * type {@link DevStack} annotated with {@link InjectDevStack}.
 */
public class DevStackResource implements QuarkusTestResourceLifecycleManager {
    private DevStack stack;

    @Override
    public Map<String, String> start() {
        try {
            stack = DevStack.start(DevStackConfig.forTests());
        } catch (Exception e) {
            throw new IllegalStateException("devstack did not start: " + e.getMessage(), e);
        }
        return Map.of(
                "kafka.bootstrap.servers", stack.bootstrapServers(),
                "segfold.s3.endpoint", stack.s3Endpoint().toString(),
                "segfold.s3.access-key", stack.accessKey(),
                "segfold.s3.secret-key", stack.secretKey(),
                "segfold.s3.region", stack.region());
    }

    /** The running stack, for a subclass that prepares it before the service starts. */
    protected DevStack stack() {
        return stack;
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(stack, new TestInjector.AnnotatedAndMatchesType(InjectDevStack.class, DevStack.class));
    }

    @Override
    public void stop() {
        if (stack != null) {
            stack.close();
        }
    }
}
