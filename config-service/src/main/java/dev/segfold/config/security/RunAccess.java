package dev.segfold.config.security;

import dev.segfold.contracts.access.ApiRole;
import io.quarkus.security.identity.SecurityIdentity;
import java.util.Optional;

/**
 * Who may change a run beyond what a role says: a submitter acts on the runs it submitted, an
 * admin on every run. A run whose submitter is not recorded (submitted before it was) belongs to
 * admins only, since nobody can show it is theirs.
 */
public final class RunAccess {
    private RunAccess() {
    }

    /**
     * Throws unless {@code caller} may cancel run {@code runId} submitted by {@code submittedBy}.
     *
     * @throws NotRunSubmitterException naming why, without naming the submitter
     */
    public static void requireMayChange(SecurityIdentity caller, String runId, Optional<String> submittedBy) {
        if (caller.hasRole(ApiRole.ADMIN_NAME)) {
            return;
        }
        String name = caller.getPrincipal().getName();
        if (submittedBy.isEmpty()) {
            throw new NotRunSubmitterException(runId, "run " + runId + " has no recorded submitter; only an admin may "
                    + "change it");
        }
        if (!submittedBy.get().equals(name)) {
            throw new NotRunSubmitterException(runId, "run " + runId + " was submitted by someone else; the submit "
                    + "role changes one's own runs only (" + name + " is not its submitter), an admin any run");
        }
    }
}
