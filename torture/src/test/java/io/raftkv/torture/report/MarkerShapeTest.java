package io.raftkv.torture.report;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MarkerShapeTest {
    @Test
    void readsAndWritesGetDifferentMarkers() {
        assertThat(MarkerShape.forFunction("read")).isEqualTo(MarkerShape.CIRCLE);
        assertThat(MarkerShape.forFunction("read-all")).isEqualTo(MarkerShape.CIRCLE);
        assertThat(MarkerShape.forFunction("write")).isEqualTo(MarkerShape.SQUARE);
        assertThat(MarkerShape.forFunction("cas")).isEqualTo(MarkerShape.TRIANGLE);
        assertThat(MarkerShape.forFunction("append")).isEqualTo(MarkerShape.DIAMOND);
        assertThat(MarkerShape.forFunction("compact")).isEqualTo(MarkerShape.CROSS);
        assertThat(MarkerShape.forFunction(null)).isEqualTo(MarkerShape.CROSS);
    }

    @Test
    void squareCoversCornersThatTheCircleLeavesOut() {
        double size = 10;
        double corner = 4;

        assertThat(MarkerShape.SQUARE.centredAt(0, 0, size).contains(corner, corner)).isTrue();
        assertThat(MarkerShape.CIRCLE.centredAt(0, 0, size).contains(corner, corner)).isFalse();
        assertThat(MarkerShape.CIRCLE.centredAt(0, 0, size).contains(0, 0)).isTrue();
    }
}
