package io.github.tokenbridge.model.kernel.io;

import io.github.tokenbridge.SecurityDescriptor;
import io.github.tokenbridge.model.kernel.ob.KernelObject;
import io.github.tokenbridge.model.kernel.ob.ObjectType;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A file object of the model ({@code FILE_OBJECT}): one open of a file, directory or pipe end,
 * owned by the file system that opened it. Its security descriptor is the node's, shared by every
 * open of that node; when its last handle closes the driver's cleanup runs ({@code IRP_MJ_CLEANUP}).
 */
public final class FileObject extends KernelObject {

    private final FileSystemDriver driver;
    private final FileNode node;
    private final Object context;
    private final boolean synchronousIo;
    private final AtomicInteger handles = new AtomicInteger();

    FileObject(FileSystemDriver driver, FileNode node, Object context, boolean synchronousIo) {
        super(ObjectType.FILE, node.securityDescriptor());
        this.driver = Objects.requireNonNull(driver, "driver");
        this.node = node;
        this.context = context;
        this.synchronousIo = synchronousIo;
    }

    /** The driver that owns this file object. */
    public FileSystemDriver driver() {
        return driver;
    }

    /** The file, directory or pipe this object was opened on. */
    public FileNode node() {
        return node;
    }

    /** The driver's per-open state (its FsContext2), or null. */
    public Object context() {
        return context;
    }

    /** True when the object was opened for synchronous I/O (FILE_SYNCHRONOUS_IO_*: no FILE_FLAG_OVERLAPPED). */
    public boolean synchronousIo() {
        return synchronousIo;
    }

    @Override
    public SecurityDescriptor securityDescriptor() {
        return node.securityDescriptor();
    }

    @Override
    public void setSecurityDescriptor(SecurityDescriptor descriptor) {
        node.setSecurityDescriptor(Objects.requireNonNull(descriptor, "descriptor"));
    }

    @Override
    protected void handleOpened() {
        handles.incrementAndGet();
    }

    @Override
    protected void handleClosed() {
        if (handles.decrementAndGet() == 0) {
            driver.cleanup(this);
        }
    }

    /** The number of open handles to this object. */
    public int handleCount() {
        return handles.get();
    }

    @Override
    public String toString() {
        return "File[" + driver.deviceName() + " " + node + "]";
    }
}
