package io.github.tokenbridge.jna;

import com.sun.jna.Pointer;
import com.sun.jna.Structure;

/** The Windows structures of a process start that JNA Platform does not declare in their wide form. */
final class ProcessStructures {

    private ProcessStructures() {
    }

    /** {@code STARTUPINFOW} (x64: 104 bytes). */
    @Structure.FieldOrder({"cb", "lpReserved", "lpDesktop", "lpTitle", "dwX", "dwY", "dwXSize", "dwYSize",
            "dwXCountChars", "dwYCountChars", "dwFillAttribute", "dwFlags", "wShowWindow", "cbReserved2",
            "lpReserved2", "hStdInput", "hStdOutput", "hStdError"})
    public static class STARTUPINFOW extends Structure {
        public int cb;
        public Pointer lpReserved;
        public Pointer lpDesktop;
        public Pointer lpTitle;
        public int dwX;
        public int dwY;
        public int dwXSize;
        public int dwYSize;
        public int dwXCountChars;
        public int dwYCountChars;
        public int dwFillAttribute;
        public int dwFlags;
        public short wShowWindow;
        public short cbReserved2;
        public Pointer lpReserved2;
        public Pointer hStdInput;
        public Pointer hStdOutput;
        public Pointer hStdError;

        public STARTUPINFOW() {
            cb = size();
        }
    }

    /** {@code PROCESS_INFORMATION} (x64: 24 bytes). */
    @Structure.FieldOrder({"hProcess", "hThread", "dwProcessId", "dwThreadId"})
    public static class PROCESS_INFORMATION extends Structure {
        public Pointer hProcess;
        public Pointer hThread;
        public int dwProcessId;
        public int dwThreadId;
    }

    /** {@code PROFILEINFOW} (x64: 56 bytes). */
    @Structure.FieldOrder({"dwSize", "dwFlags", "lpUserName", "lpProfilePath", "lpDefaultPath", "lpServerName",
            "lpPolicyPath", "hProfile"})
    public static class PROFILEINFOW extends Structure {
        public int dwSize;
        public int dwFlags;
        public Pointer lpUserName;
        public Pointer lpProfilePath;
        public Pointer lpDefaultPath;
        public Pointer lpServerName;
        public Pointer lpPolicyPath;
        public Pointer hProfile;

        public PROFILEINFOW() {
            dwSize = size();
        }
    }
}
