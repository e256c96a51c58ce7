package io.raftkv.checker.register;

/**
 * The state of a register.
 *
 * @param value the current value, or {@code null} when the register holds nothing (the key is absent)
 */
public record RegisterState(String value) {

    /** The state of a key that was never written. */
    public static final RegisterState ABSENT = new RegisterState(null);

    @Override
    public String toString() {
        return value == null ? "absent" : '"' + value + '"';
    }
}
