package dev.servebench.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every command's options, walked through picocli's model (issue #30): none shows a raw placeholder made of a Java
 * field name ({@code <gpusPerNode>}), and every option says what it does.
 */
class OptionVocabularyTest {

    private static List<CommandSpec> commands() {
        List<CommandSpec> out = new ArrayList<>();
        collect(Main.commandLine(), out);
        return out;
    }

    private static void collect(CommandLine c, List<CommandSpec> out) {
        out.add(c.getCommandSpec());
        c.getSubcommands().values().stream().distinct().forEach(s -> collect(s, out));
    }

    @Test
    void noOptionShowsAFieldNameAsItsPlaceholderAndEveryOneIsDescribed() {
        List<String> raw = new ArrayList<>();
        List<String> undescribed = new ArrayList<>();
        for (CommandSpec spec : commands()) {
            for (OptionSpec o : spec.options()) {
                if (o.arity().max() > 0 && o.paramLabel().matches("<[a-z]+[A-Z][A-Za-z]*>|<[a-z]+>")) {
                    raw.add(spec.qualifiedName() + " " + o.longestName() + "=" + o.paramLabel());
                }
                if (!o.usageHelp() && !o.versionHelp() && String.join("", o.description()).isBlank()) {
                    undescribed.add(spec.qualifiedName() + " " + o.longestName());
                }
            }
        }
        assertThat(raw).as("options whose placeholder is a field name").isEmpty();
        assertThat(undescribed).as("options without a description").isEmpty();
    }

    @Test
    void everyCommandTakingACatalogueModelListsTheWholeCatalogue() {
        for (CommandSpec spec : commands()) {
            OptionSpec model = spec.findOption("--model");
            if (model == null || !String.join(" ", model.description()).contains("Catalogue model")) {
                continue;
            }
            // Read without line wrapping: a name cut at the line's end is still listed.
            String help = String.join(" ", model.description()).replace("${COMPLETION-CANDIDATES}",
                    String.join(", ", model.completionCandidates()));
            for (String name : dev.servebench.model.ModelCatalogue.NAMES) {
                assertThat(help).as(spec.qualifiedName() + " --help").contains(name);
            }
        }
    }

    @Test
    void aCommandThatReadsTheDatabaseRefusesNoDbInsteadOfIgnoringIt() {
        CliRunner run = CliRunner.run("runs", "list", "--no-db");
        assertThat(run.exitCode()).isEqualTo(Main.EXIT_USAGE);
        assertThat(run.err()).contains("--no-db: this command reads the results database");
    }
}
