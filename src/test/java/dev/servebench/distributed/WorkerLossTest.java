package dev.servebench.distributed;

import dev.servebench.bench.BenchmarkConfig;
import dev.servebench.bench.LevelSpec;
import dev.servebench.bench.Phase;
import dev.servebench.bench.PromptPlan;
import dev.servebench.bench.PromptPlans;
import dev.servebench.bench.RequestFactory;
import dev.servebench.bench.Workload;
import dev.servebench.load.LoadModel;
import dev.servebench.load.LoadResult;
import dev.servebench.load.RunBounds;
import dev.servebench.load.WorkerCount;
import dev.servebench.model.AcceleratorCatalogue;
import dev.servebench.model.ModelCatalogue;
import dev.servebench.sim.perf.ServingOptions;
import dev.servebench.sim.perf.SimulatedDeployment;
import dev.servebench.sim.server.FaultPlan;
import dev.servebench.sim.server.SimServer;
import dev.servebench.sim.text.AnswerLengths;
import dev.servebench.sim.text.ImageTokens;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Coordinator and two in-process workers against the simulator: a worker that dies mid-level leaves the
 * requests it sent in the level, the level says one of two workers finished, and the next level runs on the
 * survivor.
 */
class WorkerLossTest {

    @Test
    void aWorkerThatDiesKeepsWhatItSentAndTheLevelSaysHowManyFinished() throws Exception {
        SimulatedDeployment d = SimulatedDeployment.of(ModelCatalogue.load("qwen3-235b-a22b"),
                AcceleratorCatalogue.get("mi325x"), ServingOptions.defaults(8));
        PromptPlan prompts = PromptPlans.offline(BenchmarkConfig.builder().build());
        List<String> said = new CopyOnWriteArrayList<>();
        List<Thread> workers;
        try (SimServer server = SimServer.start(d, "sim-model", "127.0.0.1", 0, ImageTokens.fixed(100),
                AnswerLengths.UNTIL_MAX_TOKENS, FaultPlan.NONE, Integer.MAX_VALUE);
             Coordinator coordinator = Coordinator.open(InetAddress.getLoopbackAddress(), 0,
                     new WorkerSetup(dev.servebench.bench.WorkloadFile.none(), ClientSettings.defaults(), server.baseUri().toString(), "sim-model", null), said::add)) {
            InProcessWorkers pool = new InProcessWorkers(coordinator, server.baseUri(), prompts, 2);
            workers = pool.threads();

            // c=4 over two workers: two users and requests 0-19 for worker 0, two and 20-39 for worker 1.
            LevelSpec level = new LevelSpec(Phase.SCALING, "c=4", new LoadModel.ClosedLoop(4), RunBounds.requests(40),
                    new Workload(32, 32, 0));
            List<Integer> forwarded = Collections.synchronizedList(new ArrayList<>());
            AtomicBoolean cut = new AtomicBoolean();
            LoadResult result = coordinator.executor().execute(level, new RequestFactory(prompts.prompts(), null, true, 1),
                    (index, record) -> {
                        forwarded.add(index);
                        if (index >= 20 && cut.compareAndSet(false, true)) {
                            pool.link(1).close();
                        }
                    }, () -> false);

            assertThat(result.workers()).hasValueSatisfying(w -> {
                assertThat(w.planned()).isEqualTo(2);
                assertThat(w.finished()).isEqualTo(1);
                // Worker 1 ran two users of a closed loop with requests left: both had one out when it was cut.
                assertThat(w.lostInFlight()).isEqualTo(2L);
            });
            assertThat(result.records()).hasSize(forwarded.size());
            assertThat(forwarded).containsAll(IntStream.range(0, 20).boxed().toList());
            List<Integer> fromTheLostOne = forwarded.stream().filter(i -> i >= 20).toList();
            assertThat(fromTheLostOne).isNotEmpty().hasSizeLessThan(20);
            assertThat(said).anySatisfy(line -> assertThat(line).startsWith("worker 1 is gone")
                    .contains("with at least 2 request(s) in flight"));

            LoadResult next = coordinator.executor().execute(
                    new LevelSpec(Phase.SCALING, "c=2", new LoadModel.ClosedLoop(2), RunBounds.requests(6),
                            new Workload(32, 8, 0)),
                    new RequestFactory(prompts.prompts(), null, true, 2), (i, r) -> { }, () -> false);
            assertThat(next.workers()).contains(new WorkerCount(1, 1, 0));
            assertThat(next.records()).hasSize(6).allSatisfy(r -> assertThat(r.valid()).isTrue());
        }
        for (Thread t : workers) {
            t.join(Duration.ofSeconds(30));
            assertThat(t.isAlive()).as("a worker still serving after the coordinator closed").isFalse();
        }
    }
}
