package io.raftkv.memcached;

import io.raftkv.core.Bytes;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The flags of one meta command, in the order the client sent them (replies echo them in that order), with numeric
 * arguments already checked and parsed.
 */
final class MetaFlags {
    private final List<Flag> inOrder;
    private final Map<Character, Flag> byName;
    private final Map<Character, Long> numbers;

    /**
     * One flag as sent.
     *
     * @param argument the bytes after the flag character, empty for plain flags
     */
    record Flag(char name, Bytes argument) {
    }

    MetaFlags(List<Flag> inOrder, Map<Character, Flag> byName, Map<Character, Long> numbers) {
        this.inOrder = List.copyOf(inOrder);
        this.byName = Map.copyOf(byName);
        this.numbers = Map.copyOf(numbers);
    }

    List<Flag> inOrder() {
        return inOrder;
    }

    boolean has(char name) {
        return byName.containsKey(name);
    }

    /** The parsed numeric argument of N, T, R (signed), F (unsigned 32-bit), C, E, J, D (unsigned 64-bit bits). */
    OptionalLong number(char name) {
        Long value = numbers.get(name);
        return value == null ? OptionalLong.empty() : OptionalLong.of(value);
    }

    Optional<Bytes> argument(char name) {
        return Optional.ofNullable(byName.get(name)).map(Flag::argument);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof MetaFlags flags && inOrder.equals(flags.inOrder);
    }

    @Override
    public int hashCode() {
        return inOrder.hashCode();
    }

    /** The flags as they were sent, for logs and test failures. */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("MetaFlags[");
        for (Flag flag : inOrder) {
            text.append(' ').append(flag.name()).append(Keys.describe(flag.argument()));
        }
        return text.append(" ]").toString();
    }

    /** The first character of a flag's argument, such as the mode of M; empty when the flag or argument is absent. */
    Optional<Character> modeOf(char name) {
        return argument(name).filter(argument -> !argument.isEmpty())
                .map(argument -> (char) (argument.byteAt(0) & 0xff));
    }
}
