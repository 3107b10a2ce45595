package io.github.tokenbridge.jna;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.WString;
import com.sun.jna.platform.win32.WinNT.HANDLEByReference;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.PointerByReference;
import io.github.tokenbridge.Account;
import io.github.tokenbridge.NtStatus;
import io.github.tokenbridge.Sid;
import io.github.tokenbridge.SidType;
import io.github.tokenbridge.Win32Error;
import io.github.tokenbridge.backend.Handle;
import io.github.tokenbridge.backend.Result;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The jna backend's account functions (issue 14; rules L, N): {@code LookupAccountSidW},
 * {@code LookupAccountNameW}, {@code LsaLookupSids} (one policy handle per batch) and
 * {@code LogonUserW}, whose password lives in native memory that is wiped and freed on every path.
 */
final class AccountOperations extends NativeOperations {

    /** Characters of the first name and domain buffers: UNLEN + 1 covers every account name. */
    static final int INITIAL_CHARS = 257;
    /** {@code SECURITY_MAX_SID_SIZE}. */
    static final int MAX_SID_BYTES = 68;
    /** {@code POLICY_LOOKUP_NAMES}. */
    static final int POLICY_LOOKUP_NAMES = 0x00000800;

    AccountOperations(NativeCalls calls) {
        super(calls);
    }

    Result<Account> lookupAccountSid(String systemName, Sid sid) {
        try (Memory sidMemory = NativeEncoding.sid(sid)) {
            int nameChars = INITIAL_CHARS;
            int domainChars = INITIAL_CHARS;
            for (int attempt = 0; attempt < 2; attempt++) {
                try (Memory name = chars(nameChars); Memory domain = chars(domainChars)) {
                    IntByReference cchName = new IntByReference(nameChars);
                    IntByReference cchDomain = new IntByReference(domainChars);
                    IntByReference use = new IntByReference();
                    boolean ok = calls.advapi32().LookupAccountSidW(wide(systemName), sidMemory, name, cchName, domain,
                            cchDomain, use);
                    if (ok) {
                        return Result.ok(new Account(sid, utf16z(name), utf16z(domain),
                                SidType.fromCode(use.getValue())));
                    }
                    int error = lastError();
                    if (error != Win32Error.ERROR_INSUFFICIENT_BUFFER.code() || attempt == 1) {
                        return Result.win32Failure(error);
                    }
                    nameChars = Math.max(nameChars, cchName.getValue());
                    domainChars = Math.max(domainChars, cchDomain.getValue());
                }
            }
            throw new IllegalStateException("unreachable");
        }
    }

    Result<Account> lookupAccountName(String systemName, String accountName) {
        int domainChars = INITIAL_CHARS;
        for (int attempt = 0; attempt < 2; attempt++) {
            try (Memory sid = new Memory(MAX_SID_BYTES); Memory domain = chars(domainChars)) {
                IntByReference cbSid = new IntByReference(MAX_SID_BYTES);
                IntByReference cchDomain = new IntByReference(domainChars);
                IntByReference use = new IntByReference();
                boolean ok = calls.advapi32().LookupAccountNameW(wide(systemName), wide(accountName), sid, cbSid, domain,
                        cchDomain, use);
                if (ok) {
                    Sid found = NativeDecoding.sid(sid);
                    String name = accountName == null ? utf16z(domain) : unqualified(accountName);
                    return Result.ok(new Account(found, name, utf16z(domain), SidType.fromCode(use.getValue())));
                }
                int error = lastError();
                if (error != Win32Error.ERROR_INSUFFICIENT_BUFFER.code() || attempt == 1) {
                    return Result.win32Failure(error);
                }
                domainChars = Math.max(domainChars, cchDomain.getValue());
            }
        }
        throw new IllegalStateException("unreachable");
    }

    /** The account part of {@code DOMAIN\name} or {@code name@domain}, as the caller spelt it. */
    private static String unqualified(String accountName) {
        int slash = accountName.indexOf('\\');
        if (slash >= 0) {
            return accountName.substring(slash + 1);
        }
        int at = accountName.lastIndexOf('@');
        return at > 0 ? accountName.substring(0, at) : accountName;
    }

    Result<List<Account>> lsaLookupSids(List<Sid> sids) {
        StructLayout attributesLayout = NativeLayout.LSA_OBJECT_ATTRIBUTES;
        PointerByReference policy = new PointerByReference();
        try (Memory attributes = new Memory(attributesLayout.size())) {
            attributes.clear();
            attributes.setInt(attributesLayout.offset("Length"), attributesLayout.size());
            int open = calls.advapi32().LsaOpenPolicy(null, attributes, POLICY_LOOKUP_NAMES, policy);
            if (!NtStatus.isSuccess(open)) {
                return Result.ofStatus(open, null);
            }
        }
        List<Memory> sidMemory = new ArrayList<>();
        PointerByReference domains = new PointerByReference();
        PointerByReference names = new PointerByReference();
        try (Memory array = new Memory((long) Math.max(1, sids.size()) * Native.POINTER_SIZE)) {
            for (int i = 0; i < sids.size(); i++) {
                Memory m = NativeEncoding.sid(sids.get(i));
                sidMemory.add(m);
                array.setPointer((long) i * Native.POINTER_SIZE, m);
            }
            int status = calls.advapi32().LsaLookupSids(policy.getValue(), sids.size(), array, domains, names);
            if (!NtStatus.isSuccess(status) && status != NtStatus.STATUS_NONE_MAPPED.code()) {
                return Result.ofStatus(status, null);
            }
            return Result.ofStatus(status, decode(sids, domains.getValue(), names.getValue()));
        } finally {
            sidMemory.forEach(Memory::close);
            if (domains.getValue() != null) {
                calls.advapi32().LsaFreeMemory(domains.getValue());
            }
            if (names.getValue() != null) {
                calls.advapi32().LsaFreeMemory(names.getValue());
            }
            calls.advapi32().LsaClose(policy.getValue());
        }
    }

    private static List<Account> decode(List<Sid> sids, Pointer domains, Pointer names) {
        StructLayout nameLayout = NativeLayout.LSA_TRANSLATED_NAME;
        StructLayout trust = NativeLayout.LSA_TRUST_INFORMATION;
        StructLayout list = NativeLayout.LSA_REFERENCED_DOMAIN_LIST;
        int entries = domains == null ? 0 : domains.getInt(list.offset("Entries"));
        Pointer domainArray = domains == null ? null : domains.getPointer(list.offset("Domains"));
        List<Account> out = new ArrayList<>(sids.size());
        for (int i = 0; i < sids.size(); i++) {
            if (names == null) {
                out.add(new Account(sids.get(i), "", "", SidType.UNKNOWN));
                continue;
            }
            long base = (long) i * nameLayout.size();
            SidType use = SidType.fromCode(names.getInt(base + nameLayout.offset("Use")));
            String name = unicodeString(names, base + nameLayout.offset("Name"));
            int index = names.getInt(base + nameLayout.offset("DomainIndex"));
            String domain = index >= 0 && index < entries && domainArray != null
                    ? unicodeString(domainArray, (long) index * trust.size() + trust.offset("Name")) : "";
            boolean mapped = use != SidType.UNKNOWN && use != SidType.INVALID;
            out.add(mapped ? new Account(sids.get(i), name, domain, use) : new Account(sids.get(i), "", "", SidType.UNKNOWN));
        }
        return List.copyOf(out);
    }

    /**
     * An {@code LSA_UNICODE_STRING} at {@code p + offset} (Length in bytes, not terminated), read as
     * UTF-16LE: WCHAR is 2 bytes on Windows whatever JNA's host wchar_t is (not {@code getCharArray},
     * which reads host wchar_t units: 4 bytes each off Windows).
     */
    private static String unicodeString(Pointer p, long offset) {
        StructLayout layout = NativeLayout.LSA_UNICODE_STRING;
        int bytes = p.getShort(offset + layout.offset("Length")) & 0xFFFF;
        Pointer buffer = p.getPointer(offset + layout.offset("Buffer"));
        if (bytes == 0 || buffer == null) {
            return "";
        }
        return new String(buffer.getByteArray(0, bytes & ~1), StandardCharsets.UTF_16LE);
    }

    Result<Handle> logonUser(String user, String domain, char[] password, int logonType, int logonProvider) {
        Memory secret = password == null ? null : new Memory(2L * (password.length + 1));
        try {
            if (secret != null) {
                for (int i = 0; i < password.length; i++) {
                    secret.setShort(2L * i, (short) password[i]);
                }
                secret.setShort(2L * password.length, (short) 0);
            }
            HANDLEByReference token = new HANDLEByReference();
            boolean ok = calls.advapi32().LogonUserW(wide(user), wide(domain), secret, logonType, logonProvider, token);
            return win32Handle(ok, token);
        } finally {
            if (secret != null) {
                secret.clear();
                secret.close();
            }
        }
    }

    /** A NUL-terminated UTF-16 string (WCHAR is 2 bytes on Windows whatever JNA's host wchar_t is). */
    private static String utf16z(Memory m) {
        StringBuilder b = new StringBuilder();
        for (long off = 0; off + 1 < m.size(); off += 2) {
            char c = (char) m.getShort(off);
            if (c == 0) {
                break;
            }
            b.append(c);
        }
        return b.toString();
    }

    private static Memory chars(int count) {
        Memory m = new Memory(2L * count);
        m.clear();
        return m;
    }

    private static WString wide(String s) {
        return s == null ? null : new WString(s);
    }
}
