package io.github.tokenbridge.jna;

import com.sun.jna.Pointer;
import com.sun.jna.Structure;
import com.sun.jna.platform.win32.WinNT.HANDLE;
import com.sun.jna.win32.StdCallLibrary;

/** The advapi32.dll functions that start a process under a token (processes, issue 20). */
interface ProcessTokenCalls extends StdCallLibrary {

    /**
     * {@code BOOL CreateProcessAsUserW(HANDLE hToken, LPCWSTR lpApplicationName, LPWSTR lpCommandLine,
     * LPSECURITY_ATTRIBUTES lpProcessAttributes, LPSECURITY_ATTRIBUTES lpThreadAttributes, BOOL bInheritHandles,
     * DWORD dwCreationFlags, LPVOID lpEnvironment, LPCWSTR lpCurrentDirectory, LPSTARTUPINFOW lpStartupInfo,
     * LPPROCESS_INFORMATION lpProcessInformation);}
     */
    boolean CreateProcessAsUserW(HANDLE hToken, Pointer lpApplicationName, Pointer lpCommandLine, Pointer lpProcessAttributes,
                                 Pointer lpThreadAttributes, boolean bInheritHandles, int dwCreationFlags, Pointer lpEnvironment,
                                 Pointer lpCurrentDirectory, Structure lpStartupInfo, Structure lpProcessInformation);

    /**
     * {@code BOOL CreateProcessWithTokenW(HANDLE hToken, DWORD dwLogonFlags, LPCWSTR lpApplicationName, LPWSTR lpCommandLine,
     * DWORD dwCreationFlags, LPVOID lpEnvironment, LPCWSTR lpCurrentDirectory, LPSTARTUPINFOW lpStartupInfo,
     * LPPROCESS_INFORMATION lpProcessInformation);}
     */
    boolean CreateProcessWithTokenW(HANDLE hToken, int dwLogonFlags, Pointer lpApplicationName, Pointer lpCommandLine,
                                    int dwCreationFlags, Pointer lpEnvironment, Pointer lpCurrentDirectory,
                                    Structure lpStartupInfo, Structure lpProcessInformation);
}
