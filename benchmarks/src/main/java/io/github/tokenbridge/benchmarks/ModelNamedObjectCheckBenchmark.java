package io.github.tokenbridge.benchmarks;

import io.github.tokenbridge.AccessCheckResult;
import io.github.tokenbridge.Ace;
import io.github.tokenbridge.GenericMapping;
import io.github.tokenbridge.ImpersonationLevel;
import io.github.tokenbridge.SecurityDescriptor;
import io.github.tokenbridge.Sid;
import io.github.tokenbridge.TokenType;
import io.github.tokenbridge.backend.Handle;
import io.github.tokenbridge.backend.Result;
import io.github.tokenbridge.backend.SeObjectType;
import io.github.tokenbridge.model.ModelBackend;
import io.github.tokenbridge.model.ModelConfiguration;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A named-object access check on the model, what "check as the client" costs per object: resolve
 * the path ({@code C:\srv\data\report.txt}, four levels), read the descriptor
 * ({@code GetNamedSecurityInfoW(OWNER|GROUP|DACL|LABEL)}: the open with its own access check, the
 * query, the close) and check it ({@code AccessCheck} with the FILE mapping, an Identification
 * token). Paired with {@link #handWrittenLookupAndWalk}: the same path looked up in nested hash
 * maps, then a bare walk over the file's ACEs against the token's SIDs (the least a named check
 * can do without the open and the descriptor copy).
 */
@State(Scope.Thread)
public class ModelNamedObjectCheckBenchmark {

    private static final int PARTS = 0x1 | 0x2 | 0x4 | 0x10;
    private static final String PATH = "C:\\srv\\data\\report.txt";

    private ModelBackend backend;
    private Handle token;

    private Map<String, Object> tree;
    private Ace[] aces;
    private Sid[] tokenSids;

    @Setup
    public void setUp() {
        backend = ModelBackend.create(ModelConfiguration.localSystem().toBuilder()
                .directory("C:\\srv", "O:SYG:SYD:PAI(A;OICI;FA;;;SY)(A;OICI;FA;;;BA)(A;OICI;FR;;;AU)")
                .directory("C:\\srv\\data", null)
                .file(PATH, null).build());
        Handle process = backend.openProcessToken(Handle.CURRENT_PROCESS, 0x2 | 0x8).value();
        token = backend.duplicateTokenEx(process, 0x8, null, ImpersonationLevel.IDENTIFICATION, TokenType.IMPERSONATION).value();
        backend.closeHandle(process);

        SecurityDescriptor sd = backend.getNamedSecurityInfo(PATH, SeObjectType.SE_FILE_OBJECT, PARTS).value();
        aces = sd.dacl().aces().toArray(new Ace[0]);
        tokenSids = new Sid[] {Sid.LOCAL_SYSTEM, Sid.BUILTIN_ADMINISTRATORS, Sid.EVERYONE, Sid.AUTHENTICATED_USERS};
        Map<String, Object> file = new HashMap<>();
        file.put("sd", sd);
        Map<String, Object> data = new HashMap<>(Map.of("report.txt", file));
        Map<String, Object> srv = new HashMap<>(Map.of("data", data));
        tree = new HashMap<>(Map.of("srv", srv));
    }

    @TearDown
    public void tearDown() {
        backend.closeHandle(token);
        backend.close();
    }

    /** Resolve, read the descriptor, check: the model's whole path. */
    @Benchmark
    public boolean namedCheck() {
        Result<SecurityDescriptor> sd = backend.getNamedSecurityInfo(PATH, SeObjectType.SE_FILE_OBJECT, PARTS);
        Result<AccessCheckResult> r = backend.accessCheck(sd.value(), token, 0x00120089, GenericMapping.FILE, -1);
        return r.value().accessStatus();
    }

    /** The baseline: nested-map lookup of the path, then the bare ACE walk. */
    @Benchmark
    @SuppressWarnings("unchecked")
    public boolean handWrittenLookupAndWalk() {
        Map<String, Object> node = tree;
        for (String part : List.of("srv", "data", "report.txt")) {
            node = (Map<String, Object>) node.get(part);
        }
        if (node.get("sd") == null) {
            return false;
        }
        int granted = 0;
        for (Ace ace : aces) {
            for (Sid held : tokenSids) {
                if (held.equals(ace.sid())) {
                    granted |= ace.mask();
                    break;
                }
            }
        }
        return (granted & 0x00120089) == 0x00120089;
    }
}
