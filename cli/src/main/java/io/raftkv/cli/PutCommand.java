package io.raftkv.cli;

import io.raftkv.client.PutOptions;
import io.raftkv.client.RaftKvClient;
import io.raftkv.core.Bytes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Callable;

@Command(name = "put", mixinStandardHelpOptions = true,
        description = "Set a key's value and print its metadata. Exit 4 if --if-mod-revision does not match.")
final class PutCommand implements Callable<Integer> {
    /** Flags are 32 unsigned bits on the wire. */
    static final long FLAGS_MAX = 0xffff_ffffL;

    @ParentCommand
    Main main;

    @Mixin
    ClientOptions clientOptions;

    @Parameters(index = "0", paramLabel = "KEY")
    String key;

    @Parameters(index = "1", paramLabel = "VALUE", description = "The value; '-' reads it from stdin.")
    String value;

    @Option(names = "--ttl", paramLabel = "DURATION", description = "Expire the key after this long (30s, 5m, ...).")
    Duration ttl;

    @Option(names = "--flags", paramLabel = "N", description = "32-bit unsigned client flags (default 0).")
    long flags;

    @Option(names = "--if-mod-revision", paramLabel = "N",
            description = "Write only if the key's modRevision is N; 0 means only if the key is absent.")
    Long ifModRevision;

    @Override
    public Integer call() throws IOException {
        CliContext context = main.context();
        if (flags < 0 || flags > FLAGS_MAX) {
            throw new IllegalArgumentException("--flags must be 0 to " + FLAGS_MAX + ", was " + flags);
        }
        if (ifModRevision != null && ifModRevision < 0) {
            throw new IllegalArgumentException("--if-mod-revision must be 0 or more, was " + ifModRevision);
        }
        PutOptions options = PutOptions.NONE.withFlags((int) flags)
                .withTtlSeconds(ttl == null ? 0 : positiveSeconds(ttl));
        if (ifModRevision != null) {
            options = options.withIfModRevision(ifModRevision);
        }
        Bytes keyBytes = Bytes.utf8(key);
        Bytes valueBytes = valueArgument(value, context);
        try (RaftKvClient client = clientOptions.connect(context)) {
            return ResultPrinter.printWrite(client.put(keyBytes, valueBytes, options), keyBytes, context);
        }
    }

    /** The VALUE argument, or all of stdin when it is {@code -}. */
    static Bytes valueArgument(String value, CliContext context) throws IOException {
        return value.equals("-") ? Bytes.wrap(context.in().readAllBytes()) : Bytes.utf8(value);
    }

    static long positiveSeconds(Duration ttl) {
        long seconds = DurationParser.wholeSeconds(ttl, "--ttl");
        if (seconds < 1) {
            throw new IllegalArgumentException("--ttl must be at least 1s");
        }
        return seconds;
    }
}
