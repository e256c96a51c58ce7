package io.raftkv.checker.register;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RegisterModelTest {

    private final RegisterModel model = new RegisterModel();
    private final RegisterState holdingA = new RegisterState("a");

    @Test
    void startsAbsent() {
        assertThat(model.initialState()).isEqualTo(RegisterState.ABSENT);
    }

    @Test
    void readIsLegalOnlyIfItReturnsTheCurrentValue() {
        RegisterInput read = new RegisterInput.Read();
        assertThat(model.step(holdingA, read, new RegisterOutput.ReadValue("a"))).contains(holdingA);
        assertThat(model.step(holdingA, read, new RegisterOutput.ReadValue("b"))).isEmpty();
        assertThat(model.step(holdingA, read, new RegisterOutput.ReadValue(null))).isEmpty();
        assertThat(model.step(RegisterState.ABSENT, read, new RegisterOutput.ReadValue(null)))
                .contains(RegisterState.ABSENT);
    }

    @Test
    void unknownReadChangesNothing() {
        assertThat(model.step(holdingA, new RegisterInput.Read(), null)).contains(holdingA);
    }

    @Test
    void writeIsAlwaysLegalAndSetsTheValueWhetherKnownOrNot() {
        RegisterInput write = new RegisterInput.Write("b");
        assertThat(model.step(holdingA, write, new RegisterOutput.Written())).contains(new RegisterState("b"));
        assertThat(model.step(holdingA, write, null)).contains(new RegisterState("b"));
    }

    @Test
    void swappedCompareAndSetRequiresTheExpectedValue() {
        RegisterOutput swapped = new RegisterOutput.CompareAndSetResult(true);
        assertThat(model.step(holdingA, new RegisterInput.CompareAndSet("a", "b"), swapped))
                .contains(new RegisterState("b"));
        assertThat(model.step(holdingA, new RegisterInput.CompareAndSet("x", "b"), swapped)).isEmpty();
        assertThat(model.step(RegisterState.ABSENT, new RegisterInput.CompareAndSet(null, "b"), swapped))
                .contains(new RegisterState("b"));
    }

    @Test
    void refusedCompareAndSetRequiresAnotherValueAndChangesNothing() {
        RegisterOutput refused = new RegisterOutput.CompareAndSetResult(false);
        assertThat(model.step(holdingA, new RegisterInput.CompareAndSet("x", "b"), refused)).contains(holdingA);
        assertThat(model.step(holdingA, new RegisterInput.CompareAndSet("a", "b"), refused)).isEmpty();
        assertThat(model.step(RegisterState.ABSENT, new RegisterInput.CompareAndSet(null, "b"), refused)).isEmpty();
    }

    @Test
    void unknownCompareAndSetSwapsExactlyWhenTheValueIsExpected() {
        assertThat(model.step(holdingA, new RegisterInput.CompareAndSet("a", "b"), null))
                .contains(new RegisterState("b"));
        assertThat(model.step(holdingA, new RegisterInput.CompareAndSet("x", "b"), null)).contains(holdingA);
    }

    @Test
    void outputOfTheWrongKindIsAHarnessBug() {
        assertThatThrownBy(() -> model.step(holdingA, new RegisterInput.Read(), new RegisterOutput.Written()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void describesOperationsForReports() {
        assertThat(model.describe(new RegisterInput.Read(), new RegisterOutput.ReadValue(null)))
                .isEqualTo("read() -> absent");
        assertThat(model.describe(new RegisterInput.Write("a"), null)).isEqualTo("write(\"a\") -> unknown");
        assertThat(model.describe(new RegisterInput.CompareAndSet(null, "b"),
                new RegisterOutput.CompareAndSetResult(false))).isEqualTo("cas(absent -> \"b\") -> not swapped");
    }

    @Test
    void onlyReadsAreReadOnly() {
        assertThat(model.isReadOnly(new RegisterInput.Read())).isTrue();
        assertThat(model.isReadOnly(new RegisterInput.Write("a"))).isFalse();
        assertThat(model.isReadOnly(new RegisterInput.CompareAndSet("a", "b"))).isFalse();
    }
}
