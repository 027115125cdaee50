using System.Text;

namespace Coding.Core.Model.Llama;

/// <summary>
/// One llama_context: a KV cache for one sequence. Not thread-safe; <see cref="LlamaChatCompletionService"/> hands a
/// session to one request at a time. Each generation starts from an empty cache (requests share no prefix).
/// </summary>
public sealed unsafe class LlamaSession : IDisposable
{
    private readonly LlamaModel _model;
    private readonly SafeLlamaContextHandle _ctx;
    private readonly LlamaNative.Batch _batch;
    private readonly int _batchCapacity;

    internal LlamaSession(LlamaModel model, SafeLlamaContextHandle ctx)
    {
        _model = model;
        _ctx = ctx;
        ContextSize = (int)LlamaNative.NCtx(ctx);
        _batchCapacity = (int)LlamaNative.NBatch(ctx);
        _batch = LlamaNative.BatchInit(_batchCapacity, 0, 1);
    }

    public int ContextSize { get; }

    /// <summary>
    /// Decodes the prompt in batches, then samples until an end-of-generation token or <paramref name="maxTokens"/>.
    /// With a grammar, llama.cpp only lets tokens through that keep the text a prefix of the language, and once the
    /// grammar is complete only end-of-generation remains, so a finished output is always grammatical.
    /// </summary>
    public LlamaGeneration Generate(string prompt, string? grammar, int maxTokens, float temperature, uint seed, CancellationToken ct, bool grammarCheckFirst = true, bool grammarPrefilter = true)
    {
        var tokens = _model.Tokenize(prompt, addSpecial: true);
        if (tokens.Length + maxTokens > ContextSize)
            throw new LlamaException($"prompt of {tokens.Length} tokens + {maxTokens} to generate exceeds the context of {ContextSize}");

        LlamaNative.MemoryClear(LlamaNative.GetMemory(_ctx), data: true);
        using var sampler = new TokenSampler(_model, grammar, temperature, seed, grammarCheckFirst, grammarPrefilter);

        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var pos = 0;
        for (var offset = 0; offset < tokens.Length; offset += _batchCapacity)
        {
            ct.ThrowIfCancellationRequested();
            var n = Math.Min(_batchCapacity, tokens.Length - offset);
            Decode(tokens.AsSpan(offset, n), pos, logitsForLast: offset + n == tokens.Length);
            pos += n;
        }
        var promptDone = System.Diagnostics.Stopwatch.GetTimestamp();

        var bytes = new List<byte>(maxTokens * 4);
        Span<byte> piece = stackalloc byte[256];
        var generated = 0;
        var finished = false;
        Span<int> one = stackalloc int[1];
        while (generated < maxTokens)
        {
            ct.ThrowIfCancellationRequested();
            var token = sampler.Sample(_ctx);
            if (_model.IsEndOfGeneration(token))
            {
                finished = true;
                break;
            }
            var n = _model.TokenBytes(token, piece);
            for (var i = 0; i < n; i++)
                bytes.Add(piece[i]);
            generated++;
            one[0] = token;
            Decode(one, pos++, logitsForLast: true);
        }
        var done = System.Diagnostics.Stopwatch.GetTimestamp();
        return new LlamaGeneration(
            Encoding.UTF8.GetString(bytes.ToArray()),
            tokens.Length,
            generated,
            finished,
            sampler.FullGrammarPasses,
            sampler.FilteredGrammarPasses,
            System.Diagnostics.Stopwatch.GetElapsedTime(started, promptDone),
            System.Diagnostics.Stopwatch.GetElapsedTime(promptDone, done));
    }

    private void Decode(ReadOnlySpan<int> tokens, int startPos, bool logitsForLast)
    {
        var b = _batch;
        b.NTokens = tokens.Length;
        for (var i = 0; i < tokens.Length; i++)
        {
            b.Token[i] = tokens[i];
            b.Pos[i] = startPos + i;
            b.NSeqId[i] = 1;
            b.SeqId[i][0] = 0;
            b.Logits[i] = (sbyte)(logitsForLast && i == tokens.Length - 1 ? 1 : 0);
        }
        var rc = LlamaNative.Decode(_ctx, b);
        if (rc != 0)
            throw new LlamaException($"llama_decode returned {rc}: {LlamaLibrary.LastErrors()}");
    }

    private bool _disposed;

    public void Dispose()
    {
        if (_disposed)
            return;
        _disposed = true;
        LlamaNative.BatchFree(_batch);
        _ctx.Dispose();
    }
}

/// <summary>One generation's text and timings; <see cref="Finished"/> is false when it stopped at the token limit.</summary>
public sealed record LlamaGeneration(string Text, int PromptTokens, int GeneratedTokens, bool Finished, int FullGrammarPasses, int FilteredGrammarPasses, TimeSpan PromptTime, TimeSpan GenerationTime)
{
    public double TokensPerSecond => GenerationTime.TotalSeconds > 0 ? GeneratedTokens / GenerationTime.TotalSeconds : 0;
}
