package io.raftkv.torture.fault;

import io.raftkv.core.Invariants;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A tiny {@code LD_PRELOAD} library, compiled with gcc at run time, that makes a process's outgoing loopback
 * connections start from a given address. Ratis cannot choose the local address of its connections, so without this
 * every node would connect from 127.0.0.1 and firewall rules could not tell the nodes apart. See
 * {@code source_address_shim.c} next to this class for what exactly it does.
 */
public final class SourceAddressShim {
    /** The variable the shim reads; a process without it connects as usual. */
    public static final String SOURCE_ADDRESS_VARIABLE = "TORTURE_SOURCE_ADDRESS";
    static final String SOURCE_RESOURCE = "source_address_shim.c";
    static final String LIBRARY_NAME = "libraftkv_source_address.so";
    private static final String COMPILER = "gcc";
    /** Only loopback destinations are rewritten, so only loopback sources make sense. */
    private static final String LOOPBACK_IPV4 = "127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}";

    private final Path library;

    private SourceAddressShim(Path library) {
        this.library = library;
    }

    /** Why the shim cannot be used here (no gcc, or the source does not compile), empty when it can. */
    public static Optional<String> unavailableReason() {
        if (Command.find(COMPILER).isEmpty()) {
            return Optional.of("gcc is not installed, so the source-address shim cannot be compiled");
        }
        Path scratch = null;
        try {
            scratch = Files.createTempDirectory("raftkv-shim-check");
            Command.Result compilation = compile(scratch);
            return compilation.succeeded() ? Optional.empty()
                    : Optional.of("the source-address shim does not compile: " + compilation.errors().strip());
        } catch (IOException scratchFailure) {
            throw new UncheckedIOException("could not create a scratch directory to compile the shim", scratchFailure);
        } finally {
            deleteTree(scratch);
        }
    }

    /** Compiles the shim into {@code directory} (created if needed); fails with the compiler's errors. */
    public static SourceAddressShim build(Path directory) {
        try {
            Files.createDirectories(directory);
        } catch (IOException createFailure) {
            throw new UncheckedIOException("could not create " + directory, createFailure);
        }
        compile(directory).orThrow();
        return new SourceAddressShim(directory.resolve(LIBRARY_NAME).toAbsolutePath());
    }

    /** The library to add to a node's {@code LD_PRELOAD}. */
    public String preloadLibrary() {
        return library.toString();
    }

    /** The variables that make a process connect from {@code address}, a literal 127.x.y.z address. */
    public Map<String, String> environmentFor(String address) {
        Invariants.check(address.matches(LOOPBACK_IPV4), "source address must be 127.x.y.z, was '%s'", address);
        return Map.of("LD_PRELOAD", preloadLibrary(), SOURCE_ADDRESS_VARIABLE, address);
    }

    private static Command.Result compile(Path directory) {
        Path source = directory.resolve(SOURCE_RESOURCE);
        try (InputStream resource = SourceAddressShim.class.getResourceAsStream(SOURCE_RESOURCE)) {
            Invariants.check(resource != null, "the resource %s is missing from the classpath", SOURCE_RESOURCE);
            Files.copy(resource, source, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException copyFailure) {
            throw new UncheckedIOException("could not write " + source, copyFailure);
        }
        return Command.run(List.of(Command.find(COMPILER).orElseThrow().toString(), "-shared", "-fPIC", "-O2",
                "-Wall", "-Wextra", "-Werror", "-o", directory.resolve(LIBRARY_NAME).toString(), source.toString(),
                "-ldl"));
    }

    private static void deleteTree(Path root) {
        if (root == null) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (IOException deleteFailure) {
            throw new UncheckedIOException("could not delete " + root, deleteFailure);
        }
    }
}
