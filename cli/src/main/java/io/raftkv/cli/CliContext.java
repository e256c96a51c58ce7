package io.raftkv.cli;

import java.io.Console;
import java.io.InputStream;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.util.Map;

/**
 * The process's streams and environment, passed in rather than read from {@link System}, so tests can run commands
 * with captured output and a made-up environment.
 *
 * @param outIsTerminal whether stdout is a terminal: raw values get a trailing newline only then
 */
record CliContext(InputStream in, PrintStream out, PrintStream err, Map<String, String> environment,
                  boolean outIsTerminal) {

    static CliContext system() {
        return new CliContext(System.in, System.out, System.err, System.getenv(), stdoutIsTerminal());
    }

    /**
     * Before JDK 22 a console exists only when stdin and stdout are terminals. From JDK 22 on one exists even when
     * they are redirected and {@code Console.isTerminal()} tells; we compile for 21, so it is looked up reflectively.
     */
    private static boolean stdoutIsTerminal() {
        Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            return (boolean) Console.class.getMethod("isTerminal").invoke(console);
        } catch (NoSuchMethodException olderJdk) {
            return true;
        } catch (IllegalAccessException | InvocationTargetException unexpected) {
            throw new IllegalStateException("cannot ask the console whether it is a terminal", unexpected);
        }
    }
}
