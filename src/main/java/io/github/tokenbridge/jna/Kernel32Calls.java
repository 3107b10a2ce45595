package io.github.tokenbridge.jna;

import com.sun.jna.Pointer;
import com.sun.jna.WString;
import com.sun.jna.platform.win32.WinNT.HANDLE;
import com.sun.jna.platform.win32.WinNT.HANDLEByReference;
import com.sun.jna.ptr.IntByReference;
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

    // ---- named pipes and overlapped I/O (pipes)

    /**
     * {@code HANDLE CreateNamedPipeW(LPCWSTR lpName, DWORD dwOpenMode, DWORD dwPipeMode, DWORD nMaxInstances,
     * DWORD nOutBufferSize, DWORD nInBufferSize, DWORD nDefaultTimeOut, LPSECURITY_ATTRIBUTES lpSecurityAttributes);}
     */
    HANDLE CreateNamedPipeW(WString lpName, int dwOpenMode, int dwPipeMode, int nMaxInstances, int nOutBufferSize,
                            int nInBufferSize, int nDefaultTimeOut, Pointer lpSecurityAttributes);

    /** {@code BOOL ConnectNamedPipe(HANDLE hNamedPipe, LPOVERLAPPED lpOverlapped);} */
    boolean ConnectNamedPipe(HANDLE hNamedPipe, Pointer lpOverlapped);

    /** {@code BOOL WaitNamedPipeW(LPCWSTR lpNamedPipeName, DWORD nTimeOut);} */
    boolean WaitNamedPipeW(WString lpNamedPipeName, int nTimeOut);

    /** {@code BOOL DisconnectNamedPipe(HANDLE hNamedPipe);} */
    boolean DisconnectNamedPipe(HANDLE hNamedPipe);

    /** {@code BOOL SetNamedPipeHandleState(HANDLE hNamedPipe, LPDWORD lpMode, LPDWORD lpMaxCollectionCount, LPDWORD lpCollectDataTimeout);} */
    boolean SetNamedPipeHandleState(HANDLE hNamedPipe, IntByReference lpMode, Pointer lpMaxCollectionCount,
                                    Pointer lpCollectDataTimeout);

    /** {@code BOOL GetNamedPipeClientProcessId(HANDLE Pipe, PULONG ClientProcessId);} */
    boolean GetNamedPipeClientProcessId(HANDLE pipe, IntByReference clientProcessId);

    /** {@code BOOL ReadFile(HANDLE hFile, LPVOID lpBuffer, DWORD nNumberOfBytesToRead, LPDWORD lpNumberOfBytesRead, LPOVERLAPPED lpOverlapped);} */
    boolean ReadFile(HANDLE hFile, Pointer lpBuffer, int nNumberOfBytesToRead, IntByReference lpNumberOfBytesRead,
                     Pointer lpOverlapped);

    /** {@code BOOL WriteFile(HANDLE hFile, LPCVOID lpBuffer, DWORD nNumberOfBytesToWrite, LPDWORD lpNumberOfBytesWritten, LPOVERLAPPED lpOverlapped);} */
    boolean WriteFile(HANDLE hFile, Pointer lpBuffer, int nNumberOfBytesToWrite, IntByReference lpNumberOfBytesWritten,
                      Pointer lpOverlapped);

    /** {@code HANDLE CreateEventW(LPSECURITY_ATTRIBUTES lpEventAttributes, BOOL bManualReset, BOOL bInitialState, LPCWSTR lpName);} */
    HANDLE CreateEventW(Pointer lpEventAttributes, boolean bManualReset, boolean bInitialState, WString lpName);

    /** {@code DWORD WaitForSingleObject(HANDLE hHandle, DWORD dwMilliseconds);} */
    int WaitForSingleObject(HANDLE hHandle, int dwMilliseconds);

    /** {@code BOOL CancelIoEx(HANDLE hFile, LPOVERLAPPED lpOverlapped);} */
    boolean CancelIoEx(HANDLE hFile, Pointer lpOverlapped);

    /** {@code BOOL CancelSynchronousIo(HANDLE hThread);} */
    boolean CancelSynchronousIo(HANDLE hThread);

    /** {@code BOOL GetOverlappedResult(HANDLE hFile, LPOVERLAPPED lpOverlapped, LPDWORD lpNumberOfBytesTransferred, BOOL bWait);} */
    boolean GetOverlappedResult(HANDLE hFile, Pointer lpOverlapped, IntByReference lpNumberOfBytesTransferred, boolean bWait);
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
