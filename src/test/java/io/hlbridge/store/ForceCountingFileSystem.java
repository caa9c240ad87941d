package io.hlbridge.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.util.concurrent.atomic.AtomicLong;

import org.h2.store.fs.FilePath;
import org.h2.store.fs.FilePathWrapper;

/**
 * An H2 file system ({@code jdbc:h2:forcecount:/path}) over the real one that counts what was written to the database
 * file since it was last forced to disk: zero means everything committed so far would survive a power loss.
 */
public final class ForceCountingFileSystem extends FilePathWrapper {
    static final AtomicLong WRITES_SINCE_FORCE = new AtomicLong();
    static final AtomicLong FORCES = new AtomicLong();

    static void register() {
        FilePath.register(new ForceCountingFileSystem());
    }

    @Override
    public String getScheme() {
        return "forcecount";
    }

    @Override
    public FileChannel open(String mode) throws IOException {
        FileChannel base = getBase().open(mode);
        return name.endsWith(".mv.db") ? new Counting(base) : base;
    }

    private static final class Counting extends FileChannel {
        private final FileChannel base;

        Counting(FileChannel base) {
            this.base = base;
        }

        private static <T> T wrote(T result) {
            WRITES_SINCE_FORCE.incrementAndGet();
            return result;
        }

        @Override
        public int read(ByteBuffer dst) throws IOException {
            return base.read(dst);
        }

        @Override
        public long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
            return base.read(dsts, offset, length);
        }

        @Override
        public int write(ByteBuffer src) throws IOException {
            return wrote(base.write(src));
        }

        @Override
        public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
            return wrote(base.write(srcs, offset, length));
        }

        @Override
        public long position() throws IOException {
            return base.position();
        }

        @Override
        public FileChannel position(long newPosition) throws IOException {
            base.position(newPosition);
            return this;
        }

        @Override
        public long size() throws IOException {
            return base.size();
        }

        @Override
        public FileChannel truncate(long size) throws IOException {
            base.truncate(size);
            return wrote(this);
        }

        @Override
        public void force(boolean metaData) throws IOException {
            base.force(metaData);
            WRITES_SINCE_FORCE.set(0);
            FORCES.incrementAndGet();
        }

        @Override
        public long transferTo(long position, long count, WritableByteChannel target) throws IOException {
            return base.transferTo(position, count, target);
        }

        @Override
        public long transferFrom(ReadableByteChannel src, long position, long count) throws IOException {
            return wrote(base.transferFrom(src, position, count));
        }

        @Override
        public int read(ByteBuffer dst, long position) throws IOException {
            return base.read(dst, position);
        }

        @Override
        public int write(ByteBuffer src, long position) throws IOException {
            return wrote(base.write(src, position));
        }

        @Override
        public MappedByteBuffer map(MapMode mode, long position, long size) throws IOException {
            return base.map(mode, position, size);
        }

        @Override
        public FileLock lock(long position, long size, boolean shared) throws IOException {
            return base.lock(position, size, shared);
        }

        @Override
        public FileLock tryLock(long position, long size, boolean shared) throws IOException {
            return base.tryLock(position, size, shared);
        }

        @Override
        protected void implCloseChannel() throws IOException {
            base.close();
        }
    }
}
