package dev.servebench.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class AdviseCommandTest {

    private record Result(int exit, String out, String err) {
    }

    private static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cmd = new CommandLine(new AdviseCommand());
        cmd.setOut(new PrintWriter(out));
        cmd.setErr(new PrintWriter(err));
        int exit = cmd.execute(args);
        return new Result(exit, out.toString(), err.toString());
    }

    @Test
    void printsTheTextPlan() {
        Result r = run("--model", "deepseek-v3.2", "--gpu", "mi325x", "--gpus", "8", "--vllm-version", "0.14.1");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("servebench advise: deepseek-v3.2 on 8x AMD Instinct MI325X",
                "AITER_ENABLE_VSKIP=0", "--block-size 1");
    }

    @Test
    void acceptsAConfigPathAndEveryFormat(@TempDir Path dir) throws Exception {
        Path config = dir.resolve("config.json");
        Files.writeString(config, """
                {"hidden_size": 4096, "num_hidden_layers": 8, "num_attention_heads": 32, "num_key_value_heads": 8,
                 "intermediate_size": 14336, "vocab_size": 32000, "max_position_embeddings": 32768}""");
        for (String format : new String[]{"text", "json", "shell", "docker", "k8s"}) {
            Result r = run("--model", config.toString(), "--gpu", "h100", "--gpus", "2", "--format", format);
            assertThat(r.exit()).as(format + ": " + r.err()).isZero();
            assertThat(r.out()).as(format).contains("--tensor-parallel-size");
        }
    }

    @Test
    void badInputExitsTwoWithOneLine() {
        Result unknownModel = run("--model", "nope", "--gpu", "mi325x");
        assertThat(unknownModel.exit()).isEqualTo(2);
        assertThat(unknownModel.err().strip()).startsWith("advise: unknown model 'nope'; known: deepseek-v3.2").doesNotContain("\n");

        Result unknownGpu = run("--model", "kimi-k2.5", "--gpu", "a100");
        assertThat(unknownGpu.exit()).isEqualTo(2);
        assertThat(unknownGpu.err()).contains("unknown GPU 'a100'; known: mi300x");

        Result refused = run("--model", "llama-3.1-405b", "--gpu", "mi325x", "--tp", "3", "--gpus", "3");
        assertThat(refused.exit()).isEqualTo(2);
        assertThat(refused.err()).contains("refused by rule C1");

        Result badGoal = run("--model", "kimi-k2.5", "--gpu", "mi325x", "--goal", "fast");
        assertThat(badGoal.err().strip()).isEqualTo("advise: unknown goal 'fast'; use latency, balanced, throughput or max");

        Result badVersion = run("--model", "kimi-k2.5", "--gpu", "mi325x", "--vllm-version", "latest");
        assertThat(badVersion.err()).contains("bad vLLM version 'latest'");

        Result badFormat = run("--model", "kimi-k2.5", "--gpu", "mi325x", "--format", "xml");
        assertThat(badFormat.err()).contains("unknown format 'xml'");
    }

    @Test
    void plansADisaggregatedClusterAsLlmdManifests() {
        Result r = run("--model", "llama-3.3-70b-instruct", "--gpu", "mi300x", "--nodes", "2", "--disaggregate", "2P1D",
                "--prefill-tp", "4", "--decode-tp", "8", "--format", "llm-d");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("llm-d.ai/role: prefill", "llm-d.ai/role: decode", "NixlConnector");
    }

    @Test
    void plansReplicasAndADefaultTpShapeAsText() {
        Result r = run("--model", "gpt-oss-120b", "--gpu", "mi300x", "--nodes", "2", "--replicas", "4", "--tp", "4");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("shape", "4 x TP4", "replica: 4 instance(s) of TP 4");
        Result pd = run("--model", "gpt-oss-120b", "--gpu", "mi300x", "--disaggregate", "1P1D");
        assertThat(pd.exit()).as(pd.err()).isZero();
        assertThat(pd.out()).contains("1P(TP8)1D(TP8)", "on 2 node(s)");
    }

    @Test
    void refusesImpossibleClusterShapesWithTheRuleAndExit2() {
        Result r = run("--model", "llama-3.3-70b-instruct", "--gpu", "mi300x", "--nodes", "1", "--disaggregate", "2P1D",
                "--prefill-tp", "4", "--decode-tp", "8");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("rule P1");
        Result llmd = run("--model", "llama-3.3-70b-instruct", "--gpu", "mi300x", "--format", "llm-d");
        assertThat(llmd.exit()).isEqualTo(2);
        assertThat(llmd.err()).contains("--disaggregate");
    }

    @Test
    void clusterManifestOptionsAreCheckedOnTheCommandLine() {
        Result single = run("--model", "llama-3.3-70b-instruct", "--gpu", "mi300x", "--one-per-node");
        assertThat(single.exit()).isEqualTo(2);
        assertThat(single.err()).startsWith("advise: --one-per-node is for a cluster");
        Result badNetwork = run("--model", "llama-3.3-70b-instruct", "--gpu", "mi300x", "--nodes", "2",
                "--disaggregate", "2P1D", "--prefill-tp", "4", "--decode-tp", "8", "--format", "llm-d",
                "--kv-network", "ethernet");
        assertThat(badNetwork.exit()).isEqualTo(2);
        assertThat(badNetwork.err()).contains("'ethernet'", "rdma", "tcp");
        Result tcp = run("--model", "llama-3.3-70b-instruct", "--gpu", "mi300x", "--nodes", "2",
                "--disaggregate", "2P1D", "--prefill-tp", "4", "--decode-tp", "8", "--format", "llm-d",
                "--kv-network", "tcp");
        assertThat(tcp.exit()).as(tcp.err()).isZero();
        assertThat(tcp.out()).contains("tcp,rocm_copy,rocm_ipc").doesNotContain("rdma/ib");
        Result spread = run("--model", "llama-3.3-70b-instruct", "--gpu", "h200", "--nodes", "2", "--replicas", "2",
                "--tp", "8", "--format", "k8s", "--one-per-node");
        assertThat(spread.exit()).as(spread.err()).isZero();
        assertThat(spread.out()).contains("one per node", "kubernetes.io/hostname");
    }

    @Test
    void gptOssOnMi300xStillGetsAPlan() {
        Result r = run("--model", "gpt-oss-120b", "--gpu", "mi300x");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("vllm serve openai/gpt-oss-120b");
    }
}
