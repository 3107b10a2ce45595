package io.github.tokenbridge.model;

import io.github.tokenbridge.Acl;
import io.github.tokenbridge.GenericMapping;
import io.github.tokenbridge.SecurityDescriptor;
import io.github.tokenbridge.model.kernel.KernelServices;
import io.github.tokenbridge.model.kernel.cm.ConfigurationManager;
import io.github.tokenbridge.model.kernel.cm.KeyNode;
import io.github.tokenbridge.model.kernel.io.disk.DiskFileSystem;
import io.github.tokenbridge.model.kernel.io.disk.DiskNode;
import io.github.tokenbridge.model.kernel.se.AceInheritance;

import java.util.ArrayList;
import java.util.List;

/**
 * Puts a configuration's declared files, directories and keys (and the Windows-like defaults) into a
 * new world's disk file system and registry. A declared object without SDDL, and every missing
 * parent, gets what its parent passes down in auto-inherit mode, with the parent's owner and group.
 */
final class ObjectNamespaceSetup {

    private ObjectNamespaceSetup() {
    }

    static void populate(KernelServices k, ModelConfiguration configuration) {
        DiskFileSystem disk = (DiskFileSystem) k.io().driver(DiskFileSystem.DEVICE);
        ConfigurationManager cm = k.cm();
        SecurityDescriptor registryRoot = io.github.tokenbridge.Sddl.parse(WindowsObjectDefaults.registryRoot());
        cm.root().setSecurityDescriptor(registryRoot);
        cm.declare("\\REGISTRY\\MACHINE", registryRoot);
        cm.declare("\\REGISTRY\\USER", registryRoot);
        List<DeclaredObject> all = new ArrayList<>();
        if (configuration.windowsObjects()) {
            all.addAll(WindowsObjectDefaults.objects(configuration));
        }
        all.addAll(configuration.objects());
        String user = configuration.user().toString();
        for (DeclaredObject object : all) {
            if (object.kind() == DeclaredObject.Kind.KEY) {
                declareKey(cm, DeclaredObject.ntKeyName(object.path(), user), object.sddl());
            } else {
                declareFile(disk, object.path().substring(2), object.kind() == DeclaredObject.Kind.DIRECTORY, object.sddl());
            }
        }
    }

    private static void declareFile(DiskFileSystem disk, String path, boolean directory, String sddl) {
        String inner = path.endsWith("\\") && path.length() > 1 ? path.substring(0, path.length() - 1) : path;
        if (inner.equals("\\")) {
            if (sddl != null) {
                disk.root().setSecurityDescriptor(io.github.tokenbridge.Sddl.parse(sddl));
            }
            return;
        }
        int slash = inner.lastIndexOf('\\');
        String parentPath = slash == 0 ? "\\" : inner.substring(0, slash);
        DiskNode parent = disk.find(parentPath);
        if (parent == null) {
            declareFile(disk, parentPath, true, null);
            parent = disk.find(parentPath);
        }
        SecurityDescriptor sd = sddl != null ? io.github.tokenbridge.Sddl.parse(sddl)
                : inherited(parent.securityDescriptor(), directory, GenericMapping.FILE);
        disk.declare(inner, directory, sd);
    }

    private static void declareKey(ConfigurationManager cm, String ntName, String sddl) {
        int slash = ntName.lastIndexOf('\\');
        String parentName = ntName.substring(0, slash);
        KeyNode parent = cm.find(parentName);
        if (parent == null) {
            declareKey(cm, parentName, null);
            parent = cm.find(parentName);
        }
        SecurityDescriptor sd = sddl != null ? io.github.tokenbridge.Sddl.parse(sddl)
                : inherited(parent.securityDescriptor(), true, GenericMapping.KEY);
        cm.declare(ntName, sd);
    }

    private static SecurityDescriptor inherited(SecurityDescriptor parent, boolean container, GenericMapping mapping) {
        Acl dacl = new Acl(AceInheritance.inherited(parent.dacl(), container, parent.owner(), parent.group(), mapping, true));
        return new SecurityDescriptor(parent.owner(), parent.group(), true, dacl, null, SecurityDescriptor.DACL_AUTO_INHERITED);
    }
}
