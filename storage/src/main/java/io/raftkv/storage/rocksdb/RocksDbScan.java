package io.raftkv.storage.rocksdb;

import io.raftkv.core.Bytes;
import io.raftkv.storage.ReadView;
import org.rocksdb.RocksIterator;

import java.util.Arrays;
import java.util.Optional;

/** Walks an iterator over [start, end), the same way for the engine, its views and its transactions. */
final class RocksDbScan {
    private RocksDbScan() {
    }

    /** Visits and then closes the iterator. */
    static void visit(RocksIterator iterator, Bytes start, Optional<Bytes> end, ReadView.ScanVisitor visitor) {
        try (iterator) {
            byte[] endBytes = end.map(Bytes::unsafeArray).orElse(null);
            boolean goOn = true;
            for (iterator.seek(start.unsafeArray()); goOn && iterator.isValid(); iterator.next()) {
                byte[] key = iterator.key();
                if (endBytes != null && Arrays.compareUnsigned(key, endBytes) >= 0) {
                    break;
                }
                goOn = visitor.visit(Bytes.wrap(key), Bytes.wrap(iterator.value()));
            }
            // An iterator stops early on an I/O error too; status() tells that apart from the end of the range.
            RocksDbCall.run("scan", () -> {
                iterator.status();
                return null;
            });
        }
    }
}
