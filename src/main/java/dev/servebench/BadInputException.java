package dev.servebench;

/**
 * Input the user gave cannot be used: a flag, a file, a URL, a name. The message is one line that names what
 * was typed and how to fix it. The CLI answers it with exit code 2 and no stack trace.
 *
 * <p>It is a separate type so that any other {@link IllegalArgumentException} (an internal invariant that
 * failed) is reported as a bug with exit code 1 and its trace under {@code --debug}, instead of being passed
 * off as the user's mistake. It extends {@code IllegalArgumentException} because it is one: code that
 * validates arguments and callers that catch them keep working.
 */
public class BadInputException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public BadInputException(String message) {
        super(message);
    }

    public BadInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
