package io.raftkv.memcached;

import io.raftkv.core.Bytes;
import io.raftkv.core.command.Arithmetic;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * Turns one command line into a request, with memcached's error lines for everything it refuses. Pure: no I/O, no
 * service, so every command form and every bad input is unit-tested here.
 *
 * <p>It answers as memcached 1.6 does (checked against 1.6.18, the Debian release, and the current source): a line
 * with the wrong number of arguments is ERROR; bad arguments get the CLIENT_ERROR lines memcached sends;
 * {@code version} and {@code quit} ignore arguments. One deliberate difference: a refused storage line whose byte
 * count is readable always has its data block swallowed (memcached 1.6.18 reads the block as commands when the
 * argument count is wrong or a flag is bad), so data is never run as commands.
 */
final class RequestLineParser {
    static final String ERROR = "ERROR";
    static final String BAD_FORMAT = "CLIENT_ERROR bad command line format";
    static final String BAD_DATA_CHUNK = "CLIENT_ERROR bad data chunk";
    static final String INVALID_EXPTIME = "CLIENT_ERROR invalid exptime argument";
    static final String INVALID_DELTA = "CLIENT_ERROR invalid numeric delta argument";
    static final String DELETE_USAGE = "CLIENT_ERROR bad command line format.  Usage: delete <key> [noreply]";
    static final String TOO_MANY_KEYS = "CLIENT_ERROR too many keys in one request";
    private static final String NOREPLY = "noreply";
    /** The data block is followed by \r\n, which is swallowed with it. */
    private static final int DATA_TERMINATOR_BYTES = 2;
    /** Tokens of a storage line up to the byte count: command, key, flags, exptime, bytes. */
    private static final int STORAGE_TOKENS = 5;
    /** The byte count's token in a storage line. */
    private static final int BYTES_INDEX = 4;
    private static final int DELETE_TOKENS_MAX = 4;
    private static final int FLUSH_TOKENS_MAX = 3;

    private final MemcachedFrontEndConfig config;
    private final MetaLineParser metaParser;

    RequestLineParser(MemcachedFrontEndConfig config) {
        this.config = config;
        this.metaParser = new MetaLineParser(config);
    }

    LineOutcome parse(byte[] line) {
        LineTokens tokens = LineTokens.split(line);
        if (tokens.count() == 0) {
            return invalid(ERROR);
        }
        return switch (tokens.text(0)) {
            case "get" -> retrieval(tokens, ClientRequest.RetrievalVerb.GET);
            case "gets" -> retrieval(tokens, ClientRequest.RetrievalVerb.GETS);
            case "gat" -> retrieval(tokens, ClientRequest.RetrievalVerb.GAT);
            case "gats" -> retrieval(tokens, ClientRequest.RetrievalVerb.GATS);
            case "set" -> storage(tokens, ClientRequest.StorageVerb.SET);
            case "add" -> storage(tokens, ClientRequest.StorageVerb.ADD);
            case "replace" -> storage(tokens, ClientRequest.StorageVerb.REPLACE);
            case "append" -> storage(tokens, ClientRequest.StorageVerb.APPEND);
            case "prepend" -> storage(tokens, ClientRequest.StorageVerb.PREPEND);
            case "cas" -> storage(tokens, ClientRequest.StorageVerb.CAS);
            case "delete" -> deletion(tokens);
            case "incr" -> incrementOrDecrement(tokens, Arithmetic.Direction.INCREMENT);
            case "decr" -> incrementOrDecrement(tokens, Arithmetic.Direction.DECREMENT);
            case "touch" -> touch(tokens);
            case "flush_all" -> flush(tokens);
            case "version" -> complete(new ClientRequest.Version());
            case "quit" -> complete(new ClientRequest.Quit());
            case "verbosity" -> verbosity(tokens);
            case "stats" -> complete(new ClientRequest.Stats(tokens.count() == 1 ? "" : tokens.text(1)));
            case "mg", "ms", "md", "ma", "me", "mn" -> metaParser.parse(tokens);
            default -> unknown(tokens);
        };
    }

    /** {@code <command> <key> <flags> <exptime> <bytes> [<cas unique>] [noreply]}. */
    private LineOutcome storage(LineTokens tokens, ClientRequest.StorageVerb verb) {
        int tokensMin = verb == ClientRequest.StorageVerb.CAS ? STORAGE_TOKENS + 1 : STORAGE_TOKENS;
        // Without a byte count the data block cannot be found, so nothing is swallowed (memcached does the same).
        OptionalLong valueBytes = tokens.count() > BYTES_INDEX
                ? Numbers.signed32(tokens.bytes(BYTES_INDEX)) : OptionalLong.empty();
        boolean countKnown = valueBytes.isPresent() && valueBytes.getAsLong() >= 0;
        long swallowBytes = countKnown ? valueBytes.getAsLong() + DATA_TERMINATOR_BYTES : 0;
        if (tokens.count() < tokensMin || tokens.count() > tokensMin + 1) {
            return countKnown ? new LineOutcome.Refused(error(ERROR), swallowBytes) : invalid(ERROR);
        }
        if (!countKnown) {
            return invalid(BAD_FORMAT);
        }
        boolean noreply = tokens.count() > tokensMin && tokens.lastIs(NOREPLY);
        byte[] key = tokens.bytes(1);
        OptionalLong flags = Numbers.unsigned32(tokens.bytes(2));
        OptionalLong exptime = Numbers.signed32(tokens.bytes(3));
        OptionalLong casUnique = verb == ClientRequest.StorageVerb.CAS
                ? Numbers.unsigned64(tokens.bytes(STORAGE_TOKENS)) : OptionalLong.of(0);
        if (!Keys.isValid(key, config.keyBytesMax()) || flags.isEmpty() || exptime.isEmpty() || casUnique.isEmpty()) {
            return new LineOutcome.Refused(new ClientRequest.Invalid(BAD_FORMAT, noreply), swallowBytes);
        }
        if (valueBytes.getAsLong() > config.limits().valueBytesMax()) {
            return new LineOutcome.Refused(new ClientRequest.TooLarge(noreply), swallowBytes);
        }
        return new LineOutcome.AwaitingData(new PendingValue.StorageHeader(verb, Bytes.wrap(key),
                (int) flags.getAsLong(), exptime.getAsLong(), casUnique.getAsLong(), noreply,
                (int) valueBytes.getAsLong()));
    }

    private LineOutcome retrieval(LineTokens tokens, ClientRequest.RetrievalVerb verb) {
        int firstKey = verb.touches() ? 2 : 1;
        if (tokens.count() < 2) {
            return invalid(ERROR);
        }
        long exptime = 0;
        if (verb.touches()) {
            OptionalLong parsed = Numbers.signed32(tokens.bytes(1));
            if (parsed.isEmpty()) {
                return invalid(INVALID_EXPTIME);
            }
            exptime = parsed.getAsLong();
        }
        if (tokens.count() - firstKey > config.keysPerGetMax()) {
            return invalid(TOO_MANY_KEYS);
        }
        List<Bytes> keys = new ArrayList<>(tokens.count() - firstKey);
        for (int index = firstKey; index < tokens.count(); index++) {
            byte[] key = tokens.bytes(index);
            if (!Keys.isValid(key, config.keyBytesMax())) {
                return invalid(BAD_FORMAT);
            }
            keys.add(Bytes.wrap(key));
        }
        return complete(new ClientRequest.Retrieval(verb, exptime, keys));
    }

    /** {@code delete <key> [0] [noreply]}: the 0 is the hold time old clients still send. */
    private LineOutcome deletion(LineTokens tokens) {
        if (tokens.count() < 2 || tokens.count() > DELETE_TOKENS_MAX) {
            return invalid(ERROR);
        }
        boolean holdIsZero = tokens.is(2, "0");
        boolean noreply = tokens.count() > 2 && tokens.lastIs(NOREPLY);
        boolean valid = switch (tokens.count()) {
            case 2 -> true;
            case 3 -> holdIsZero || noreply;
            default -> holdIsZero && noreply;
        };
        if (!valid) {
            return invalid(DELETE_USAGE);
        }
        byte[] key = tokens.bytes(1);
        if (!Keys.isValid(key, config.keyBytesMax())) {
            return complete(new ClientRequest.Invalid(BAD_FORMAT, noreply));
        }
        return complete(new ClientRequest.Deletion(Bytes.wrap(key), noreply));
    }

    /** {@code incr|decr <key> <delta> [noreply]}. */
    private LineOutcome incrementOrDecrement(LineTokens tokens, Arithmetic.Direction direction) {
        if (!hasArguments(tokens, 2)) {
            return invalid(ERROR);
        }
        boolean noreply = tokens.count() > 3 && tokens.lastIs(NOREPLY);
        byte[] key = tokens.bytes(1);
        if (!Keys.isValid(key, config.keyBytesMax())) {
            return complete(new ClientRequest.Invalid(BAD_FORMAT, noreply));
        }
        OptionalLong delta = Numbers.unsigned64(tokens.bytes(2));
        if (delta.isEmpty()) {
            return complete(new ClientRequest.Invalid(INVALID_DELTA, noreply));
        }
        return complete(new ClientRequest.IncrementOrDecrement(Bytes.wrap(key), direction, delta.getAsLong(),
                noreply));
    }

    /** {@code touch <key> <exptime> [noreply]}. */
    private LineOutcome touch(LineTokens tokens) {
        if (!hasArguments(tokens, 2)) {
            return invalid(ERROR);
        }
        boolean noreply = tokens.count() > 3 && tokens.lastIs(NOREPLY);
        byte[] key = tokens.bytes(1);
        if (!Keys.isValid(key, config.keyBytesMax())) {
            return complete(new ClientRequest.Invalid(BAD_FORMAT, noreply));
        }
        OptionalLong exptime = Numbers.signed32(tokens.bytes(2));
        if (exptime.isEmpty()) {
            return complete(new ClientRequest.Invalid(INVALID_EXPTIME, noreply));
        }
        return complete(new ClientRequest.Touch(Bytes.wrap(key), exptime.getAsLong(), noreply));
    }

    /** {@code flush_all [delay] [noreply]}. */
    private LineOutcome flush(LineTokens tokens) {
        if (tokens.count() > FLUSH_TOKENS_MAX) {
            return invalid(ERROR);
        }
        boolean noreply = tokens.count() > 1 && tokens.lastIs(NOREPLY);
        long delaySeconds = 0;
        if (tokens.count() != (noreply ? 2 : 1)) {
            OptionalLong delay = Numbers.signed32(tokens.bytes(1));
            if (delay.isEmpty()) {
                return complete(new ClientRequest.Invalid(INVALID_EXPTIME, noreply));
            }
            delaySeconds = delay.getAsLong();
        }
        return complete(new ClientRequest.Flush(delaySeconds, noreply));
    }

    /**
     * {@code verbosity <level> [noreply]}. As in memcached, a last {@code noreply} silences the reply even when it is
     * the only argument (and so the level is missing).
     */
    private LineOutcome verbosity(LineTokens tokens) {
        if (!hasArguments(tokens, 1)) {
            return invalid(ERROR);
        }
        boolean noreply = tokens.lastIs(NOREPLY);
        if (Numbers.unsigned32(tokens.bytes(1)).isEmpty()) {
            return complete(new ClientRequest.Invalid(BAD_FORMAT, noreply));
        }
        return complete(new ClientRequest.Verbosity(noreply));
    }

    /** Whether the line has exactly {@code arguments} arguments after the command, or one more (a noreply). */
    private static boolean hasArguments(LineTokens tokens, int arguments) {
        return tokens.count() == arguments + 1 || tokens.count() == arguments + 2;
    }

    /** memcached closes, without a reply, a connection that sends it an HTTP request line. */
    private static LineOutcome unknown(LineTokens tokens) {
        if (tokens.count() > 1 && tokens.text(tokens.count() - 1).startsWith("HTTP/")) {
            return complete(new ClientRequest.HttpProbe());
        }
        return invalid(ERROR);
    }

    static LineOutcome complete(ClientRequest request) {
        return new LineOutcome.Complete(request);
    }

    static LineOutcome invalid(String errorLine) {
        return complete(error(errorLine));
    }

    static ClientRequest error(String errorLine) {
        return new ClientRequest.Invalid(errorLine, false);
    }
}
