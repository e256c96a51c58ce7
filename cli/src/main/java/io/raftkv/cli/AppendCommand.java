package io.raftkv.cli;

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

@Command(name = "append", mixinStandardHelpOptions = true,
        description = "Append to an existing key's value. Exit 1 if the key is absent, 5 if the result is too large.")
final class AppendCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Mixin
    ClientOptions clientOptions;

    @Parameters(index = "0", paramLabel = "KEY")
    String key;

    @Parameters(index = "1", paramLabel = "VALUE", description = "The suffix; '-' reads it from stdin.")
    String value;

    @Option(names = "--ttl", paramLabel = "DURATION", description = "Replace the expiry (default: keep it).")
    Duration ttl;

    @Override
    public Integer call() throws IOException {
        CliContext context = main.context();
        long ttlSeconds = ttl == null ? 0 : PutCommand.positiveSeconds(ttl);
        Bytes keyBytes = Bytes.utf8(key);
        Bytes suffix = PutCommand.valueArgument(value, context);
        try (RaftKvClient client = clientOptions.connect(context)) {
            return ResultPrinter.printWrite(client.append(keyBytes, suffix, ttlSeconds), keyBytes, context);
        }
    }
}
