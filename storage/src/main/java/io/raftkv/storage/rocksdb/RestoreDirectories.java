package io.raftkv.storage.rocksdb;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * The live database directory and its two siblings used by a restore. A restore builds {@code <live>.restoring},
 * renames live to {@code <live>.old}, renames {@code .restoring} to live and deletes {@code .old}. A crash can stop
 * between any two steps; {@link #repairAfterCrash()} turns each such state back into exactly one live directory.
 *
 * @param live      where the database lives
 * @param restoring where a restore builds the new database before it becomes visible
 * @param old       where the replaced database waits to be deleted
 */
record RestoreDirectories(Path live, Path restoring, Path old) {

    static RestoreDirectories of(Path live) {
        Path absolute = live.toAbsolutePath().normalize();
        String name = absolute.getFileName().toString();
        return new RestoreDirectories(absolute, absolute.resolveSibling(name + ".restoring"),
                absolute.resolveSibling(name + ".old"));
    }

    /**
     * A half-built restore is dropped. Without a live directory the crash came between the two renames, so the old
     * database goes back; with one, the swap finished and the old database only waits to be deleted.
     */
    void repairAfterCrash() throws IOException {
        deleteRecursively(restoring);
        if (Files.notExists(live) && Files.exists(old)) {
            Files.move(old, live, StandardCopyOption.ATOMIC_MOVE);
            syncParent();
            return;
        }
        deleteRecursively(old);
    }

    /** Puts the fully built restoring directory in place of the live one. The live database must be closed. */
    void swapInRestored() throws IOException {
        Files.move(live, old, StandardCopyOption.ATOMIC_MOVE);
        Files.move(restoring, live, StandardCopyOption.ATOMIC_MOVE);
        // Renames are durable only once the directory holding them is synced.
        syncParent();
        deleteRecursively(old);
    }

    void deleteRestoring() throws IOException {
        deleteRecursively(restoring);
    }

    private void syncParent() throws IOException {
        try (FileChannel parent = FileChannel.open(live.getParent(), StandardOpenOption.READ)) {
            parent.force(true);
        }
    }

    static void deleteRecursively(Path root) throws IOException {
        if (Files.notExists(root)) {
            return;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path directory, IOException failure) throws IOException {
                if (failure != null) {
                    throw failure;
                }
                Files.delete(directory);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
