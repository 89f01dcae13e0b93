package dev.segfold.service.workspace;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;

/** The service's local scratch folder (env {@code SEGFOLD_WORK_DIR}). */
@ConfigMapping(prefix = "segfold")
public interface WorkspaceConfig {
    @WithDefault("${java.io.tmpdir}/segfold-work")
    Path workDir();
}
