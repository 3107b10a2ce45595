package io.github.tokenbridge.jna;

import com.sun.jna.Pointer;
import com.sun.jna.platform.win32.WinNT.HANDLE;
import com.sun.jna.platform.win32.WinNT.HANDLEByReference;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.win32.StdCallLibrary;

/**
 * The ntdll.dll system services the jna backend calls, bound by JNA interface mapping (mockable).
 * Each returns its NTSTATUS, which the backend keeps and maps through {@code NtStatus}; the
 * status-to-error mapping is the shared table, so {@code RtlNtStatusToDosError} is not bound.
 * {@code BOOLEAN} parameters are one byte ({@code byte}: 0 or 1).
 */
interface NtdllCalls extends StdCallLibrary {

    /** {@code NTSTATUS NtOpenProcessTokenEx(HANDLE ProcessHandle, ACCESS_MASK DesiredAccess, ULONG HandleAttributes, PHANDLE TokenHandle);} */
    int NtOpenProcessTokenEx(HANDLE ProcessHandle, int DesiredAccess, int HandleAttributes, HANDLEByReference TokenHandle);

    /**
     * {@code NTSTATUS NtOpenThreadTokenEx(HANDLE ThreadHandle, ACCESS_MASK DesiredAccess, BOOLEAN OpenAsSelf,
     * ULONG HandleAttributes, PHANDLE TokenHandle);}
     */
    int NtOpenThreadTokenEx(HANDLE ThreadHandle, int DesiredAccess, byte OpenAsSelf, int HandleAttributes,
                            HANDLEByReference TokenHandle);

    /**
     * {@code NTSTATUS NtDuplicateToken(HANDLE ExistingTokenHandle, ACCESS_MASK DesiredAccess, POBJECT_ATTRIBUTES ObjectAttributes,
     * BOOLEAN EffectiveOnly, TOKEN_TYPE TokenType, PHANDLE NewTokenHandle);}
     */
    int NtDuplicateToken(HANDLE ExistingTokenHandle, int DesiredAccess, Pointer ObjectAttributes, byte EffectiveOnly,
                         int TokenType, HANDLEByReference NewTokenHandle);

    /**
     * {@code NTSTATUS NtSetInformationThread(HANDLE ThreadHandle, THREADINFOCLASS ThreadInformationClass,
     * PVOID ThreadInformation, ULONG ThreadInformationLength);}
     */
    int NtSetInformationThread(HANDLE ThreadHandle, int ThreadInformationClass, Pointer ThreadInformation,
                               int ThreadInformationLength);

    /** {@code NTSTATUS NtImpersonateAnonymousToken(HANDLE ThreadHandle);} */
    int NtImpersonateAnonymousToken(HANDLE ThreadHandle);

    /**
     * {@code NTSTATUS NtImpersonateThread(HANDLE ServerThreadHandle, HANDLE ClientThreadHandle,
     * PSECURITY_QUALITY_OF_SERVICE SecurityQos);}
     */
    int NtImpersonateThread(HANDLE ServerThreadHandle, HANDLE ClientThreadHandle, Pointer SecurityQos);

    /**
     * {@code NTSTATUS NtQueryInformationToken(HANDLE TokenHandle, TOKEN_INFORMATION_CLASS TokenInformationClass,
     * PVOID TokenInformation, ULONG TokenInformationLength, PULONG ReturnLength);}
     */
    int NtQueryInformationToken(HANDLE TokenHandle, int TokenInformationClass, Pointer TokenInformation,
                                int TokenInformationLength, IntByReference ReturnLength);

    /** {@code NTSTATUS NtClose(HANDLE Handle);} */
    int NtClose(HANDLE Handle);

    /**
     * {@code NTSTATUS NtQueryObject(HANDLE Handle, OBJECT_INFORMATION_CLASS ObjectInformationClass,
     * PVOID ObjectInformation, ULONG ObjectInformationLength, PULONG ReturnLength);}
     */
    int NtQueryObject(HANDLE Handle, int ObjectInformationClass, Pointer ObjectInformation,
                      int ObjectInformationLength, IntByReference ReturnLength);
}
