package io.raftkv.torture.report;

import java.awt.Shape;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;

/** The marker of an operation's dot, by what the operation did, so that reads and writes can be told apart. */
enum MarkerShape {
    CIRCLE("read, read-all, read-ttl"),
    SQUARE("write, put-ttl"),
    TRIANGLE("cas"),
    DIAMOND("append"),
    CROSS("other");

    /*
     * Scales of the shapes against the marker size, chosen so that all shapes look about equally heavy: a square
     * filling the whole size looks much bigger than a circle of the same size.
     */
    private static final double SQUARE_SCALE = 0.85;
    private static final double TRIANGLE_HALF_WIDTH_SCALE = 0.62;
    private static final double TRIANGLE_TOP_SCALE = 0.62;
    private static final double TRIANGLE_BOTTOM_SCALE = 0.46;
    private static final double DIAMOND_HALF_SCALE = 0.66;
    private static final double CROSS_ARM_SCALE = 0.62;
    private static final double CROSS_HALF_THICKNESS_SCALE = 0.2;

    private final String functions;

    MarkerShape(String functions) {
        this.functions = functions;
    }

    /** The functions this marker stands for, as the legend lists them. */
    String functions() {
        return functions;
    }

    static MarkerShape forFunction(String function) {
        if (function == null) {
            return CROSS;
        }
        return switch (function) {
            case "read", "read-all", "read-ttl" -> CIRCLE;
            case "write", "put-ttl" -> SQUARE;
            case "cas" -> TRIANGLE;
            case "append" -> DIAMOND;
            default -> CROSS;
        };
    }

    Shape centredAt(double x, double y, double sizePixels) {
        return switch (this) {
            case CIRCLE -> new Ellipse2D.Double(x - sizePixels / 2, y - sizePixels / 2, sizePixels, sizePixels);
            case SQUARE -> square(x, y, sizePixels * SQUARE_SCALE);
            case TRIANGLE -> triangle(x, y, sizePixels);
            case DIAMOND -> diamond(x, y, sizePixels * DIAMOND_HALF_SCALE);
            case CROSS -> cross(x, y, sizePixels * CROSS_ARM_SCALE, sizePixels * CROSS_HALF_THICKNESS_SCALE);
        };
    }

    private static Shape square(double x, double y, double side) {
        return new Rectangle2D.Double(x - side / 2, y - side / 2, side, side);
    }

    private static Shape triangle(double x, double y, double size) {
        double halfWidth = size * TRIANGLE_HALF_WIDTH_SCALE;
        return polygon(new double[] {x, x + halfWidth, x - halfWidth},
                new double[] {y - size * TRIANGLE_TOP_SCALE, y + size * TRIANGLE_BOTTOM_SCALE,
                        y + size * TRIANGLE_BOTTOM_SCALE});
    }

    private static Shape diamond(double x, double y, double half) {
        return polygon(new double[] {x, x + half, x, x - half}, new double[] {y - half, y, y + half, y});
    }

    private static Shape cross(double x, double y, double arm, double halfThickness) {
        Path2D.Double plus = new Path2D.Double();
        plus.append(new Rectangle2D.Double(x - arm, y - halfThickness, 2 * arm, 2 * halfThickness), false);
        plus.append(new Rectangle2D.Double(x - halfThickness, y - arm, 2 * halfThickness, 2 * arm), false);
        return plus;
    }

    private static Shape polygon(double[] xs, double[] ys) {
        Path2D.Double path = new Path2D.Double();
        path.moveTo(xs[0], ys[0]);
        for (int corner = 1; corner < xs.length; corner++) {
            path.lineTo(xs[corner], ys[corner]);
        }
        path.closePath();
        return path;
    }
}
