package io.raftkv.checker.register;

import io.raftkv.checker.Operation;

import java.util.ArrayList;
import java.util.List;

/** Builds register histories for tests, one operation per line; ids are assigned in the order operations are added. */
public final class RegisterHistory {

    private final List<Operation<RegisterInput, RegisterOutput>> operations = new ArrayList<>();
    private String key;

    private RegisterHistory(String key) {
        this.key = key;
    }

    public static RegisterHistory onKey(String key) {
        return new RegisterHistory(key);
    }

    /** Adds the following operations to another key. */
    public RegisterHistory key(String otherKey) {
        this.key = otherKey;
        return this;
    }

    public RegisterHistory write(int process, String value, long invokeNanos, long completeNanos) {
        return add(process, new RegisterInput.Write(value), new RegisterOutput.Written(), invokeNanos, completeNanos);
    }

    /** A read that returned {@code value}; {@code null} means it found the key absent. */
    public RegisterHistory read(int process, String value, long invokeNanos, long completeNanos) {
        return add(process, new RegisterInput.Read(), new RegisterOutput.ReadValue(value), invokeNanos, completeNanos);
    }

    public RegisterHistory compareAndSet(int process, String expected, String value, boolean swapped,
                                         long invokeNanos, long completeNanos) {
        return add(process, new RegisterInput.CompareAndSet(expected, value),
                new RegisterOutput.CompareAndSetResult(swapped), invokeNanos, completeNanos);
    }

    public RegisterHistory unknownWrite(int process, String value, long invokeNanos) {
        operations.add(Operation.unknown(operations.size(), process, key, new RegisterInput.Write(value),
                invokeNanos));
        return this;
    }

    public RegisterHistory unknownCompareAndSet(int process, String expected, String value, long invokeNanos) {
        operations.add(Operation.unknown(operations.size(), process, key,
                new RegisterInput.CompareAndSet(expected, value), invokeNanos));
        return this;
    }

    public RegisterHistory unknownRead(int process, long invokeNanos) {
        operations.add(Operation.unknown(operations.size(), process, key, new RegisterInput.Read(), invokeNanos));
        return this;
    }

    public List<Operation<RegisterInput, RegisterOutput>> build() {
        return List.copyOf(operations);
    }

    private RegisterHistory add(int process, RegisterInput input, RegisterOutput output, long invokeNanos,
                                long completeNanos) {
        operations.add(new Operation<>(operations.size(), process, key, input, output, invokeNanos, completeNanos));
        return this;
    }
}
