package io.raftkv.cli;

import io.raftkv.client.RaftKvClient;
import io.raftkv.core.Bytes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.util.concurrent.Callable;

@Command(name = "delete", mixinStandardHelpOptions = true, description = "Delete a key. Exit 1 if it is absent.")
final class DeleteCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Mixin
    ClientOptions clientOptions;

    @Parameters(index = "0", paramLabel = "KEY")
    String key;

    @Override
    public Integer call() {
        CliContext context = main.context();
        Bytes keyBytes = Bytes.utf8(key);
        try (RaftKvClient client = clientOptions.connect(context)) {
            return ResultPrinter.printWrite(client.delete(keyBytes), keyBytes, context);
        }
    }
}
