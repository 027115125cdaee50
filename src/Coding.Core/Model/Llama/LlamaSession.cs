using System.Diagnostics;
using LLama;
using LLama.Native;
using LLama.Sampling;

namespace Coding.Core.Model.Llama;

/// <summary>
/// One <see cref="LLamaContext"/>: a KV cache for one sequence. Not thread-safe; <see cref="LlamaChatCompletionService"/>
/// hands a session to one request at a time. Each generation starts from an empty cache (requests share no prefix).
/// </summary>
public sealed class LlamaSession : IDisposable
{
    private readonly LlamaModel _model;
    private readonly LLamaContext _context;
    private readonly LLamaBatch _batch = new();
    private readonly int _batchCapacity;

    internal LlamaSession(LlamaModel model, LLamaContext context)
    {
        _model = model;
        _context = context;
        ContextSize = (int)context.ContextSize;
        _batchCapacity = (int)context.BatchSize;
    }

    public int ContextSize { get; }

    /// <summary>
    /// Decodes the prompt in batches, then samples with <paramref name="sampling"/> until an end-of-generation token or
    /// <paramref name="maxTokens"/>. With a grammar, only tokens that keep the text a prefix of the language get through,
    /// and once the grammar is complete only end-of-generation remains, so a finished output is always grammatical.
    /// </summary>
    public LlamaGeneration Generate(string prompt, ISamplingPipeline sampling, int maxTokens, CancellationToken ct)
    {
        var tokens = _model.Tokenize(prompt, addSpecial: true);
        if (tokens.Length + maxTokens > ContextSize)
            throw new LlamaException($"prompt of {tokens.Length} tokens + {maxTokens} to generate exceeds the context of {ContextSize}");

        _context.NativeHandle.MemoryClear(data: true);
        var started = Stopwatch.GetTimestamp();
        var pos = 0;
        for (var offset = 0; offset < tokens.Length; offset += _batchCapacity)
        {
            ct.ThrowIfCancellationRequested();
            var n = Math.Min(_batchCapacity, tokens.Length - offset);
            _batch.Clear();
            _batch.AddRange(tokens.AsSpan(offset, n), pos, LLamaSeqId.Zero, logitsLast: offset + n == tokens.Length);
            Decode();
            pos += n;
        }
        var promptDone = Stopwatch.GetTimestamp();

        var bytes = new List<byte>(maxTokens * 4);
        Span<byte> piece = stackalloc byte[256];
        var generated = 0;
        var finished = false;
        while (generated < maxTokens)
        {
            ct.ThrowIfCancellationRequested();
            // Sample accepts the token into the pipeline's grammar and chain (llama_sampler_sample does the same).
            var token = sampling.Sample(_context.NativeHandle, _batch.TokenCount - 1);
            if (_model.IsEndOfGeneration(token))
            {
                finished = true;
                break;
            }
            var n = _model.TokenBytes(token, piece);
            for (var i = 0; i < n; i++)
                bytes.Add(piece[i]);
            generated++;
            _batch.Clear();
            _batch.Add(token, pos++, LLamaSeqId.Zero, logits: true);
            Decode();
        }
        var done = Stopwatch.GetTimestamp();
        var counts = sampling as GrammarPrefilterPipeline;
        return new LlamaGeneration(
            System.Text.Encoding.UTF8.GetString(bytes.ToArray()),
            tokens.Length,
            generated,
            finished,
            counts?.FullGrammarPasses ?? 0,
            counts?.FilteredGrammarPasses ?? 0,
            Stopwatch.GetElapsedTime(started, promptDone),
            Stopwatch.GetElapsedTime(promptDone, done));
    }

    private void Decode()
    {
        var rc = _context.NativeHandle.Decode(_batch);
        if (rc != DecodeResult.Ok)
            throw new LlamaException($"llama_decode returned {rc}: {LlamaModel.LastErrors()}");
    }

    public void Dispose() => _context.Dispose();
}

/// <summary>One generation's text and timings; <see cref="Finished"/> is false when it stopped at the token limit.</summary>
public sealed record LlamaGeneration(string Text, int PromptTokens, int GeneratedTokens, bool Finished, int FullGrammarPasses, int FilteredGrammarPasses, TimeSpan PromptTime, TimeSpan GenerationTime)
{
    public double TokensPerSecond => GenerationTime.TotalSeconds > 0 ? GeneratedTokens / GenerationTime.TotalSeconds : 0;
}
