using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using LLama.Sampling;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;
using Microsoft.SemanticKernel.Connectors.OpenAI;

namespace Coding.Core.Model.Llama;

/// <summary>
/// Semantic Kernel chat completion over in-process llama.cpp (LLamaSharp). The response format is read the way an OpenAI server
/// reads it (<c>{"type":"json_schema","json_schema":{"schema":…}}</c>) and enforced with a GBNF grammar generated
/// from the schema, so the same settings drive this backend and a remote one. <see cref="LlamaOptions.ParallelSequences"/>
/// contexts decode concurrently; further requests wait for a free one.
/// </summary>
public sealed class LlamaChatCompletionService : IChatCompletionService, IDisposable
{
    /// <summary>Set to false in <see cref="PromptExecutionSettings.ExtensionData"/> to sample without the grammar (benchmarks).</summary>
    public const string GrammarSetting = "llama_grammar";

    /// <summary>Set to false in <see cref="PromptExecutionSettings.ExtensionData"/> to apply the grammar to the whole vocabulary at every token.</summary>
    public const string GrammarCheckFirstSetting = "llama_grammar_check_first";

    /// <summary>
    /// Set to false in <see cref="PromptExecutionSettings.ExtensionData"/> to sample with LLamaSharp's own
    /// <see cref="DefaultSamplingPipeline"/> instead of <see cref="GrammarPrefilterPipeline"/> (benchmarks, tests).
    /// </summary>
    public const string GrammarPrefilterSetting = "llama_grammar_prefilter";

    private readonly LlamaModel _model;
    private readonly ConcurrentBag<LlamaSession> _sessions = [];
    private readonly SemaphoreSlim _free;
    private readonly bool _grammarByDefault;
    private readonly bool _checkFirstByDefault;
    private readonly bool _prefilterByDefault;
    private readonly ConcurrentDictionary<string, string> _grammarCache = new();

    public LlamaChatCompletionService(LlamaModel model, LlamaOptions options)
    {
        _model = model;
        _grammarByDefault = options.Grammar;
        _checkFirstByDefault = options.GrammarCheckFirst;
        _prefilterByDefault = options.GrammarPrefilter;
        var threads = options.Threads > 0 ? options.Threads : Environment.ProcessorCount;
        for (var i = 0; i < options.ParallelSequences; i++)
            _sessions.Add(model.CreateSession(options.ContextSize, threads));
        _free = new SemaphoreSlim(options.ParallelSequences);
        Attributes = new Dictionary<string, object?> { ["ModelId"] = model.Sha256 };
    }

    /// <summary>Loads the configured GGUF with the llama.cpp build of the referenced LLamaSharp backend package.</summary>
    public static LlamaChatCompletionService Create(LlamaOptions options)
    {
        var model = LlamaModel.Load(options.ModelPath ?? throw new InvalidOperationException("Model:Llama:ModelPath is not set."), options.GpuLayers);
        return new LlamaChatCompletionService(model, options) { GpuLayersRequested = options.GpuLayers };
    }

    public LlamaModel Model => _model;

    public int GpuLayersRequested { get; private init; }

    public IReadOnlyDictionary<string, object?> Attributes { get; }

    public async Task<IReadOnlyList<ChatMessageContent>> GetChatMessageContentsAsync(
        ChatHistory chatHistory, PromptExecutionSettings? executionSettings = null, Kernel? kernel = null, CancellationToken cancellationToken = default)
    {
        var settings = OpenAIPromptExecutionSettings.FromExecutionSettings(executionSettings);
        var useGrammar = Flag(settings, GrammarSetting, _grammarByDefault);
        var checkFirst = Flag(settings, GrammarCheckFirstSetting, _checkFirstByDefault);
        var prefilter = Flag(settings, GrammarPrefilterSetting, _prefilterByDefault);
        var schema = SchemaOf(settings.ResponseFormat);
        var grammar = useGrammar && schema is not null
            ? _grammarCache.GetOrAdd(schema.ToJsonString(), _ => JsonSchemaToGbnf.Convert(schema))
            : null;
        var messages = chatHistory.Select(m => (m.Role.Label, m.Content ?? "")).ToList();
        if (!string.IsNullOrEmpty(settings.ChatSystemPrompt) && !chatHistory.Any(m => m.Role == AuthorRole.System))
            messages.Insert(0, (AuthorRole.System.Label, settings.ChatSystemPrompt));
        var prompt = _model.RenderChat(messages);
        var maxTokens = settings.MaxTokens ?? 512;
        var temperature = (float)(settings.Temperature ?? 0);
        var seed = (uint)(settings.Seed ?? 0);

        await _free.WaitAsync(cancellationToken);
        if (!_sessions.TryTake(out var session))
            throw new InvalidOperationException("no free llama session although the semaphore granted one");
        try
        {
            // Decoding is synchronous native work; keep it off the caller's thread (ASP.NET, consumers).
            var generation = await Task.Run(() =>
            {
                using var sampling = CreateSampling(grammar, temperature, seed, checkFirst, prefilter);
                return session.Generate(prompt, sampling, maxTokens, cancellationToken);
            }, cancellationToken);
            var metadata = new Dictionary<string, object?>
            {
                ["PromptTokens"] = generation.PromptTokens,
                ["CompletionTokens"] = generation.GeneratedTokens,
                ["FinishReason"] = generation.Finished ? "stop" : "length",
                ["Grammar"] = grammar is not null,
                ["FullGrammarPasses"] = generation.FullGrammarPasses,
                ["FilteredGrammarPasses"] = generation.FilteredGrammarPasses,
                ["GenerationSeconds"] = generation.GenerationTime.TotalSeconds,
                ["PromptSeconds"] = generation.PromptTime.TotalSeconds,
            };
            return [new ChatMessageContent(AuthorRole.Assistant, generation.Text, _model.Sha256, metadata: metadata)];
        }
        finally
        {
            _sessions.Add(session);
            _free.Release();
        }
    }

    public async IAsyncEnumerable<StreamingChatMessageContent> GetStreamingChatMessageContentsAsync(
        ChatHistory chatHistory, PromptExecutionSettings? executionSettings = null, Kernel? kernel = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        // Adjudication needs the whole JSON before it can validate anything, so streaming is one chunk.
        var all = await GetChatMessageContentsAsync(chatHistory, executionSettings, kernel, cancellationToken);
        foreach (var m in all)
            yield return new StreamingChatMessageContent(m.Role, m.Content, modelId: m.ModelId, metadata: m.Metadata);
    }

    /// <summary>
    /// Ours where it is measurably faster (the grammar prefilter, see <see cref="GrammarPrefilterPipeline"/>); LLamaSharp's
    /// own pipeline otherwise. Penalties, top-k/p and min-p are switched off so both sample the same distribution: greedy
    /// at temperature 0, else temperature + a seeded draw.
    /// </summary>
    internal ISamplingPipeline CreateSampling(string? grammar, float temperature, uint seed, bool checkFirst, bool prefilter)
    {
        if (grammar is not null && prefilter)
            return new GrammarPrefilterPipeline(_model, grammar, temperature, seed, checkFirst);
        // At temperature 0 llama.cpp's temperature sampler keeps only the highest logit: greedy, with the optimisation.
        if (temperature <= 0 && (grammar is null || !checkFirst))
            return new GreedySamplingPipeline { Grammar = grammar is null ? null : new Grammar(grammar, "root") };
        return new DefaultSamplingPipeline
        {
            Grammar = grammar is null ? null : new Grammar(grammar, "root"),
            GrammarOptimization = checkFirst ? DefaultSamplingPipeline.GrammarOptimizationMode.Extended : DefaultSamplingPipeline.GrammarOptimizationMode.None,
            Temperature = temperature,
            Seed = seed,
            TopK = 0,
            TopP = 1,
            MinP = 0,
            TypicalP = 1,
            RepeatPenalty = 1,
        };
    }

    private static bool Flag(PromptExecutionSettings settings, string key, bool fallback) =>
        settings.ExtensionData?.TryGetValue(key, out var v) == true
            ? v switch
            {
                bool b => b,
                JsonElement { ValueKind: JsonValueKind.True } => true,
                JsonElement { ValueKind: JsonValueKind.False } => false,
                _ => fallback,
            }
            : fallback;

    /// <summary>The JSON schema inside an OpenAI response_format, or null (free text).</summary>
    internal static JsonNode? SchemaOf(object? responseFormat)
    {
        JsonNode? format = responseFormat switch
        {
            null => null,
            JsonElement e => JsonNode.Parse(e.GetRawText()),
            JsonNode n => n,
            string s when s.TrimStart().StartsWith('{') => JsonNode.Parse(s),
            string => null, // "text" / "json_object": no schema to enforce
            _ => throw new NotSupportedException($"response format {responseFormat.GetType().Name} is not supported by the llama backend; pass the json_schema object as a JsonElement"),
        };
        if (format is not JsonObject o || o["type"]?.GetValue<string>() != "json_schema")
            return null;
        return o["json_schema"]?["schema"]?.DeepClone();
    }

    public void Dispose()
    {
        while (_sessions.TryTake(out var s))
            s.Dispose();
        _model.Dispose();
        _free.Dispose();
    }
}
