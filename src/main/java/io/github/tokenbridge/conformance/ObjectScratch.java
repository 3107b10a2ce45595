package io.github.tokenbridge.conformance;

import io.github.tokenbridge.SecurityDescriptor;
import io.github.tokenbridge.Sid;
import io.github.tokenbridge.backend.Handle;
import io.github.tokenbridge.backend.PredefinedKey;
import io.github.tokenbridge.backend.Result;
import io.github.tokenbridge.backend.SeObjectType;
import io.github.tokenbridge.backend.TokenBackend;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A scenario's scratch directory and key (scenarios.md "Object security"): made as the process
 * before the first step, each with a protected, auto-inherited DACL granting full control to
 * SYSTEM, Administrators and the runner's own user (inherited OICI by the directory's children, CI
 * by the key's), and removed after the scenario: every file and directory the scenario created, in
 * reverse order (the scratch directory's FILE_DELETE_CHILD lets the runner delete what its children
 * deny it, and a failing delete is retried after a protected full-control DACL is set), then the
 * directory and the key tree.
 */
final class ObjectScratch {

    private static final AtomicLong SEQUENCE = new AtomicLong();
    private static final int KEY_ALL_ACCESS = 0x000F003F;
    private static final int DACL = 0x4;
    private static final int PROTECTED_DACL = 0x80000000;

    final String directory;
    final Handle key;
    final String keyPath;
    final Sid processUser;
    final List<String> created = new ArrayList<>();

    private ObjectScratch(String directory, Handle key, String keyPath, Sid processUser) {
        this.directory = directory;
        this.key = key;
        this.keyPath = keyPath;
        this.processUser = processUser;
    }

    /** Makes the scratch objects for {@code scenarioId}, or throws with the failing call. */
    static ObjectScratch create(ScenarioState state, String scenarioId) {
        TokenBackend b = state.backend;
        Sid user = processUser(state);
        String run = scenarioId + "-" + ProcessHandle.current().pid() + "-" + SEQUENCE.incrementAndGet();
        String temp = required(b.getTempPath(), "GetTempPathW");
        String directory = temp + (temp.endsWith("\\") ? "" : "\\") + "tokenbridge-conformance-" + run;
        required(b.createDirectory(directory, null), "CreateDirectoryW(" + directory + ")");
        required(b.setNamedSecurityInfo(directory, SeObjectType.SE_FILE_OBJECT, DACL | PROTECTED_DACL,
                io.github.tokenbridge.Sddl.parse("D:PAI(A;OICI;FA;;;SY)(A;OICI;FA;;;BA)(A;OICI;FA;;;" + user + ")")),
                "SetNamedSecurityInfoW(scratch directory)");
        String keyPath = "Software\\tokenbridge-conformance\\" + run;
        Handle key = required(b.regCreateKeyEx(PredefinedKey.HKEY_CURRENT_USER, keyPath, 0, KEY_ALL_ACCESS, null),
                "RegCreateKeyExW(HKCU\\" + keyPath + ")");
        required(b.setSecurityInfo(key, SeObjectType.SE_REGISTRY_KEY, DACL | PROTECTED_DACL,
                io.github.tokenbridge.Sddl.parse("D:PAI(A;CI;KA;;;SY)(A;CI;KA;;;BA)(A;CI;KA;;;" + user + ")")),
                "SetSecurityInfo(scratch key)");
        return new ObjectScratch(directory, key, keyPath, user);
    }

    private static Sid processUser(ScenarioState state) {
        Handle token = required(state.backend.openProcessToken(Handle.CURRENT_PROCESS, 0x8), "OpenProcessToken");
        try {
            return state.reader.user(token);
        } finally {
            state.backend.closeHandle(token);
        }
    }

    private static <T> T required(Result<T> r, String what) {
        if (!r.succeeded()) {
            throw new IllegalStateException("scratch objects: " + what + " failed: " + r.outcomeName(false));
        }
        return r.value();
    }

    /** The Win32 path of {@code file:<relative>}. */
    String file(String relative) {
        return directory + "\\" + relative;
    }

    /** The MARTA name of {@code key:<relative>}: below {@code USERS\<process user>}, which impersonation does not change. */
    String keyName(String relative) {
        return "USERS\\" + processUser + "\\" + keyPath + "\\" + relative;
    }

    /** Removes the scratch objects (as the process, on the calling thread); a problem, or null. */
    static String remove(ScenarioState state) {
        ObjectScratch s = state.scratch;
        if (s == null) {
            return null;
        }
        state.scratch = null;
        TokenBackend b = state.backend;
        for (int i = s.created.size() - 1; i >= 0; i--) {
            String path = s.created.get(i);
            if (!delete(b, path)) {
                b.setNamedSecurityInfo(path, SeObjectType.SE_FILE_OBJECT, DACL | PROTECTED_DACL,
                        io.github.tokenbridge.Sddl.parse("D:P(A;OICI;FA;;;" + s.processUser + ")"));
                delete(b, path);
            }
        }
        String problem = null;
        if (!b.removeDirectory(s.directory).succeeded()) {
            problem = "cleanup: the scratch directory " + s.directory + " could not be removed";
        }
        b.regDeleteTree(s.key, null);
        b.regCloseKey(s.key);
        Result<Void> tree = b.regDeleteTree(PredefinedKey.HKEY_CURRENT_USER, s.keyPath);
        if (!tree.succeeded() && problem == null) {
            problem = "cleanup: the scratch key HKCU\\" + s.keyPath + " could not be removed: " + tree.outcomeName(false);
        }
        return problem;
    }

    private static boolean delete(TokenBackend b, String path) {
        return b.deleteFile(path).succeeded() || b.removeDirectory(path).succeeded();
    }
}
