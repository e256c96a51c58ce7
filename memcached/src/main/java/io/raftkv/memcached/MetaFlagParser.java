package io.raftkv.memcached;

import io.raftkv.core.Bytes;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Parses a meta command's key and flags with memcached's rules and error lines: a flag may appear once, unknown flags
 * are refused, numeric arguments are checked, and later problems overwrite earlier ones as memcached's parser does.
 */
final class MetaFlagParser {
    /** memcached refuses meta lines with more tokens than this (command, key and data length included). */
    static final int TOKENS_MAX = 20;
    /** The longest opaque token, its O included, as memcached counts it. */
    static final int OPAQUE_TOKEN_BYTES_MAX = 32;
    static final String BAD_FORMAT = "CLIENT_ERROR bad command line format";
    static final String E_FLAG_UNSUPPORTED =
            "CLIENT_ERROR E flag is not supported: CAS values are cluster revisions";
    private static final String BAD_TOKEN = "CLIENT_ERROR bad token in command line format";
    /** Flags are ASCII; memcached treats anything from DEL up as a repeated flag. */
    private static final int FLAG_CHARACTER_LIMIT = 127;
    private static final int KEY_INDEX = 1;

    private MetaFlagParser() {
    }

    /** Parses the key (token 1) and the flags from token {@code firstFlag} on. */
    static MetaParse parse(LineTokens tokens, int firstFlag, int keyBytesMax) {
        if (tokens.length(KEY_INDEX) > keyBytesMax) {
            return new MetaParse.Failed(BAD_FORMAT);
        }
        if (tokens.count() > TOKENS_MAX) {
            return new MetaParse.Failed("CLIENT_ERROR options flags are too long");
        }
        Builder builder = new Builder(tokens.bytes(KEY_INDEX));
        for (int index = firstFlag; index < tokens.count(); index++) {
            Optional<String> fatal = builder.accept(tokens.firstByte(index) & 0xff,
                    Bytes.wrap(tokens.bytesAfterFirst(index)));
            if (fatal.isPresent()) {
                return new MetaParse.Failed(fatal.get());
            }
        }
        return builder.finish(keyBytesMax);
    }

    /** The checks memcached makes after parsing, when it writes the reply: opaque length, and our E refusal. */
    static Optional<String> replyProblem(MetaFlags flags) {
        if (flags.argument('O').filter(opaque -> opaque.length() + 1 > OPAQUE_TOKEN_BYTES_MAX).isPresent()) {
            return Optional.of("CLIENT_ERROR opaque token too long");
        }
        if (flags.has('E')) {
            return Optional.of(E_FLAG_UNSUPPORTED);
        }
        return Optional.empty();
    }

    private static final class Builder {
        private final byte[] typedKey;
        private final List<MetaFlags.Flag> inOrder = new ArrayList<>();
        private final Map<Character, MetaFlags.Flag> byName = new HashMap<>();
        private final Map<Character, Long> numbers = new HashMap<>();
        private Optional<Bytes> decodedKey = Optional.empty();
        private Optional<String> problem = Optional.empty();

        Builder(byte[] typedKey) {
            this.typedKey = typedKey;
        }

        /** Records one flag; returns the error that ends parsing at once (a repeated or unknown flag). */
        Optional<String> accept(int character, Bytes argument) {
            char name = (char) character;
            if (character >= FLAG_CHARACTER_LIMIT || byName.containsKey(name)) {
                return Optional.of("CLIENT_ERROR duplicate flag");
            }
            MetaFlags.Flag flag = new MetaFlags.Flag(name, argument);
            byName.put(name, flag);
            inOrder.add(flag);
            return switch (name) {
                case 'b' -> decodeKey();
                case 'N', 'T', 'R' -> number(name, Numbers.signed32(argument.unsafeArray()), BAD_TOKEN);
                case 'F' -> number(name, Numbers.unsigned32(argument.unsafeArray()), currentProblem());
                case 'C', 'E' -> number(name, Numbers.unsigned64(argument.unsafeArray()), BAD_TOKEN);
                case 'J' -> number(name, Numbers.unsigned64(argument.unsafeArray()),
                        "CLIENT_ERROR invalid numeric initial value");
                case 'D' -> number(name, Numbers.unsigned64(argument.unsafeArray()),
                        "CLIENT_ERROR invalid numeric delta value");
                case 'l', 'O', 'P', 'L', 'k', 's', 't', 'c', 'f', 'v', 'h', 'u', 'q', 'x', 'I', 'M' -> Optional.empty();
                default -> Optional.of("CLIENT_ERROR invalid flag");
            };
        }

        private Optional<String> decodeKey() {
            decodedKey = Keys.decodeBase64(typedKey);
            if (decodedKey.isEmpty()) {
                problem = Optional.of("CLIENT_ERROR error decoding key");
            }
            return Optional.empty();
        }

        private Optional<String> number(char name, OptionalLong value, String errorLine) {
            if (value.isPresent()) {
                numbers.put(name, value.getAsLong());
            } else {
                problem = Optional.of(errorLine);
            }
            return Optional.empty();
        }

        private String currentProblem() {
            return problem.orElse(BAD_FORMAT);
        }

        MetaParse finish(int keyBytesMax) {
            if (problem.isPresent()) {
                return new MetaParse.Failed(problem.get());
            }
            MetaFlags flags = new MetaFlags(inOrder, byName, numbers);
            if (decodedKey.isPresent()) {
                return new MetaParse.Parsed(new MetaKey(decodedKey.get(), true), flags);
            }
            if (!Keys.isValid(typedKey, keyBytesMax)) {
                return new MetaParse.Failed(BAD_FORMAT);
            }
            return new MetaParse.Parsed(new MetaKey(Bytes.wrap(typedKey), false), flags);
        }
    }
}
