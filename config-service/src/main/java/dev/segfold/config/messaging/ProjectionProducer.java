package dev.segfold.config.messaging;

import dev.segfold.config.config.ConfigServiceSettings;
import dev.segfold.config.projection.RunProjection;
import dev.segfold.service.storage.ObjectStoreConfig;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** The one projection of this process, fed by {@link StatusProjectionConsumer}. */
public class ProjectionProducer {
    @Produces
    @Singleton
    RunProjection projection(ConfigServiceSettings settings, ObjectStoreConfig storage) {
        return new RunProjection(settings.eventHistory(), storage.buckets().runs());
    }
}
