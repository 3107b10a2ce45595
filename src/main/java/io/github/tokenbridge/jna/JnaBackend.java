package io.github.tokenbridge.jna;

import com.sun.jna.Platform;
import io.github.tokenbridge.AccessCheckResult;
import io.github.tokenbridge.BackendKind;
import io.github.tokenbridge.GenericMapping;
import io.github.tokenbridge.ImpersonationLevel;
import io.github.tokenbridge.Luid;
import io.github.tokenbridge.SecurityDescriptor;
import io.github.tokenbridge.Sid;
import io.github.tokenbridge.TokenGroup;
import io.github.tokenbridge.TokenPrivilege;
import io.github.tokenbridge.TokenType;
import io.github.tokenbridge.backend.AdjustResult;
import io.github.tokenbridge.backend.Handle;
import io.github.tokenbridge.backend.PrivilegeCheckResult;
import io.github.tokenbridge.backend.Result;
import io.github.tokenbridge.backend.TokenBackend;
import io.github.tokenbridge.backend.TokenInformation;
import io.github.tokenbridge.backend.TokenInformationClass;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The jna backend: the backend SPI implemented by calling advapi32, ntdll and kernel32 through JNA
 * on a 64-bit Windows host, one native call per SPI call wherever Windows allows it. OS failures
 * come back as {@link Result}s carrying the last error (read right after the call) or the NTSTATUS;
 * native memory the backend allocates is freed on every path, and the only handles it produces
 * are the ones the SPI returns to the caller.
 */
public final class JnaBackend implements TokenBackend {

    private final HandleOperations handles;
    private final TokenCreation creation;
    private final ImpersonationOperations impersonation;
    private final TokenInformationOperations information;
    private final TokenCheckOperations checks;
    private final FileOperations files;
    private final ObjectSecurityOperations objectSecurity;

    JnaBackend(NativeCalls calls) {
        Objects.requireNonNull(calls, "calls");
        this.handles = new HandleOperations(calls);
        this.creation = new TokenCreation(calls);
        this.impersonation = new ImpersonationOperations(calls);
        this.information = new TokenInformationOperations(calls);
        this.checks = new TokenCheckOperations(calls);
        this.files = new FileOperations(calls);
        this.objectSecurity = new ObjectSecurityOperations(calls);
    }

    /**
     * Why the backend cannot run here, or empty when it can: it needs Windows on a 64-bit JVM and the
     * three DLLs loadable through JNA.
     */
    public static Optional<String> availability() {
        return availability(System.getProperty("os.name"), Platform.isWindows(), Platform.is64Bit());
    }

    static Optional<String> availability(String osName, boolean windows, boolean is64Bit) {
        if (!windows) {
            return Optional.of("the jna backend calls advapi32/ntdll/kernel32 and needs Windows; this JVM runs on "
                    + osName + " (use the model backend here)");
        }
        if (!is64Bit) {
            return Optional.of("the jna backend supports 64-bit Windows JVMs only (structure layouts are x64); this JVM is 32-bit");
        }
        try {
            NativeCalls.load();
            return Optional.empty();
        } catch (LinkageError e) {
            return Optional.of("the jna backend could not bind advapi32/ntdll/kernel32 through JNA: " + e.getMessage());
        }
    }

    /**
     * The live Windows backend.
     *
     * @throws UnsupportedOperationException with the cause from {@link #availability()} where it cannot run
     */
    public static JnaBackend create() {
        Optional<String> unavailable = availability();
        if (unavailable.isPresent()) {
            throw new UnsupportedOperationException(unavailable.get());
        }
        return new JnaBackend(NativeCalls.load());
    }

    @Override
    public BackendKind kind() {
        return BackendKind.JNA;
    }

    @Override
    public int getCurrentProcessId() {
        return handles.getCurrentProcessId();
    }

    @Override
    public int getCurrentThreadId() {
        return handles.getCurrentThreadId();
    }

    @Override
    public Result<Handle> openProcess(int desiredAccess, int processId) {
        return handles.openProcess(desiredAccess, processId);
    }

    @Override
    public Result<Handle> openThread(int desiredAccess, int threadId) {
        return handles.openThread(desiredAccess, threadId);
    }

    @Override
    public Result<Handle> duplicateHandle(Handle source, int desiredAccess, int options) {
        return handles.duplicateHandle(source, desiredAccess, options);
    }

    @Override
    public Result<Void> closeHandle(Handle handle) {
        return handles.closeHandle(handle);
    }

    @Override
    public Result<Void> ntClose(Handle handle) {
        return handles.ntClose(handle);
    }

    @Override
    public Result<Integer> queryGrantedAccess(Handle handle) {
        return handles.queryGrantedAccess(handle);
    }

    @Override
    public Result<Handle> openProcessToken(Handle process, int desiredAccess) {
        return creation.openProcessToken(process, desiredAccess);
    }

    @Override
    public Result<Handle> openThreadToken(Handle thread, int desiredAccess, boolean openAsSelf) {
        return creation.openThreadToken(thread, desiredAccess, openAsSelf);
    }

    @Override
    public Result<Handle> ntOpenProcessTokenEx(Handle process, int desiredAccess, int handleAttributes) {
        return creation.ntOpenProcessTokenEx(process, desiredAccess, handleAttributes);
    }

    @Override
    public Result<Handle> ntOpenThreadTokenEx(Handle thread, int desiredAccess, boolean openAsSelf, int handleAttributes) {
        return creation.ntOpenThreadTokenEx(thread, desiredAccess, openAsSelf, handleAttributes);
    }

    @Override
    public Result<Handle> duplicateToken(Handle token, ImpersonationLevel level) {
        return creation.duplicateToken(token, level);
    }

    @Override
    public Result<Handle> duplicateTokenEx(Handle token, int desiredAccess, SecurityDescriptor securityDescriptor,
                                           ImpersonationLevel level, TokenType type) {
        return creation.duplicateTokenEx(token, desiredAccess, securityDescriptor, level, type);
    }

    @Override
    public Result<Handle> ntDuplicateToken(Handle token, int desiredAccess, ImpersonationLevel level, boolean effectiveOnly,
                                           TokenType type) {
        return creation.ntDuplicateToken(token, desiredAccess, level, effectiveOnly, type);
    }

    @Override
    public Result<Void> impersonateSelf(ImpersonationLevel level) {
        return impersonation.impersonateSelf(level);
    }

    @Override
    public Result<Void> impersonateLoggedOnUser(Handle token) {
        return impersonation.impersonateLoggedOnUser(token);
    }

    @Override
    public Result<Void> setThreadToken(Handle thread, Handle token) {
        return impersonation.setThreadToken(thread, token);
    }

    @Override
    public Result<Void> impersonateAnonymousToken(Handle thread) {
        return impersonation.impersonateAnonymousToken(thread);
    }

    @Override
    public Result<Void> revertToSelf() {
        return impersonation.revertToSelf();
    }

    @Override
    public Result<Void> ntSetInformationThreadImpersonationToken(Handle thread, Handle token) {
        return impersonation.ntSetInformationThreadImpersonationToken(thread, token);
    }

    @Override
    public Result<Void> ntImpersonateAnonymousToken(Handle thread) {
        return impersonation.ntImpersonateAnonymousToken(thread);
    }

    @Override
    public Result<Void> ntImpersonateThread(Handle serverThread, Handle clientThread, ImpersonationLevel level,
                                            boolean contextTracking, boolean effectiveOnly) {
        return impersonation.ntImpersonateThread(Objects.requireNonNull(serverThread, "serverThread"),
                Objects.requireNonNull(clientThread, "clientThread"), Objects.requireNonNull(level, "level"),
                contextTracking, effectiveOnly);
    }

    @Override
    public Result<TokenInformation> getTokenInformation(Handle token, TokenInformationClass infoClass, int bufferLength) {
        return information.getTokenInformation(token, infoClass, bufferLength);
    }

    @Override
    public Result<TokenInformation> ntQueryInformationToken(Handle token, TokenInformationClass infoClass, int bufferLength) {
        return information.ntQueryInformationToken(token, infoClass, bufferLength);
    }

    @Override
    public Result<Void> setTokenInformation(Handle token, TokenInformationClass infoClass, Object value) {
        return information.setTokenInformation(token, infoClass, value);
    }

    @Override
    public Result<AdjustResult<TokenPrivilege>> adjustTokenPrivileges(Handle token, boolean disableAll,
                                                                      List<TokenPrivilege> newState, int previousStateLength) {
        return checks.adjustTokenPrivileges(token, disableAll, newState, previousStateLength);
    }

    @Override
    public Result<AdjustResult<TokenGroup>> adjustTokenGroups(Handle token, boolean resetToDefault, List<TokenGroup> newState,
                                                              int previousStateLength) {
        return checks.adjustTokenGroups(token, resetToDefault, newState, previousStateLength);
    }

    @Override
    public Result<PrivilegeCheckResult> privilegeCheck(Handle token, List<Luid> privileges, boolean requireAll) {
        return checks.privilegeCheck(token, privileges, requireAll);
    }

    @Override
    public Result<Boolean> checkTokenMembership(Handle token, Sid sid) {
        return checks.checkTokenMembership(token, sid);
    }

    @Override
    public Result<AccessCheckResult> accessCheck(SecurityDescriptor securityDescriptor, Handle token, int desiredAccess,
                                                 GenericMapping mapping, int privilegeSetLength) {
        return checks.accessCheck(securityDescriptor, token, desiredAccess, mapping, privilegeSetLength);
    }

    @Override
    public Result<Handle> createRestrictedToken(Handle token, int flags, List<Sid> sidsToDisable, List<Luid> privilegesToDelete,
                                                List<Sid> sidsToRestrict) {
        return creation.createRestrictedToken(token, flags, sidsToDisable, privilegesToDelete, sidsToRestrict);
    }

    /** Nothing to release: the bindings hold no resources and the handles belong to the caller. */
    // ---------------------------------------------------------------- files and devices (io-skeleton)

    @Override
    public Result<Handle> createFile(String fileName, int desiredAccess, int shareMode, SecurityDescriptor securityDescriptor,
                                     int creationDisposition, int flagsAndAttributes) {
        return files.createFile(fileName, desiredAccess, shareMode, securityDescriptor, creationDisposition, flagsAndAttributes);
    }

    // ---------------------------------------------------------------- object security: files, keys, kernel objects (objects)

    @Override
    public Result<Void> createDirectory(String path, SecurityDescriptor securityDescriptor) {
        return objectSecurity.createDirectory(path, securityDescriptor);
    }

    @Override
    public Result<Void> removeDirectory(String path) {
        return objectSecurity.removeDirectory(path);
    }

    @Override
    public Result<Void> deleteFile(String path) {
        return objectSecurity.deleteFile(path);
    }

    @Override
    public Result<String> getTempPath() {
        return objectSecurity.getTempPath();
    }

    @Override
    public Result<Handle> regCreateKeyEx(Handle key, String subKey, int options, int desiredAccess,
                                         SecurityDescriptor securityDescriptor) {
        return objectSecurity.regCreateKeyEx(key, subKey, options, desiredAccess, securityDescriptor);
    }

    @Override
    public Result<Handle> regOpenKeyEx(Handle key, String subKey, int options, int desiredAccess) {
        return objectSecurity.regOpenKeyEx(key, subKey, options, desiredAccess);
    }

    @Override
    public Result<Void> regCloseKey(Handle key) {
        return objectSecurity.regCloseKey(key);
    }

    @Override
    public Result<Void> regDeleteTree(Handle key, String subKey) {
        return objectSecurity.regDeleteTree(key, subKey);
    }

    @Override
    public Result<SecurityDescriptor> getNamedSecurityInfo(String objectName, io.github.tokenbridge.backend.SeObjectType type,
                                                           int securityInformation) {
        return objectSecurity.getNamedSecurityInfo(objectName, type, securityInformation);
    }

    @Override
    public Result<Void> setNamedSecurityInfo(String objectName, io.github.tokenbridge.backend.SeObjectType type,
                                             int securityInformation, SecurityDescriptor parts) {
        return objectSecurity.setNamedSecurityInfo(objectName, type, securityInformation, parts);
    }

    @Override
    public Result<SecurityDescriptor> getSecurityInfo(Handle handle, io.github.tokenbridge.backend.SeObjectType type,
                                                      int securityInformation) {
        return objectSecurity.getSecurityInfo(handle, type, securityInformation);
    }

    @Override
    public Result<Void> setSecurityInfo(Handle handle, io.github.tokenbridge.backend.SeObjectType type, int securityInformation,
                                        SecurityDescriptor parts) {
        return objectSecurity.setSecurityInfo(handle, type, securityInformation, parts);
    }

    @Override
    public void close() {
    }
}
