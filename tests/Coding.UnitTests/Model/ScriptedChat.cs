using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;

namespace Coding.UnitTests.Model;

/// <summary>
/// A chat model that answers from a script, to specify what ModelAdjudicator does with each kind of answer. The real
/// backends (llama.cpp in-process, OpenAI over HTTP) are exercised in Coding.IntegrationTests/Model.
/// </summary>
internal sealed class ScriptedChat(Func<ChatHistory, PromptExecutionSettings?, CancellationToken, Task<string>> answer) : IChatCompletionService
{
    public List<(ChatHistory History, PromptExecutionSettings? Settings)> Calls { get; } = [];

    public IReadOnlyDictionary<string, object?> Attributes { get; } = new Dictionary<string, object?>();

    public static ScriptedChat Answering(string text) => new((_, _, _) => Task.FromResult(text));

    public async Task<IReadOnlyList<ChatMessageContent>> GetChatMessageContentsAsync(ChatHistory chatHistory, PromptExecutionSettings? executionSettings = null, Kernel? kernel = null, CancellationToken cancellationToken = default)
    {
        Calls.Add((chatHistory, executionSettings));
        return [new ChatMessageContent(AuthorRole.Assistant, await answer(chatHistory, executionSettings, cancellationToken))];
    }

    public IAsyncEnumerable<StreamingChatMessageContent> GetStreamingChatMessageContentsAsync(ChatHistory chatHistory, PromptExecutionSettings? executionSettings = null, Kernel? kernel = null, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException();
}
