package io.raftkv.statemachine;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.LongConsumer;

/**
 * Tells a listener the running total of bytes read, starting from {@code offsetBytes}, so that long reads of snapshot
 * files (inspect, restore) can show progress. The listener decides how often to report.
 */
public final class CountingInputStream extends FilterInputStream {
    private final LongConsumer bytesRead;
    private long totalBytes;

    public CountingInputStream(InputStream in, long offsetBytes, LongConsumer bytesRead) {
        super(in);
        this.totalBytes = offsetBytes;
        this.bytesRead = bytesRead;
    }

    @Override
    public int read() throws IOException {
        int value = super.read();
        if (value >= 0) {
            advance(1);
        }
        return value;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int count = super.read(buffer, offset, length);
        if (count > 0) {
            advance(count);
        }
        return count;
    }

    private void advance(long count) {
        totalBytes += count;
        bytesRead.accept(totalBytes);
    }
}
