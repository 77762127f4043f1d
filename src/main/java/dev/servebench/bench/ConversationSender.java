package dev.servebench.bench;

import dev.servebench.client.ChatMessage;
import dev.servebench.client.CompletionRequest;
import dev.servebench.client.OpenAiClient;
import dev.servebench.client.RequestRecord;
import dev.servebench.load.RequestSender;

import java.util.ArrayList;
import java.util.List;

/**
 * Closed-loop users that each hold a conversation: a turn sends the history so far (earlier user
 * messages and the server's own answers, as chat clients do) plus a new message, and the next turn
 * waits for the answer and the think time. After the last turn, or a failed one, the user starts a
 * new conversation. Every turn is one request of the level, marked with its turn number.
 */
final class ConversationSender implements RequestSender {
    private final OpenAiClient client;
    private final RequestFactory requests;
    private final Workload workload;

    ConversationSender(OpenAiClient client, RequestFactory requests, Workload workload) {
        this.client = client;
        this.requests = requests;
        this.workload = workload;
    }

    @Override
    public RequestRecord send(int index, long scheduledNanos) {
        throw new IllegalStateException("a conversation belongs to one user: use forWorker");
    }

    @Override
    public RequestSender forWorker(int worker) {
        return new User();
    }

    /** One user's conversation; used by one worker thread only. */
    private final class User implements RequestSender {
        private final List<ChatMessage> history = new ArrayList<>();
        private int turnsDone;
        private int firstIndex;

        @Override
        public RequestRecord send(int index, long scheduledNanos) {
            Conversation conversation = requests.conversation();
            if (turnsDone == conversation.turns()) {
                history.clear();
                turnsDone = 0;
            }
            long scheduled = scheduledNanos;
            if (turnsDone > 0 && !conversation.thinkTime().isZero()) {
                // The user reads the answer and types: part of the workload, not of the request's latency.
                think(conversation);
                scheduled = System.nanoTime();
            }
            if (turnsDone == 0) {
                firstIndex = index;
            }
            int turn = turnsDone + 1;
            CompletionRequest message = requests.buildTurn(workload, firstIndex, index, turn);
            OpenAiClient.Answered answered = client.sendKeepingAnswer(message.after(history), scheduled);
            RequestRecord record = answered.record().withTurn(turn);
            if (record.valid()) {
                history.add(new ChatMessage(ChatMessage.Role.USER, message.prompt()));
                history.add(new ChatMessage(ChatMessage.Role.ASSISTANT, answered.answerText()));
                turnsDone++;
            } else {
                // A conversation whose answer is missing cannot go on as the user meant it: start over.
                history.clear();
                turnsDone = 0;
            }
            return record;
        }

        private void think(Conversation conversation) {
            try {
                Thread.sleep(conversation.thinkTime());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while a user was thinking", e);
            }
        }
    }
}
