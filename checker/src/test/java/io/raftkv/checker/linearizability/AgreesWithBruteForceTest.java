package io.raftkv.checker.linearizability;

import io.raftkv.checker.Operation;
import io.raftkv.checker.register.RegisterInput;
import io.raftkv.checker.register.RegisterModel;
import io.raftkv.checker.register.RegisterOutput;
import io.raftkv.checker.register.RegisterState;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * On small random register histories, linearizable or not, the checker (with its cache, its dominance rule for
 * unknown operations and its two passes) must agree with a plain enumeration of every order. jqwik prints the seed of a
 * failing try; the history's own seed is in the assertion message.
 */
class AgreesWithBruteForceTest {

    private static final Duration BUDGET = Duration.ofSeconds(30);
    private static final RegisterModel MODEL = new RegisterModel();
    private static final String[] VALUES = {null, "a", "b", "c"};
    private static final int TIME_RANGE_NANOS = 30;

    @Property(tries = 2000)
    void checkerAgreesWithEnumeratingEveryOrder(@ForAll long seed,
                                                @ForAll @IntRange(min = 1, max = 7) int operationCount,
                                                @ForAll @IntRange(min = 0, max = 60) int unknownPercent) {
        List<Operation<RegisterInput, RegisterOutput>> history = randomHistory(new Random(seed), operationCount,
                unknownPercent);

        boolean expected = linearizableByEnumeration(history, new boolean[history.size()], MODEL.initialState());
        Verdict<RegisterInput, RegisterOutput> verdict = LinearizabilityChecker.check(history, MODEL, BUDGET);

        assertThat(verdict)
                .as("seed %d, history %s", seed, history)
                .isInstanceOf(expected ? Verdict.Linearizable.class : Verdict.NotLinearizable.class);
    }

    private static List<Operation<RegisterInput, RegisterOutput>> randomHistory(Random random, int operationCount,
                                                                                int unknownPercent) {
        List<Operation<RegisterInput, RegisterOutput>> history = new ArrayList<>();
        for (int id = 0; id < operationCount; id++) {
            long invokeNanos = random.nextInt(TIME_RANGE_NANOS);
            long completeNanos = invokeNanos + random.nextInt(TIME_RANGE_NANOS / 2);
            String value = VALUES[1 + random.nextInt(VALUES.length - 1)];
            RegisterInput input = switch (random.nextInt(3)) {
                case 0 -> new RegisterInput.Read();
                case 1 -> new RegisterInput.Write(value);
                default -> new RegisterInput.CompareAndSet(VALUES[random.nextInt(VALUES.length)], value);
            };
            if (random.nextInt(100) < unknownPercent) {
                history.add(Operation.unknown(id, id, "k", input, invokeNanos));
                continue;
            }
            RegisterOutput output = switch (input) {
                case RegisterInput.Read read -> new RegisterOutput.ReadValue(VALUES[random.nextInt(VALUES.length)]);
                case RegisterInput.Write write -> new RegisterOutput.Written();
                case RegisterInput.CompareAndSet compareAndSet ->
                        new RegisterOutput.CompareAndSetResult(random.nextBoolean());
            };
            history.add(new Operation<>(id, id, "k", input, output, invokeNanos, completeNanos));
        }
        return history;
    }

    /**
     * Whether the operations not yet used can follow {@code state}: every known one must be used, unknown ones may be,
     * and an operation may go next only if no unused known operation completed before it was invoked.
     */
    private static boolean linearizableByEnumeration(List<Operation<RegisterInput, RegisterOutput>> history,
                                                     boolean[] used, RegisterState state) {
        boolean allKnownUsed = true;
        for (int position = 0; position < history.size(); position++) {
            allKnownUsed &= used[position] || !history.get(position).outcomeKnown();
        }
        if (allKnownUsed) {
            return true;
        }
        for (int position = 0; position < history.size(); position++) {
            if (used[position] || !mayGoNext(history, used, position)) {
                continue;
            }
            Operation<RegisterInput, RegisterOutput> operation = history.get(position);
            Optional<RegisterState> after = MODEL.step(state, operation.input(), operation.output());
            if (after.isPresent()) {
                used[position] = true;
                boolean found = linearizableByEnumeration(history, used, after.get());
                used[position] = false;
                if (found) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean mayGoNext(List<Operation<RegisterInput, RegisterOutput>> history, boolean[] used,
                                     int candidate) {
        for (int other = 0; other < history.size(); other++) {
            Operation<RegisterInput, RegisterOutput> earlier = history.get(other);
            if (!used[other] && other != candidate && earlier.outcomeKnown()
                    && earlier.completeNanos() < history.get(candidate).invokeNanos()) {
                return false;
            }
        }
        return true;
    }
}
