package dev.servebench.sim.server;

/**
 * Builds the simulator's response JSON by hand (it is on the hot path of thousands of streams):
 * chunks, the usage chunk and whole responses in the OpenAI shapes vLLM sends.
 */
final class ChunkWriter {
    /** Output text: four characters per token, matching the simulator's tokenizer. */
    private static final String[] WORDS = {" The", " sim", " ran", " a  ", " big", " job", " and", " all",
            " was", " ok."};

    private final boolean chat;
    private final String id;
    private final long created;
    private final String modelJson;

    ChunkWriter(boolean chat, String id, long created, String modelJson) {
        this.chat = chat;
        this.id = (chat ? "chatcmpl-" : "cmpl-") + id;
        this.created = created;
        this.modelJson = modelJson;
    }

    static String token(int index) {
        return WORDS[index % WORDS.length];
    }

    private StringBuilder head(String object) {
        return new StringBuilder(200).append("{\"id\":\"").append(id).append("\",\"object\":\"").append(object)
                .append("\",\"created\":").append(created).append(",\"model\":").append(modelJson);
    }

    /** The chat stream's first chunk: the assistant role, no content yet (as vLLM sends). */
    String roleChunk() {
        return head("chat.completion.chunk").append(",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\","
                + "\"content\":\"\"},\"logprobs\":null,\"finish_reason\":null}]}").toString();
    }

    String tokenChunk(String text) {
        if (chat) {
            return head("chat.completion.chunk").append(",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"")
                    .append(text).append("\"},\"logprobs\":null,\"finish_reason\":null}]}").toString();
        }
        return head("text_completion").append(",\"choices\":[{\"index\":0,\"text\":\"").append(text)
                .append("\",\"logprobs\":null,\"finish_reason\":null}]}").toString();
    }

    String finishChunk(String finishReason) {
        if (chat) {
            return head("chat.completion.chunk").append(",\"choices\":[{\"index\":0,\"delta\":{},\"logprobs\":null,"
                    + "\"finish_reason\":\"").append(finishReason).append("\"}]}").toString();
        }
        return head("text_completion").append(",\"choices\":[{\"index\":0,\"text\":\"\",\"logprobs\":null,"
                + "\"finish_reason\":\"").append(finishReason).append("\"}]}").toString();
    }

    String usageChunk(int promptTokens, int completionTokens) {
        return head(chat ? "chat.completion.chunk" : "text_completion").append(",\"choices\":[],")
                .append(usage(promptTokens, completionTokens)).append('}').toString();
    }

    String whole(String text, String finishReason, int promptTokens, int completionTokens) {
        StringBuilder sb = head(chat ? "chat.completion" : "text_completion").append(",\"choices\":[{\"index\":0,");
        if (chat) {
            sb.append("\"message\":{\"role\":\"assistant\",\"content\":\"").append(text).append("\"},");
        } else {
            sb.append("\"text\":\"").append(text).append("\",");
        }
        return sb.append("\"logprobs\":null,\"finish_reason\":\"").append(finishReason).append("\"}],")
                .append(usage(promptTokens, completionTokens)).append('}').toString();
    }

    private static String usage(int promptTokens, int completionTokens) {
        return "\"usage\":{\"prompt_tokens\":" + promptTokens + ",\"completion_tokens\":" + completionTokens
                + ",\"total_tokens\":" + (promptTokens + completionTokens) + "}";
    }
}
