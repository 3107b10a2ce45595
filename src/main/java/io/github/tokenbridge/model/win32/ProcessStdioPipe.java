package io.github.tokenbridge.model.win32;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;

/**
 * An anonymous pipe of the model (CreatePipe for a child's standard stream): a bounded byte buffer with a
 * reading and a writing end. A read blocks until data arrives or the writing end is closed (then it gives
 * end of stream); a write blocks while the buffer is full and fails once the reading end is closed
 * (ERROR_BROKEN_PIPE / ERROR_NO_DATA on Windows). Either end may be closed any number of times.
 */
final class ProcessStdioPipe {

    private static final int CAPACITY = 64 * 1024;

    private final byte[] buffer = new byte[CAPACITY];
    private int head;
    private int count;
    private boolean writerClosed;
    private boolean readerClosed;

    private final InputStream reader = new InputStream() {
        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            java.util.Objects.checkFromIndexSize(off, len, b.length);
            if (len == 0) {
                return 0;
            }
            return take(b, off, len);
        }

        @Override
        public int available() {
            synchronized (ProcessStdioPipe.this) {
                return count;
            }
        }

        @Override
        public void close() {
            synchronized (ProcessStdioPipe.this) {
                readerClosed = true;
                count = 0;
                ProcessStdioPipe.this.notifyAll();
            }
        }
    };

    private final OutputStream writer = new OutputStream() {
        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            java.util.Objects.checkFromIndexSize(off, len, b.length);
            put(b, off, len);
        }

        @Override
        public void close() {
            synchronized (ProcessStdioPipe.this) {
                writerClosed = true;
                ProcessStdioPipe.this.notifyAll();
            }
        }
    };

    /** The reading end. */
    InputStream reader() {
        return reader;
    }

    /** The writing end. */
    OutputStream writer() {
        return writer;
    }

    /** Closes both ends (a failed start, or the end of a process whose ends nobody took). */
    void closeBoth() {
        synchronized (this) {
            readerClosed = true;
            writerClosed = true;
            count = 0;
            notifyAll();
        }
    }

    private synchronized int take(byte[] b, int off, int len) throws IOException {
        while (count == 0) {
            if (writerClosed || readerClosed) {
                if (readerClosed) {
                    throw new IOException("the pipe's reading end is closed");
                }
                return -1;
            }
            waitForChange();
        }
        int n = Math.min(len, count);
        for (int i = 0; i < n; i++) {
            b[off + i] = buffer[(head + i) % CAPACITY];
        }
        head = (head + n) % CAPACITY;
        count -= n;
        notifyAll();
        return n;
    }

    private synchronized void put(byte[] b, int off, int len) throws IOException {
        int written = 0;
        while (written < len) {
            if (readerClosed) {
                throw new IOException("the pipe is being closed (ERROR_NO_DATA): its reading end is closed");
            }
            if (writerClosed) {
                throw new IOException("the pipe's writing end is closed");
            }
            if (count == CAPACITY) {
                waitForChange();
                continue;
            }
            int n = Math.min(len - written, CAPACITY - count);
            for (int i = 0; i < n; i++) {
                buffer[(head + count + i) % CAPACITY] = b[off + written + i];
            }
            count += n;
            written += n;
            notifyAll();
        }
    }

    private void waitForChange() throws InterruptedIOException {
        try {
            wait();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting on a pipe");
        }
    }
}
