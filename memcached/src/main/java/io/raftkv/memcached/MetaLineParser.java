package io.raftkv.memcached;

import io.raftkv.core.Bytes;
import io.raftkv.core.Invariants;

import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Function;

/** The meta commands' lines: {@code mg}, {@code ms}, {@code md}, {@code ma}, {@code me} and {@code mn}. */
final class MetaLineParser {
    private static final int FIRST_FLAG = 2;
    private static final int META_SET_FIRST_FLAG = 3;
    private static final int DATA_TERMINATOR_BYTES = 2;
    private static final Set<Character> META_SET_MODES = Set.of('E', 'A', 'P', 'R', 'S');
    private static final Set<Character> META_ARITHMETIC_MODES = Set.of('I', '+', 'D', '-');

    private final MemcachedFrontEndConfig config;

    MetaLineParser(MemcachedFrontEndConfig config) {
        this.config = config;
    }

    LineOutcome parse(LineTokens tokens) {
        String command = tokens.text(0);
        if (command.equals("mn")) {
            return RequestLineParser.complete(new ClientRequest.MetaNoop());
        }
        if (tokens.count() < 2) {
            // memcached 1.6.18 answers a keyless me with a format error and the others with ERROR.
            return RequestLineParser.invalid(command.equals("me") ? RequestLineParser.BAD_FORMAT
                    : RequestLineParser.ERROR);
        }
        return switch (command) {
            case "mg" -> keyed(tokens, parsed -> new ClientRequest.MetaGet(parsed.key(), parsed.flags()));
            case "md" -> keyed(tokens, parsed -> new ClientRequest.MetaDelete(parsed.key(), parsed.flags()));
            case "ma" -> arithmetic(tokens);
            case "ms" -> set(tokens);
            case "me" -> debug(tokens);
            default -> throw new Invariants.InvariantViolation("not a meta command: " + command);
        };
    }

    private LineOutcome keyed(LineTokens tokens, Function<MetaParse.Parsed, ClientRequest> build) {
        MetaParse parse = MetaFlagParser.parse(tokens, FIRST_FLAG, config.keyBytesMax());
        return switch (parse) {
            case MetaParse.Failed failed -> RequestLineParser.invalid(failed.errorLine());
            case MetaParse.Parsed parsed -> MetaFlagParser.replyProblem(parsed.flags())
                    .map(RequestLineParser::invalid)
                    .orElseGet(() -> RequestLineParser.complete(build.apply(parsed)));
        };
    }

    /** memcached answers every flag problem of ma with one message. */
    private LineOutcome arithmetic(LineTokens tokens) {
        MetaParse parse = MetaFlagParser.parse(tokens, FIRST_FLAG, config.keyBytesMax());
        if (!(parse instanceof MetaParse.Parsed parsed)) {
            return RequestLineParser.invalid("CLIENT_ERROR invalid or duplicate flag");
        }
        if (!validMode(parsed.flags(), META_ARITHMETIC_MODES)) {
            return RequestLineParser.invalid("CLIENT_ERROR invalid mode for ma M token");
        }
        return MetaFlagParser.replyProblem(parsed.flags())
                .map(RequestLineParser::invalid)
                .orElseGet(() -> RequestLineParser.complete(
                        new ClientRequest.MetaArithmetic(parsed.key(), parsed.flags())));
    }

    /** {@code ms <key> <datalen> <flags>*}: once the length is known, refusals swallow the data block. */
    private LineOutcome set(LineTokens tokens) {
        if (tokens.count() < META_SET_FIRST_FLAG) {
            return RequestLineParser.invalid(RequestLineParser.BAD_FORMAT);
        }
        OptionalLong valueBytes = Numbers.signed32(tokens.bytes(2));
        if (valueBytes.isEmpty() || valueBytes.getAsLong() < 0) {
            return RequestLineParser.invalid(RequestLineParser.BAD_FORMAT);
        }
        long swallowBytes = valueBytes.getAsLong() + DATA_TERMINATOR_BYTES;
        MetaParse parse = MetaFlagParser.parse(tokens, META_SET_FIRST_FLAG, config.keyBytesMax());
        if (parse instanceof MetaParse.Failed failed) {
            return refused(failed.errorLine(), swallowBytes);
        }
        MetaParse.Parsed parsed = (MetaParse.Parsed) parse;
        if (!validMode(parsed.flags(), META_SET_MODES)) {
            return refused("CLIENT_ERROR invalid mode for ms M token", swallowBytes);
        }
        if (valueBytes.getAsLong() > config.limits().valueBytesMax()) {
            return new LineOutcome.Refused(new ClientRequest.TooLarge(false), swallowBytes);
        }
        Optional<String> problem = MetaFlagParser.replyProblem(parsed.flags());
        if (problem.isPresent()) {
            return refused(problem.get(), swallowBytes);
        }
        return new LineOutcome.AwaitingData(
                new PendingValue.MetaSetHeader(parsed.key(), parsed.flags(), (int) valueBytes.getAsLong()));
    }

    /** {@code me <key> [b]}: memcached reads only the b flag here and ignores the rest. */
    private LineOutcome debug(LineTokens tokens) {
        byte[] typedKey = tokens.bytes(1);
        if (typedKey.length > config.keyBytesMax()) {
            return RequestLineParser.invalid(RequestLineParser.BAD_FORMAT);
        }
        if (tokens.is(2, "b")) {
            Optional<Bytes> decoded = Keys.decodeBase64(typedKey);
            return decoded.map(key -> RequestLineParser.complete(new ClientRequest.MetaDebug(new MetaKey(key, true))))
                    .orElseGet(() -> RequestLineParser.invalid(RequestLineParser.BAD_FORMAT));
        }
        if (!Keys.isValid(typedKey, config.keyBytesMax())) {
            return RequestLineParser.invalid(RequestLineParser.BAD_FORMAT);
        }
        return RequestLineParser.complete(new ClientRequest.MetaDebug(new MetaKey(Bytes.wrap(typedKey), false)));
    }

    private static boolean validMode(MetaFlags flags, Set<Character> modes) {
        return !flags.has('M') || flags.modeOf('M').filter(modes::contains).isPresent();
    }

    private static LineOutcome refused(String errorLine, long swallowBytes) {
        return new LineOutcome.Refused(new ClientRequest.Invalid(errorLine, false), swallowBytes);
    }
}
