package io.raftkv.memcached;

/**
 * Turns each request into its first {@link Step}. Shared by all of the node's connections: it holds no
 * per-connection state, and what it shares (counters, access table) is thread-safe.
 */
final class CommandExecutor {
    static final String LINE_TOO_LONG = "CLIENT_ERROR line too long";

    private final StorageCommands storage;
    private final RetrievalCommands retrieval;
    private final KeyUpdates keyUpdates;
    private final AdminCommands admin;
    private final MetaGetCommand metaGet;
    private final MetaSetCommand metaSet;
    private final MetaDeleteCommand metaDelete;
    private final MetaArithmeticCommand metaArithmetic;
    private final MetaDebugCommand metaDebug;

    CommandExecutor(CommandContext context, int workerThreads) {
        this.storage = new StorageCommands(context);
        this.retrieval = new RetrievalCommands(context);
        this.keyUpdates = new KeyUpdates(context);
        this.admin = new AdminCommands(context, new StatsReport(context, workerThreads));
        this.metaGet = new MetaGetCommand(context);
        this.metaSet = new MetaSetCommand(context);
        this.metaDelete = new MetaDeleteCommand(context);
        this.metaArithmetic = new MetaArithmeticCommand(context);
        this.metaDebug = new MetaDebugCommand(context);
    }

    Step start(ClientRequest request) {
        return switch (request) {
            case ClientRequest.Storage storageRequest -> storage.execute(storageRequest);
            case ClientRequest.Retrieval retrievalRequest -> retrieval.execute(retrievalRequest);
            case ClientRequest.Deletion deletion -> keyUpdates.delete(deletion);
            case ClientRequest.IncrementOrDecrement counter -> keyUpdates.incrementOrDecrement(counter);
            case ClientRequest.Touch touch -> keyUpdates.touch(touch);
            case ClientRequest.Flush flush -> admin.flush(flush);
            case ClientRequest.Version ignored -> admin.version();
            case ClientRequest.Verbosity ignored -> Step.line("OK");
            case ClientRequest.Stats stats -> admin.stats(stats);
            case ClientRequest.Quit ignored -> Step.done(Reply.closing());
            case ClientRequest.MetaGet get -> metaGet.execute(get);
            case ClientRequest.MetaSet set -> metaSet.execute(set);
            case ClientRequest.MetaDelete delete -> metaDelete.execute(delete);
            case ClientRequest.MetaArithmetic arithmetic -> metaArithmetic.execute(arithmetic);
            case ClientRequest.MetaDebug debug -> metaDebug.execute(debug);
            case ClientRequest.MetaNoop ignored -> Step.line("MN");
            case ClientRequest.Invalid invalid -> Step.line(invalid.errorLine());
            case ClientRequest.TooLarge ignored -> admin.tooLarge();
            case ClientRequest.LineTooLong ignored -> Step.done(Reply.closingWithLine(LINE_TOO_LONG));
            case ClientRequest.HttpProbe ignored -> Step.done(Reply.closing());
        };
    }
}
