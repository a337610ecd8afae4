package dev.placenotify.operator;

import java.io.Console;
import java.io.InputStream;
import java.lang.reflect.Method;

/** Where confirmations are asked and piped input ({@code --cookies -}) is read. */
public interface Terminal {
    /** Whether a human can answer a question (stdin and stdout are a terminal). */
    boolean interactive();

    /** Asks and returns the answer line, or null when there is none. */
    String readLine(String prompt);

    InputStream stdin();

    static Terminal system() {
        return new SystemTerminal();
    }

    /** A terminal nobody answers: confirmations fail unless {@code --yes}. */
    static Terminal detached(InputStream stdin) {
        return new Terminal() {
            @Override
            public boolean interactive() {
                return false;
            }

            @Override
            public String readLine(String prompt) {
                return null;
            }

            @Override
            public InputStream stdin() {
                return stdin;
            }
        };
    }

    /** The process's console. */
    final class SystemTerminal implements Terminal {
        @Override
        public boolean interactive() {
            Console console = System.console();
            if (console == null) {
                return false;
            }
            // From JDK 22 System.console() exists even when redirected; isTerminal() tells the truth there.
            try {
                Method isTerminal = Console.class.getMethod("isTerminal");
                return (Boolean) isTerminal.invoke(console);
            } catch (NoSuchMethodException e) {
                return true; // JDK 21: a console exists only for a terminal
            } catch (ReflectiveOperationException e) {
                return false;
            }
        }

        @Override
        public String readLine(String prompt) {
            Console console = System.console();
            return console == null ? null : console.readLine("%s", prompt);
        }

        @Override
        public InputStream stdin() {
            return System.in;
        }
    }
}
