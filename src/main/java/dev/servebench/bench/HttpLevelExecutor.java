package dev.servebench.bench;

import dev.servebench.client.OpenAiClient;
import dev.servebench.load.LoadResult;
import dev.servebench.load.LoadRunner;
import dev.servebench.load.RecordListener;
import dev.servebench.load.RequestSender;

import java.util.function.BooleanSupplier;

/** Runs a level against a real server over HTTP. */
public final class HttpLevelExecutor implements LevelExecutor {
    private final OpenAiClient client;

    public HttpLevelExecutor(OpenAiClient client) {
        this.client = client;
    }

    @Override
    public LoadResult execute(LevelSpec level, RequestFactory requests, RecordListener listener) {
        return execute(level, requests, listener, () -> false);
    }

    @Override
    public LoadResult execute(LevelSpec level, RequestFactory requests, RecordListener listener,
                              BooleanSupplier stop) {
        return LoadRunner.run(level.load(), level.bounds(), sender(client, requests, level.workload()), listener, stop);
    }

    /** Sends request {@code index} of a level as {@code requests} builds it: one turn of a conversation, or alone. */
    public static RequestSender sender(OpenAiClient client, RequestFactory requests, Workload workload) {
        return requests.conversation().multiTurn()
                ? new ConversationSender(client, requests, workload)
                : new SingleRequestSender(client, index -> requests.build(workload, index));
    }
}
