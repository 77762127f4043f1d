package dev.servebench.cli;

import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The flags of a command's mixins as the user gave them, to hand on to load workers, which read them with the
 * same code: bench's workload and endpoint flags, less the ones a worker gets another way (the target it is
 * told, the key from its environment).
 */
final class ForwardedFlags {
    /** Never forwarded: the worker is told the target, and reads the key from its own environment. */
    private static final Set<String> WITHHELD = Set.of("--url", "--model", "--api-key-env", "--api-key-file");

    private ForwardedFlags() {
    }

    static List<String> of(CommandSpec command, String... mixins) {
        Set<String> names = new HashSet<>();
        for (String mixin : mixins) {
            CommandSpec spec = command.mixins().get(mixin);
            if (spec == null) {
                throw new IllegalStateException("no mixin named " + mixin);
            }
            spec.options().forEach(o -> names.add(o.longestName()));
        }
        CommandLine.ParseResult parsed = command.commandLine().getParseResult();
        List<String> args = new ArrayList<>();
        // An option given several times is listed once per time, each with all its values: take each once.
        for (OptionSpec option : new java.util.LinkedHashSet<>(parsed.matchedOptions())) {
            String name = option.longestName();
            if (!names.contains(name) || WITHHELD.contains(name)) {
                continue;
            }
            if (option.arity().max() == 0) {
                args.add(name);
                continue;
            }
            for (String value : option.originalStringValues()) {
                args.add(name);
                args.add(value);
            }
        }
        return args;
    }

    /** {@code args} with {@code name} set to {@code value}: the one given replaced, or added when none was. */
    static List<String> with(List<String> args, String name, String value) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            if (args.get(i).equals(name)) {
                i++;
                continue;
            }
            out.add(args.get(i));
        }
        out.add(name);
        out.add(value);
        return out;
    }
}
