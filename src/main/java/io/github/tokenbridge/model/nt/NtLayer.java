package io.github.tokenbridge.model.nt;

import io.github.tokenbridge.model.kernel.KernelServices;

/**
 * The model's Nt system-service layer: the {@code Nt*} services that the Win32 layer and the backend
 * call, each taking the calling model thread and returning NTSTATUS results.
 */
public final class NtLayer {

    private final KernelServices kernel;
    private final NtTokenOpening opening;
    private final NtTokenDuplication duplication;
    private final NtTokenQuery query;
    private final NtTokenModification modification;
    private final NtThreadImpersonation impersonation;
    private final NtObjectServices objects;
    private final NtFileServices files;
    private final NtNamedPipeServices pipes;
    private final NtProcessServices processes; // processes (issue 20)
    // ---- registry and object security (objects)
    private final NtKeyServices keys;
    private final NtObjectSecurityServices security;

    public NtLayer(KernelServices kernel) {
        this.kernel = kernel;
        this.opening = new NtTokenOpening(kernel);
        this.duplication = new NtTokenDuplication(kernel);
        this.query = new NtTokenQuery(kernel);
        this.modification = new NtTokenModification(kernel);
        this.impersonation = new NtThreadImpersonation(kernel);
        this.objects = new NtObjectServices(kernel);
        this.files = new NtFileServices(kernel);
        this.pipes = new NtNamedPipeServices(kernel);
        this.processes = new NtProcessServices(kernel);
        this.keys = new NtKeyServices(kernel);
        this.security = new NtObjectSecurityServices(kernel);
    }

    public KernelServices kernel() { return kernel; }
    public NtTokenOpening opening() { return opening; }
    public NtTokenDuplication duplication() { return duplication; }
    public NtTokenQuery query() { return query; }
    public NtTokenModification modification() { return modification; }
    public NtThreadImpersonation impersonation() { return impersonation; }
    public NtObjectServices objects() { return objects; }
    public NtFileServices files() { return files; }
    public NtNamedPipeServices pipes() { return pipes; }
    public NtProcessServices processes() { return processes; }
    public NtKeyServices keys() { return keys; }
    public NtObjectSecurityServices security() { return security; }
}
