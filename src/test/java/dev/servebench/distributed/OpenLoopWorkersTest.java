package dev.servebench.distributed;

import dev.servebench.bench.BenchmarkConfig;
import dev.servebench.bench.LevelSpec;
import dev.servebench.bench.Phase;
import dev.servebench.bench.PromptPlan;
import dev.servebench.bench.PromptPlans;
import dev.servebench.bench.RequestFactory;
import dev.servebench.bench.Workload;
import dev.servebench.load.LoadEngine;
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
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue #29: a worker runs its share of an open-loop level through the engine one process uses, one thread
 * issuing every request, not a virtual thread per request (which it did while its sender could only block);
 * the level's requests keep their numbers. A closed loop keeps its thread per user.
 */
class OpenLoopWorkersTest {

    @Test
    void workersIssueAnOpenLoopFromOneThreadAndKeepTheLevelsNumbering() throws Exception {
        SimulatedDeployment d = SimulatedDeployment.of(ModelCatalogue.load("qwen3-235b-a22b"),
                AcceleratorCatalogue.get("mi325x"), ServingOptions.defaults(8));
        PromptPlan prompts = PromptPlans.offline(BenchmarkConfig.builder().build());
        List<Thread> workers;
        try (SimServer server = SimServer.start(d, "sim-model", "127.0.0.1", 0, ImageTokens.fixed(100),
                AnswerLengths.UNTIL_MAX_TOKENS, FaultPlan.NONE, Integer.MAX_VALUE);
             Coordinator coordinator = Coordinator.open(InetAddress.getLoopbackAddress(), 0,
                     new WorkerSetup(dev.servebench.bench.WorkloadFile.none(), ClientSettings.defaults(), server.baseUri().toString(), "sim-model", null), line -> { })) {
            workers = new InProcessWorkers(coordinator, server.baseUri(), prompts, 2).threads();

            int level = 1;
            for (LoadModel open : List.<LoadModel>of(new LoadModel.ConstantRate(200), new LoadModel.PoissonRate(200, 7))) {
                List<Integer> forwarded = Collections.synchronizedList(new ArrayList<>());
                LoadResult result = coordinator.executor().execute(
                        new LevelSpec(Phase.SCALING, "open", open, RunBounds.requests(30), new Workload(32, 8, 0)),
                        new RequestFactory(prompts.prompts(), null, true, level++), (i, r) -> forwarded.add(i),
                        () -> false);

                assertThat(result.workers()).contains(new WorkerCount(2, 2, 0));
                // Before: THREAD_PER_REQUEST, the worker's sender being blocking only.
                assertThat(result.engine()).as("how the workers issued %s", open).contains(LoadEngine.ONE_ISSUING_THREAD);
                // Worker 0 sends the level's requests 0, 2, 4, ..., worker 1 the odd ones: each number once.
                assertThat(forwarded).containsExactlyInAnyOrderElementsOf(IntStream.range(0, 30).boxed().toList());
                assertThat(result.records()).hasSize(30).allSatisfy(r -> assertThat(r.valid()).isTrue());
            }

            LoadResult closed = coordinator.executor().execute(
                    new LevelSpec(Phase.SCALING, "c=2", new LoadModel.ClosedLoop(2), RunBounds.requests(6),
                            new Workload(32, 8, 0)),
                    new RequestFactory(prompts.prompts(), null, true, level), (i, r) -> { }, () -> false);
            assertThat(closed.engine()).contains(LoadEngine.THREAD_PER_USER);
            assertThat(closed.records()).hasSize(6);
        }
        for (Thread t : workers) {
            t.join(Duration.ofSeconds(30));
            assertThat(t.isAlive()).as("a worker still serving after the coordinator closed").isFalse();
        }
    }
}
