package io.github.tokenbridge.jna;

import com.sun.jna.Pointer;
import com.sun.jna.Structure;
import com.sun.jna.platform.win32.WinNT.HANDLE;
import com.sun.jna.platform.win32.WinNT.HANDLEByReference;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.win32.StdCallLibrary;

/**
 * The kernel32.dll process and pipe functions the jna backend's process start calls (processes, issue 20),
 * bound beside {@link Kernel32Calls} so that the two binding sets grow independently.
 */
interface ProcessCalls extends StdCallLibrary {

    /**
     * {@code BOOL CreateProcessW(LPCWSTR lpApplicationName, LPWSTR lpCommandLine, LPSECURITY_ATTRIBUTES lpProcessAttributes,
     * LPSECURITY_ATTRIBUTES lpThreadAttributes, BOOL bInheritHandles, DWORD dwCreationFlags, LPVOID lpEnvironment,
     * LPCWSTR lpCurrentDirectory, LPSTARTUPINFOW lpStartupInfo, LPPROCESS_INFORMATION lpProcessInformation);}
     */
    boolean CreateProcessW(Pointer lpApplicationName, Pointer lpCommandLine, Pointer lpProcessAttributes,
                           Pointer lpThreadAttributes, boolean bInheritHandles, int dwCreationFlags, Pointer lpEnvironment,
                           Pointer lpCurrentDirectory, Structure lpStartupInfo, Structure lpProcessInformation);

    /** {@code DWORD ResumeThread(HANDLE hThread);} (DWORD -1 on failure) */
    int ResumeThread(HANDLE hThread);

    /** {@code BOOL TerminateProcess(HANDLE hProcess, UINT uExitCode);} */
    boolean TerminateProcess(HANDLE hProcess, int uExitCode);

    /** {@code BOOL GetExitCodeProcess(HANDLE hProcess, LPDWORD lpExitCode);} */
    boolean GetExitCodeProcess(HANDLE hProcess, IntByReference lpExitCode);

    /** {@code DWORD WaitForSingleObject(HANDLE hHandle, DWORD dwMilliseconds);} */
    int WaitForSingleObject(HANDLE hHandle, int dwMilliseconds);

    /** {@code BOOL CreatePipe(PHANDLE hReadPipe, PHANDLE hWritePipe, LPSECURITY_ATTRIBUTES lpPipeAttributes, DWORD nSize);} */
    boolean CreatePipe(HANDLEByReference hReadPipe, HANDLEByReference hWritePipe, Pointer lpPipeAttributes, int nSize);

    /** {@code BOOL SetHandleInformation(HANDLE hObject, DWORD dwMask, DWORD dwFlags);} */
    boolean SetHandleInformation(HANDLE hObject, int dwMask, int dwFlags);

    /** {@code HANDLE GetStdHandle(DWORD nStdHandle);} */
    HANDLE GetStdHandle(int nStdHandle);

    /** {@code BOOL ReadFile(HANDLE hFile, LPVOID lpBuffer, DWORD nNumberOfBytesToRead, LPDWORD lpNumberOfBytesRead, LPOVERLAPPED lpOverlapped);} */
    boolean ReadFile(HANDLE hFile, byte[] lpBuffer, int nNumberOfBytesToRead, IntByReference lpNumberOfBytesRead,
                     Pointer lpOverlapped);

    /** {@code BOOL WriteFile(HANDLE hFile, LPCVOID lpBuffer, DWORD nNumberOfBytesToWrite, LPDWORD lpNumberOfBytesWritten, LPOVERLAPPED lpOverlapped);} */
    boolean WriteFile(HANDLE hFile, byte[] lpBuffer, int nNumberOfBytesToWrite, IntByReference lpNumberOfBytesWritten,
                      Pointer lpOverlapped);
}
