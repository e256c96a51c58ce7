package io.raftkv.torture.check;

import io.raftkv.checker.Operation;
import io.raftkv.checker.linearizability.KeyedVerdict;
import io.raftkv.checker.linearizability.LinearizabilityChecker;
import io.raftkv.checker.register.RegisterInput;
import io.raftkv.checker.register.RegisterModel;
import io.raftkv.checker.register.RegisterOutput;
import io.raftkv.torture.history.Outcome;
import io.raftkv.torture.history.RecordedOperation;
import io.raftkv.torture.workload.RegisterWorkload;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns the register workload's part of the history into the checker's operations and checks each key for
 * linearizability. Operations that failed for sure are left out (they had no effect), and so are reads without an
 * answer (they had no effect either); writes and swaps without an answer stay in as unknown.
 */
public final class RegisterCheck {
    private RegisterCheck() {
    }

    public static KeyedVerdict<RegisterInput, RegisterOutput> check(List<RecordedOperation> history,
                                                                     Duration budget) {
        return LinearizabilityChecker.checkByKey(operations(history), new RegisterModel(), budget);
    }

    static List<Operation<RegisterInput, RegisterOutput>> operations(List<RecordedOperation> history) {
        List<Operation<RegisterInput, RegisterOutput>> operations = new ArrayList<>();
        for (RecordedOperation recorded : history) {
            if (!isRegisterFunction(recorded.function()) || recorded.outcome() == Outcome.FAIL) {
                continue;
            }
            boolean known = recorded.outcome() == Outcome.OK;
            if (!known && recorded.function().equals(RegisterWorkload.READ)) {
                continue;
            }
            operations.add(new Operation<>(recorded.index(), recorded.process(), recorded.key(), input(recorded),
                    known ? output(recorded) : null, recorded.invokeNanos(),
                    known ? recorded.completeNanos() : Long.MAX_VALUE));
        }
        return operations;
    }

    private static boolean isRegisterFunction(String function) {
        return function.equals(RegisterWorkload.READ) || function.equals(RegisterWorkload.WRITE)
                || function.equals(RegisterWorkload.CAS);
    }

    private static RegisterInput input(RecordedOperation recorded) {
        return switch (recorded.function()) {
            case RegisterWorkload.READ -> new RegisterInput.Read();
            case RegisterWorkload.WRITE -> new RegisterInput.Write(recorded.input());
            case RegisterWorkload.CAS -> {
                String[] parts = recorded.input().split(RegisterWorkload.CAS_ARROW, 2);
                yield new RegisterInput.CompareAndSet(valueOrAbsent(parts[0]), parts[1]);
            }
            default -> throw new IllegalArgumentException("not a register operation: " + recorded);
        };
    }

    private static RegisterOutput output(RecordedOperation recorded) {
        return switch (recorded.function()) {
            case RegisterWorkload.READ -> new RegisterOutput.ReadValue(valueOrAbsent(recorded.output()));
            case RegisterWorkload.WRITE -> new RegisterOutput.Written();
            case RegisterWorkload.CAS -> new RegisterOutput.CompareAndSetResult(
                    recorded.output().equals(RegisterWorkload.SWAPPED));
            default -> throw new IllegalArgumentException("not a register operation: " + recorded);
        };
    }

    private static String valueOrAbsent(String text) {
        return text.equals(RegisterWorkload.ABSENT) ? null : text;
    }
}
