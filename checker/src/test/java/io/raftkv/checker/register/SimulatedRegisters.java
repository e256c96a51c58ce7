package io.raftkv.checker.register;

import io.raftkv.checker.Operation;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;

/**
 * Generates histories that are linearizable by construction: each operation gets a random interval and a random
 * linearization point inside it, and the outputs come from applying the operations, in linearization-point order, to
 * one real register per key. Operations with unknown outcomes take effect at a random point after their invocation,
 * possibly long after the client gave up, or never.
 *
 * @param processes             concurrent clients; each issues one operation at a time
 * @param keys                  registers, named k0, k1, ...
 * @param unknownPercent        chance that an operation's outcome is unknown
 */
public record SimulatedRegisters(int processes, int keys, int unknownPercent) {

    private static final int GAP_NANOS_MAX = 20;
    private static final int DURATION_NANOS_MAX = 100;
    /** An unknown operation that takes effect does so up to this many durations after its invocation. */
    private static final int LATE_EFFECT_DURATIONS_MAX = 5;

    private record Planned(long id, int process, String key, RegisterInput input, long invokeNanos,
                           long completeNanos, boolean unknown, boolean takesEffect, long effectNanos) {
    }

    public List<Operation<RegisterInput, RegisterOutput>> generate(Random random, int operationCount) {
        List<Planned> planned = plan(random, operationCount);
        Map<Long, RegisterOutput> outputs = apply(planned);
        List<Operation<RegisterInput, RegisterOutput>> history = new ArrayList<>();
        for (Planned operation : planned) {
            history.add(operation.unknown()
                    ? Operation.unknown(operation.id(), operation.process(), operation.key(), operation.input(),
                    operation.invokeNanos())
                    : new Operation<>(operation.id(), operation.process(), operation.key(), operation.input(),
                    outputs.get(operation.id()), operation.invokeNanos(), operation.completeNanos()));
        }
        return history;
    }

    private List<Planned> plan(Random random, int operationCount) {
        long[] freeAtNanos = new long[processes];
        Map<String, List<String>> writtenValues = new HashMap<>();
        List<Planned> planned = new ArrayList<>();
        for (int id = 0; id < operationCount; id++) {
            int process = random.nextInt(processes);
            String key = "k" + random.nextInt(keys);
            long invokeNanos = freeAtNanos[process] + random.nextInt(GAP_NANOS_MAX + 1);
            long durationNanos = 1 + random.nextInt(DURATION_NANOS_MAX);
            long completeNanos = invokeNanos + durationNanos;
            boolean unknown = random.nextInt(100) < unknownPercent;
            boolean takesEffect = !unknown || random.nextBoolean();
            long effectWindowNanos = unknown ? durationNanos * LATE_EFFECT_DURATIONS_MAX : durationNanos;
            long effectNanos = invokeNanos + (long) (random.nextDouble() * effectWindowNanos);
            RegisterInput input = input(random, "v" + id, writtenValues.computeIfAbsent(key, k -> new ArrayList<>()));
            planned.add(new Planned(id, process, key, input, invokeNanos, completeNanos, unknown, takesEffect,
                    effectNanos));
            freeAtNanos[process] = completeNanos + 1;
        }
        return planned;
    }

    private static RegisterInput input(Random random, String freshValue, List<String> written) {
        int choice = random.nextInt(10);
        if (choice < 4) {
            return new RegisterInput.Read();
        }
        if (choice < 8 || written.isEmpty()) {
            written.add(freshValue);
            return new RegisterInput.Write(freshValue);
        }
        String expected = random.nextInt(4) == 0 ? null : written.get(random.nextInt(written.size()));
        written.add(freshValue);
        return new RegisterInput.CompareAndSet(expected, freshValue);
    }

    private static Map<Long, RegisterOutput> apply(List<Planned> planned) {
        RegisterModel model = new RegisterModel();
        Map<String, RegisterState> states = new HashMap<>();
        Map<Long, RegisterOutput> outputs = new HashMap<>();
        List<Planned> byEffect = planned.stream()
                .filter(Planned::takesEffect)
                .sorted(Comparator.comparingLong(Planned::effectNanos).thenComparingLong(Planned::id))
                .toList();
        for (Planned operation : byEffect) {
            RegisterState state = states.getOrDefault(operation.key(), model.initialState());
            RegisterOutput output = switch (operation.input()) {
                case RegisterInput.Read read -> new RegisterOutput.ReadValue(state.value());
                case RegisterInput.Write write -> new RegisterOutput.Written();
                case RegisterInput.CompareAndSet compareAndSet ->
                        new RegisterOutput.CompareAndSetResult(Objects.equals(compareAndSet.expected(),
                                state.value()));
            };
            outputs.put(operation.id(), output);
            states.put(operation.key(), model.step(state, operation.input(), output).orElseThrow());
        }
        return outputs;
    }
}
