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

    /**
     * One concept, one word (issue #30): the accelerator is --gpu with one default and one description in every
     * command; the GPUs in a node are --gpus-per-node (with --gpus the same option) with one default, never two
     * options of one command and never another meaning.
     */
    @Test
    void theNodeAndItsGpusAreNamedAndDefaultedAlikeInEveryCommand() {
        int gpuOptions = 0;
        int perNodeOptions = 0;
        for (CommandSpec spec : commands()) {
            OptionSpec gpu = spec.findOption("--gpu");
            if (gpu != null) {
                gpuOptions++;
                assertThat(gpu.defaultValue()).as(spec.qualifiedName() + " --gpu").isEqualTo(Vocabulary.DEFAULT_GPU);
                assertThat(String.join(" ", gpu.description())).as(spec.qualifiedName() + " --gpu")
                        .isEqualTo(Vocabulary.GPU_DESCRIPTION);
            }
            OptionSpec gpus = spec.findOption(Vocabulary.GPUS_SHORT);
            OptionSpec perNode = spec.findOption(Vocabulary.GPUS_PER_NODE);
            if (gpus != null || perNode != null) {
                perNodeOptions++;
                assertThat(gpus).as(spec.qualifiedName() + ": --gpus and --gpus-per-node are one option")
                        .isSameAs(perNode);
                assertThat(perNode.defaultValue()).as(spec.qualifiedName()).isEqualTo(
                        Vocabulary.DEFAULT_GPUS_PER_NODE);
            }
        }
        assertThat(gpuOptions).as("sim, predict, plan, advise, at least").isGreaterThanOrEqualTo(4);
        assertThat(perNodeOptions).isGreaterThanOrEqualTo(4);
    }

    /** Names of the other commands and programs an option's help may quote a flag of. */
    private static final java.util.regex.Pattern OTHER_PROGRAM = java.util.regex.Pattern.compile(
            "\\b(bench|sim|predict|advise|eval|plan|repeat|ablation|pareto|saturation|phases|llama\\.cpp|SGLang|vLLM)\\b");

    /** Help never sends a user to a flag the command does not have (eval's --tokenizer once named --input-tokens). */
    @Test
    void everyFlagAnOptionsHelpNamesIsAFlagOfThatCommand() {
        java.util.regex.Pattern flag = java.util.regex.Pattern.compile("(?<![\\w'-])--[a-z][a-z0-9-]+");
        List<String> missing = new ArrayList<>();
        for (CommandSpec spec : commands()) {
            for (OptionSpec o : spec.options()) {
                java.util.regex.Matcher m = flag.matcher(String.join(" ", o.description()));
                String text = String.join(" ", o.description());
                while (m.find()) {
                    // "advise --format k8s", "llama.cpp with --metrics", "(sim, predict, bench without --url)":
                    // another command's or program's flag, named with it, is a cross-reference, not a promise.
                    String before = text.substring(Math.max(0, m.start() - 40), m.start());
                    if (spec.findOption(m.group()) == null && !OTHER_PROGRAM.matcher(before).find()) {
                        missing.add(spec.qualifiedName() + " " + o.longestName() + " names " + m.group());
                    }
                }
            }
        }
        assertThat(missing).as("flags named in an option's help that the command lacks").isEmpty();
    }
}
