package io.raftkv.checker.register;

import io.raftkv.checker.linearizability.Model;

import java.util.Objects;
import java.util.Optional;

/**
 * A register whose value may be absent: the sequential specification of one key under reads, writes and
 * compare-and-set. It starts absent.
 *
 * <ul>
 *   <li>A read is legal if and only if it returns the current value; an unknown read changes nothing.</li>
 *   <li>A write is always legal and sets the value, whether its outcome is known or not.</li>
 *   <li>A compare-and-set that swapped is legal if and only if the value was the expected one, and sets the new value;
 *       one that did not swap is legal if and only if the value was not the expected one, and changes nothing. An
 *       unknown one swaps exactly when the value was the expected one.</li>
 * </ul>
 *
 * <p>An output of the wrong kind for the input (a {@code Written} for a read, say) is a harness bug, not a history to
 * judge, so it throws {@link IllegalArgumentException}.
 */
public final class RegisterModel implements Model<RegisterState, RegisterInput, RegisterOutput> {

    @Override
    public RegisterState initialState() {
        return RegisterState.ABSENT;
    }

    @Override
    public Optional<RegisterState> step(RegisterState state, RegisterInput input, RegisterOutput output) {
        return switch (input) {
            case RegisterInput.Read read -> read(state, output);
            case RegisterInput.Write write -> {
                requireOutput(output, RegisterOutput.Written.class, input);
                yield Optional.of(new RegisterState(write.value()));
            }
            case RegisterInput.CompareAndSet compareAndSet -> compareAndSet(state, compareAndSet, output);
        };
    }

    private static Optional<RegisterState> read(RegisterState state, RegisterOutput output) {
        if (output == null) {
            return Optional.of(state);
        }
        RegisterOutput.ReadValue returned =
                requireOutput(output, RegisterOutput.ReadValue.class, new RegisterInput.Read());
        return Objects.equals(returned.value(), state.value()) ? Optional.of(state) : Optional.empty();
    }

    private static Optional<RegisterState> compareAndSet(RegisterState state, RegisterInput.CompareAndSet input,
                                                         RegisterOutput output) {
        boolean matches = Objects.equals(state.value(), input.expected());
        RegisterState swapped = new RegisterState(input.value());
        if (output == null) {
            return Optional.of(matches ? swapped : state);
        }
        RegisterOutput.CompareAndSetResult result =
                requireOutput(output, RegisterOutput.CompareAndSetResult.class, input);
        if (result.swapped() != matches) {
            return Optional.empty();
        }
        return Optional.of(matches ? swapped : state);
    }

    private static <T extends RegisterOutput> T requireOutput(RegisterOutput output, Class<T> expected,
                                                              RegisterInput input) {
        if (output != null && !expected.isInstance(output)) {
            throw new IllegalArgumentException(String.format("%s cannot return %s", input, output));
        }
        return expected.cast(output);
    }

    @Override
    public String describe(RegisterInput input, RegisterOutput output) {
        String asked = switch (input) {
            case RegisterInput.Read read -> "read()";
            case RegisterInput.Write write -> "write(" + quoted(write.value()) + ")";
            case RegisterInput.CompareAndSet compareAndSet ->
                    "cas(" + quoted(compareAndSet.expected()) + " -> " + quoted(compareAndSet.value()) + ")";
        };
        return asked + " -> " + (output == null ? "unknown" : describeOutput(output));
    }

    private static String describeOutput(RegisterOutput output) {
        return switch (output) {
            case RegisterOutput.ReadValue value -> quoted(value.value());
            case RegisterOutput.Written written -> "ok";
            case RegisterOutput.CompareAndSetResult result -> result.swapped() ? "swapped" : "not swapped";
        };
    }

    private static String quoted(String value) {
        return value == null ? "absent" : '"' + value + '"';
    }

    @Override
    public boolean isReadOnly(RegisterInput input) {
        return input instanceof RegisterInput.Read;
    }
}
