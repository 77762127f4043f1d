package dev.servebench.dataset;

import dev.servebench.BadInputException;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code "key=column,key=column"}: which column of a file holds what, as {@code --dataset-columns} and
 * {@code --task-columns} take it. Keys are case-insensitive ('-' reads as '_'); each may be given once.
 */
public final class ColumnAssignments {
    private ColumnAssignments() {
    }

    /**
     * The pairs of {@code text}, in order. {@code what} names the input in errors ("column mapping",
     * "--task-columns"); {@code keys} are the keys allowed ("prompt, answer, …"); {@code example} is a
     * valid value to show.
     */
    public static Map<String, String> parse(String text, String what, String keys, String example) {
        List<String> allowed = List.of(keys.split(", "));
        Map<String, String> values = new LinkedHashMap<>();
        for (String part : text.split(",", -1)) {
            String item = part.strip();
            int eq = item.indexOf('=');
            if (eq < 0) {
                throw new BadInputException(what + " '" + text + "': '" + item + "' is not KEY=COLUMN; write e.g. "
                        + example + " (keys: " + keys + ")");
            }
            String key = item.substring(0, eq).strip().toLowerCase(Locale.ROOT).replace('-', '_');
            String column = item.substring(eq + 1).strip();
            if (!allowed.contains(key)) {
                throw new BadInputException(what + " '" + text + "': unknown key '" + key + "'; the keys are " + keys);
            }
            if (column.isEmpty()) {
                throw new BadInputException(what + " '" + text + "': no column named for '" + key + "'; write "
                        + key + "=COLUMN");
            }
            if (values.put(key, column) != null) {
                throw new BadInputException(what + " '" + text + "': '" + key + "' is given twice");
            }
        }
        return values;
    }
}
