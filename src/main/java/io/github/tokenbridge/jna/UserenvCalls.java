package io.github.tokenbridge.jna;

import com.sun.jna.Pointer;
import com.sun.jna.Structure;
import com.sun.jna.platform.win32.WinNT.HANDLE;
import com.sun.jna.ptr.PointerByReference;
import com.sun.jna.win32.StdCallLibrary;

/** The userenv.dll functions of a process start: the user's environment block and profile (processes, issue 20). */
interface UserenvCalls extends StdCallLibrary {

    /** {@code BOOL CreateEnvironmentBlock(LPVOID *lpEnvironment, HANDLE hToken, BOOL bInherit);} */
    boolean CreateEnvironmentBlock(PointerByReference lpEnvironment, HANDLE hToken, boolean bInherit);

    /** {@code BOOL DestroyEnvironmentBlock(LPVOID lpEnvironment);} */
    boolean DestroyEnvironmentBlock(Pointer lpEnvironment);

    /** {@code BOOL LoadUserProfileW(HANDLE hToken, LPPROFILEINFOW lpProfileInfo);} */
    boolean LoadUserProfileW(HANDLE hToken, Structure lpProfileInfo);

    /** {@code BOOL UnloadUserProfile(HANDLE hToken, HANDLE hProfile);} */
    boolean UnloadUserProfile(HANDLE hToken, HANDLE hProfile);
}
