package io.raftkv.statemachine;

import io.raftkv.storage.StorageEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Opens engines of a given kind for a test and closes them after it, each in its own directory. */
abstract class EngineTest {
    @TempDir
    Path directory;

    private final List<StorageEngine> engines = new ArrayList<>();

    StorageEngine open(EngineKind kind) {
        try {
            StorageEngine engine = kind.open(Files.createTempDirectory(directory, kind.name()));
            engines.add(engine);
            return engine;
        } catch (IOException failure) {
            throw new UncheckedIOException(failure);
        }
    }

    MachineDriver driver(EngineKind kind) {
        return new MachineDriver(open(kind));
    }

    @AfterEach
    void closeEngines() {
        engines.forEach(StorageEngine::close);
    }
}
