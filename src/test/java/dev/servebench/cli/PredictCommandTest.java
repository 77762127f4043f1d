package dev.servebench.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.servebench.json.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PredictCommandTest {

    @Test
    void predictsACampaignAndWritesTheSameFilesAsBench() throws Exception {
        Path out = dir.resolve("p");
        CliRunner run = CliRunner.run("predict", "--model", "llama-3.1-405b", "--gpu", "mi325x", "--quantization", "fp8",
                "--phases", "baseline,scaling,saturation", "--scaling", "5,50", "--saturation", "150,500",
                "--requests", "60", "--out", out.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("SATURATION", "c=500", "Report: ");
        JsonNode summary = Json.mapper().readTree(out.resolve("summary.json").toFile());
        assertThat(summary.path("complete").asBoolean()).isTrue();
        assertThat(summary.path("target").path("url").asText()).startsWith("virtual://");
        JsonNode levels = summary.path("levels");
        assertThat(levels).hasSize(5);
        double c5 = levels.get(1).path("metrics").path("total_tokens_per_second").asDouble();
        double c50 = levels.get(2).path("metrics").path("total_tokens_per_second").asDouble();
        assertThat(c50).as("throughput rises with concurrency").isGreaterThan(c5);
        assertThat(levels.get(1).path("metrics").path("total_tokens_per_second_per_active_billion").asDouble())
                .isPositive();
        // The advisor's plan for the same model and GPUs is part of the report.
        assertThat(java.nio.file.Files.readString(out.resolve("report.html"))).contains("vllm serve", "[C5]", "memory_by_precision");
        assertThat(out.resolve("requests.jsonl")).isNotEmptyFile();
        // The study's GPU on the study's kernel path: calibrated, so no warning.
        assertThat(run.out() + run.err()).doesNotContain("UNCALIBRATED");
    }

    @Test
    void aGpuItsKernelPathWasNotCalibratedOnSaysSoAndAnMlaModelRunsTheKernelsAdviseDeploys() {
        CliRunner mi300x = CliRunner.run("predict", "--model", "llama-3.3-70b-instruct", "--gpu", "mi300x", "--gpus",
                "8", "--quantization", "fp8", "--phases", "scaling", "--scaling", "1", "--requests", "2",
                "--input-tokens", "128", "--output-tokens", "32", "--no-db", "--no-report", "--out",
                dir.resolve("mi300x").toString());
        assertThat(mi300x.exitCode()).as(mi300x.err()).isZero();
        assertThat(mi300x.out()).contains("UNCALIBRATED: mi300x on rocm/aiter", "fitted or measured on mi325x");
        assertThat(mi300x.err()).contains("UNCALIBRATED: mi300x");

        // DeepSeek V3.2 at TP 4: 32 heads per GPU, which AITER's MLA does not take in vLLM 0.14.1.
        CliRunner deepseek = CliRunner.run("predict", "--model", "deepseek-v3.2", "--gpu", "mi325x", "--gpus", "4",
                "--phases", "scaling", "--scaling", "1", "--requests", "2", "--input-tokens", "128",
                "--output-tokens", "16", "--no-db", "--no-report", "--out", dir.resolve("deepseek").toString());
        assertThat(deepseek.exitCode()).as(deepseek.err()).isZero();
        assertThat(deepseek.err()).contains("AITER off, as advise deploys it", "32 per GPU", "kernel path rocm/triton");
    }

    @Test
    void predictRefusesAUrlAndUnknownModels() {
        CliRunner withUrl = CliRunner.run("predict", "--url", "http://127.0.0.1:1", "--out", dir.resolve("a").toString());
        assertThat(withUrl.exitCode()).isEqualTo(Main.EXIT_USAGE);
        assertThat(withUrl.err()).contains("bench --url");
        CliRunner unknown = CliRunner.run("predict", "--model", "no-such-model", "--out", dir.resolve("b").toString());
        assertThat(unknown.exitCode()).isEqualTo(Main.EXIT_USAGE);
        assertThat(unknown.err()).contains("unknown model 'no-such-model'");
    }

    @org.junit.jupiter.api.io.TempDir
    Path dir;

    @Test
    void studyPresetPrintsEachRowNextToTheStudysFigure() throws java.io.IOException {
        CliRunner r = CliRunner.run("predict", "--study", "llama-3.1-405b", "--phases", "saturation", "--no-db",
                "--no-report", "--out", dir.resolve("study").toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("Against the study (Llama-3.1-405B").contains("study tok/s")
                .containsPattern("peak\\s+500\\s+329\\s+100\\s+15,944");
        // Virtual-time records count from the run's start, as a measured run's do, so the two can be laid over.
        List<Double> sent = java.nio.file.Files.readAllLines(dir.resolve("study").resolve("requests.jsonl")).stream()
                .map(l -> Double.parseDouble(l.replaceAll(".*\"sent_ms\":([-0-9.E]+),.*", "$1"))).toList();
        assertThat(sent.getFirst()).isEqualTo(0.0);
        assertThat(sent).allSatisfy(ms -> assertThat(ms).isBetween(0.0, 3_600_000.0));
    }

    @Test
    void studyPresetRefusesFlagsItReplaces() {
        CliRunner deploymentFlag = CliRunner.run("predict", "--study", "llama-3.1-405b", "--gpus", "4", "--no-db",
                "--out", dir.resolve("s1").toString());
        assertThat(deploymentFlag.exitCode()).isEqualTo(Main.EXIT_USAGE);
        assertThat(deploymentFlag.err()).contains("drop --gpus");
        CliRunner workloadFlag = CliRunner.run("predict", "--study", "llama-3.1-405b", "--input-tokens", "900",
                "--no-db", "--out", dir.resolve("s2").toString());
        assertThat(workloadFlag.exitCode()).isEqualTo(Main.EXIT_USAGE);
        assertThat(workloadFlag.err()).contains("drop --input-tokens");
        CliRunner noStudyPhase = CliRunner.run("predict", "--study", "llama-3.1-405b", "--phases", "baseline",
                "--no-db", "--out", dir.resolve("s3").toString());
        assertThat(noStudyPhase.exitCode()).isEqualTo(Main.EXIT_USAGE);
        assertThat(noStudyPhase.err()).contains("--phases scaling, saturation");
    }

    @Test
    void predictsADisaggregatedClusterAndDecodeAlone() throws java.io.IOException {
        String[] common = {"--model", "gpt-oss-120b", "--gpu", "mi300x", "--gpus", "8", "--phases", "scaling",
                "--scaling", "16", "--input-tokens", "2048", "--output-tokens", "32", "--no-db", "--no-report"};
        CliRunner split = CliRunner.run(concat(new String[]{"predict", "--disaggregate", "2P1D", "--prefill-tp", "2",
                "--decode-tp", "4", "--out", dir.resolve("pd").toString()}, common));
        assertThat(split.exitCode()).as(split.err()).isZero();
        assertThat(split.out()).contains("2P(TP2)1D(TP4)");
        CliRunner decode = CliRunner.run(concat(new String[]{"predict", "--tp", "4", "--decode-only", "--out",
                dir.resolve("decode").toString()}, common));
        assertThat(decode.exitCode()).as(decode.err()).isZero();
        var pd = dev.servebench.json.Json.mapper().readTree(dir.resolve("pd").resolve("summary.json").toFile());
        var alone = dev.servebench.json.Json.mapper().readTree(dir.resolve("decode").resolve("summary.json").toFile());
        double pdTtft = pd.path("levels").get(0).path("metrics").path("ttft_millis").path("p50").asDouble();
        double decodeTtft = alone.path("levels").get(0).path("metrics").path("ttft_millis").path("p50").asDouble();
        // With the KV preloaded the first token is one decode step; through P/D it waits for prefill and transfer.
        assertThat(decodeTtft).isPositive().isLessThan(pdTtft);
        CliRunner both = CliRunner.run(concat(new String[]{"predict", "--replicas", "2", "--disaggregate", "1P1D",
                "--out", dir.resolve("both").toString()}, common));
        assertThat(both.exitCode()).isEqualTo(Main.EXIT_USAGE);
        assertThat(both.err()).contains("not both");
    }

    private static String[] concat(String[] a, String[] b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
