package dev.segfold.service.status;

import dev.segfold.contracts.topics.Service;
import io.smallrye.config.ConfigMapping;

/** Which Segfold service this process is; names the CloudEvents source and the dead-letter topic. */
@ConfigMapping(prefix = "segfold.service")
public interface ServiceIdentity {
    /** One of {@link Service}, e.g. {@code TRAINER}. */
    Service name();
}
