package io.github.tokenbridge.model.kernel.ps;

import io.github.tokenbridge.model.kernel.ob.HandleTable;
import io.github.tokenbridge.model.kernel.ob.KernelObject;
import io.github.tokenbridge.model.kernel.ob.ObjectType;
import io.github.tokenbridge.model.kernel.se.TokenObject;

import io.github.tokenbridge.SecurityDescriptor;

import java.util.Objects;

/**
 * A process of the model: its id, its primary token (R16, R18) and its handle table.
 */
public final class ProcessObject extends KernelObject {

    private final int processId;
    private final HandleTable handles = new HandleTable();
    private volatile TokenObject primaryToken;

    public ProcessObject(int processId, TokenObject primaryToken, SecurityDescriptor securityDescriptor) {
        super(ObjectType.PROCESS, securityDescriptor);
        this.processId = processId;
        this.primaryToken = Objects.requireNonNull(primaryToken, "primaryToken");
    }

    /** The process id (a multiple of 4, as on Windows). */
    public int processId() {
        return processId;
    }

    /** The primary token object (PsReferencePrimaryToken). */
    public TokenObject primaryToken() {
        return primaryToken;
    }

    /** The process's handle table. */
    public HandleTable handles() {
        return handles;
    }

    @Override
    public String toString() {
        return "Process[" + processId + "]";
    }
}
