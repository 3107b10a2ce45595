package io.github.tokenbridge.jna;

import com.sun.jna.Pointer;
import com.sun.jna.WString;
import com.sun.jna.platform.win32.WinNT.HANDLE;
import com.sun.jna.platform.win32.WinNT.HANDLEByReference;
import com.sun.jna.win32.StdCallLibrary;

/**
 * The kernel32.dll functions the jna backend calls, bound by JNA interface mapping (mockable:
 * the backend only sees this interface). The last error of each call is read through
 * {@link NativeCalls#lastError()} right after it.
 */
interface Kernel32Calls extends StdCallLibrary {

    /** {@code DWORD GetCurrentProcessId(void);} */
    int GetCurrentProcessId();

    /** {@code DWORD GetCurrentThreadId(void);} */
    int GetCurrentThreadId();

    /** {@code HANDLE OpenProcess(DWORD dwDesiredAccess, BOOL bInheritHandle, DWORD dwProcessId);} */
    HANDLE OpenProcess(int dwDesiredAccess, boolean bInheritHandle, int dwProcessId);

    /** {@code HANDLE OpenThread(DWORD dwDesiredAccess, BOOL bInheritHandle, DWORD dwThreadId);} */
    HANDLE OpenThread(int dwDesiredAccess, boolean bInheritHandle, int dwThreadId);

    /**
     * {@code BOOL DuplicateHandle(HANDLE hSourceProcessHandle, HANDLE hSourceHandle, HANDLE hTargetProcessHandle,
     * LPHANDLE lpTargetHandle, DWORD dwDesiredAccess, BOOL bInheritHandle, DWORD dwOptions);}
     */
    boolean DuplicateHandle(HANDLE hSourceProcessHandle, HANDLE hSourceHandle, HANDLE hTargetProcessHandle,
                            HANDLEByReference lpTargetHandle, int dwDesiredAccess, boolean bInheritHandle, int dwOptions);

    /** {@code BOOL CloseHandle(HANDLE hObject);} */
    boolean CloseHandle(HANDLE hObject);

    // ---- files and devices (io-skeleton)

    /**
     * {@code HANDLE CreateFileW(LPCWSTR lpFileName, DWORD dwDesiredAccess, DWORD dwShareMode,
     * LPSECURITY_ATTRIBUTES lpSecurityAttributes, DWORD dwCreationDisposition, DWORD dwFlagsAndAttributes,
     * HANDLE hTemplateFile);}
     */
    HANDLE CreateFileW(WString lpFileName, int dwDesiredAccess, int dwShareMode, Pointer lpSecurityAttributes,
                       int dwCreationDisposition, int dwFlagsAndAttributes, HANDLE hTemplateFile);

    // ---- directories, files and memory (objects)

    /** {@code BOOL CreateDirectoryW(LPCWSTR lpPathName, LPSECURITY_ATTRIBUTES lpSecurityAttributes);} */
    boolean CreateDirectoryW(WString lpPathName, Pointer lpSecurityAttributes);

    /** {@code BOOL RemoveDirectoryW(LPCWSTR lpPathName);} */
    boolean RemoveDirectoryW(WString lpPathName);

    /** {@code BOOL DeleteFileW(LPCWSTR lpFileName);} */
    boolean DeleteFileW(WString lpFileName);

    /** {@code DWORD GetTempPathW(DWORD nBufferLength, LPWSTR lpBuffer);} */
    int GetTempPathW(int nBufferLength, char[] lpBuffer);

    /** {@code HLOCAL LocalFree(HLOCAL hMem);} */
    Pointer LocalFree(Pointer hMem);
}
