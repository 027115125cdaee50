using LLama.Native;
using LLama.Sampling;

namespace Coding.Core.Model.Llama;

/// <summary>
/// Picks the next token: greedy (or temperature + seeded dist) over the logits, constrained by the GBNF grammar.
/// llama.cpp's grammar sampler tests every token it is given, and the whole vocabulary costs milliseconds per token, so
/// the grammar is asked about as few tokens as gives the same answer:
/// <list type="number">
/// <item>check-first: the unconstrained choice alone; kept when the grammar accepts it (what a capable model mostly writes);</item>
/// <item>greedy only: the 64 highest logits, in chunks of 1, 7 and 56; the best of them the grammar accepts is the best overall;</item>
/// <item>prefilter: the tokens whose first byte the grammar accepts (<see cref="FirstByteIndex"/>) — the same allowed
/// set as the whole vocabulary, small wherever the grammar is narrow;</item>
/// <item>the whole vocabulary, when nothing before found a token.</item>
/// </list>
/// Steps 2–4 give the token a whole-vocabulary pass would give; every way, the chosen token is one the grammar accepts.
/// LLamaSharp's own <see cref="DefaultSamplingPipeline.GrammarOptimizationMode.Extended"/> stops at step 2 and then
/// pays for the whole vocabulary; on the production schema that is most tokens of a random model's answer, and
/// `coding bench model` measures both (README, "Grammar cost"). The grammar and chains are LLamaSharp's handles.
/// </summary>
internal sealed class GrammarPrefilterPipeline : ISamplingPipeline
{
    private const int TopK = 64;

    private readonly SafeLLamaSamplerChainHandle _chain;
    private readonly SafeLLamaSamplerChainHandle _grammar;
    private readonly FirstByteIndex _index;
    private readonly bool _checkFirst;
    private readonly bool _greedy;
    private readonly int _vocabulary;

    // Pinned once: every grammar question hands llama.cpp a pointer into one of these.
    private readonly LLamaTokenData[] _buffer;
    private readonly LLamaTokenData[] _top = GC.AllocateArray<LLamaTokenData>(TopK, pinned: true);
    private readonly LLamaTokenData[] _probes = GC.AllocateArray<LLamaTokenData>(256, pinned: true);
    private readonly byte[] _probeBytes = new byte[256];

    public GrammarPrefilterPipeline(LlamaModel model, string grammar, float temperature, uint seed, bool checkFirst)
    {
        _vocabulary = model.VocabularySize;
        _checkFirst = checkFirst;
        _greedy = temperature <= 0;
        _index = model.FirstBytes;
        _buffer = GC.AllocateArray<LLamaTokenData>(_vocabulary, pinned: true);
        var parameters = LLamaSamplerChainParams.Default();
        parameters.NoPerf = true;
        _chain = SafeLLamaSamplerChainHandle.Create(parameters);
        if (_greedy)
        {
            _chain.AddGreedySampler();
        }
        else
        {
            _chain.AddTemperature(temperature);
            _chain.AddDistributionSampler(seed);
        }
        _grammar = SafeLLamaSamplerChainHandle.Create(parameters);
        _grammar.AddGrammar(model.Weights.Vocab, grammar, "root");
        if (_grammar.Count == 0)
            throw new LlamaException($"llama.cpp rejected the grammar: {LlamaModel.LastErrors()}");
    }

    /// <summary>Tokens for which the grammar had to test the whole vocabulary.</summary>
    public int FullGrammarPasses { get; private set; }

    /// <summary>Tokens settled by the check-first, top-64 or first-byte prefilter instead of a whole-vocabulary pass.</summary>
    public int FilteredGrammarPasses { get; private set; }

    public LLamaToken Sample(SafeLLamaContextHandle ctx, int index)
    {
        var logits = ctx.GetLogitsIth(index);
        var token = _greedy ? GreedyConstrained(logits) : Sampled(logits);
        Accept(token);
        return token;
    }

    public void Accept(LLamaToken token)
    {
        _grammar.Accept(token);
        _chain.Accept(token);
    }

    public void Reset()
    {
        _grammar.Reset();
        _chain.Reset();
    }

    public void Apply(SafeLLamaContextHandle ctx, LLamaTokenDataArray data)
    {
        using var pin = LLamaTokenDataArrayNative.Create(data, out var native);
        _grammar.Apply(ref native);
        _chain.Apply(ref native);
    }

    /// <summary>
    /// Greedy with the prefilter. The grammar's cost grows with every token it is shown, so it is shown the best
    /// candidates first, in chunks of growing size, highest logits first: the first chunk holding an allowed token holds
    /// the best allowed token overall. The chunks are the unconstrained choice (check-first), the next 7 and the next 56
    /// of the 64 highest logits, then the first-byte prefilter's tokens sorted the same way, then the whole vocabulary.
    /// </summary>
    private LLamaToken GreedyConstrained(ReadOnlySpan<float> logits)
    {
        var n = Highest(logits);
        var from = 0;
        if (_checkFirst)
        {
            if (FirstAllowed(_top, 0, 1) is { } best)
                return best;
            from = 1;
        }
        foreach (var to in (ReadOnlySpan<int>)[8, TopK])
        {
            if (FirstAllowed(_top, from, Math.Min(to, n) - from) is { } found)
                return found;
            from = Math.Min(to, n);
        }
        var size = Prefiltered(logits);
        _buffer.AsSpan(0, size).Sort(ByLogitDescending);
        var head = Math.Min(32, size);
        if (FirstAllowed(_buffer, 0, head) is { } first)
            return first;
        if (FirstAllowed(_buffer, head, size - head) is { } rest)
            return rest;
        return FullPass(logits);
    }

    /// <summary>Temperature sampling: check-first on the sampled token, else the prefiltered set, else the whole vocabulary.</summary>
    private LLamaToken Sampled(ReadOnlySpan<float> logits)
    {
        if (_checkFirst)
        {
            var choice = Fill(logits);
            var chosen = Select(choice, grammar: false)!.Value;
            _probes[0] = new LLamaTokenData(chosen, logits[(int)chosen], 0);
            if (FirstAllowed(_probes, 0, 1) is { } ok)
                return ok;
        }
        var size = Prefiltered(logits);
        if (Select(size, grammar: true) is { } picked)
        {
            FilteredGrammarPasses++;
            return picked;
        }
        return FullPass(logits);
    }

    private LLamaToken FullPass(ReadOnlySpan<float> logits)
    {
        FullGrammarPasses++;
        return Select(Fill(logits), grammar: true) ?? throw new LlamaException("the grammar allows no token at all");
    }

    /// <summary>Grammar (optionally), then the chain, over the first <paramref name="size"/> of the buffer; null when the grammar allows none.</summary>
    private LLamaToken? Select(int size, bool grammar)
    {
        using var pin = LLamaTokenDataArrayNative.Create(new LLamaTokenDataArray(_buffer.AsMemory(0, size)), out var native);
        if (grammar)
        {
            _grammar.Apply(ref native);
            var any = false;
            foreach (var t in native.Data)
                any |= !float.IsNegativeInfinity(t.Logit);
            if (!any)
                return null;
        }
        native.Selected = -1;
        _chain.Apply(ref native);
        if (native.Selected < 0 || native.Selected >= (long)native.Size)
            throw new LlamaException("the sampler selected no token");
        return native.Data[(int)native.Selected].ID;
    }

    /// <summary>The first token of a best-first run the grammar allows, or null.</summary>
    private LLamaToken? FirstAllowed(LLamaTokenData[] array, int start, int count)
    {
        if (count <= 0)
            return null;
        using var pin = LLamaTokenDataArrayNative.Create(new LLamaTokenDataArray(array.AsMemory(start, count)), out var native);
        _grammar.Apply(ref native);
        foreach (var t in native.Data)
        {
            if (!float.IsNegativeInfinity(t.Logit))
            {
                FilteredGrammarPasses++;
                return t.ID;
            }
        }
        return null;
    }

    private static readonly Comparison<LLamaTokenData> ByLogitDescending =
        static (a, b) => b.Logit != a.Logit ? b.Logit.CompareTo(a.Logit) : ((int)a.ID).CompareTo((int)b.ID);

    /// <summary>The <see cref="TopK"/> highest logits into <see cref="_top"/>, best first, in one pass over a min-heap.</summary>
    private int Highest(ReadOnlySpan<float> logits)
    {
        var top = _top;
        var n = Math.Min(TopK, _vocabulary);
        for (var i = 0; i < n; i++)
        {
            top[i] = new LLamaTokenData(i, logits[i], 0);
            SiftUp(top, i);
        }
        for (var i = n; i < _vocabulary; i++)
        {
            if (logits[i] <= top[0].Logit)
                continue;
            top[0] = new LLamaTokenData(i, logits[i], 0);
            SiftDown(top, n);
        }
        top.AsSpan(0, n).Sort(ByLogitDescending);
        return n;
    }

    private static void SiftUp(LLamaTokenData[] heap, int i)
    {
        while (i > 0)
        {
            var parent = (i - 1) / 2;
            if (heap[parent].Logit <= heap[i].Logit)
                return;
            (heap[parent], heap[i]) = (heap[i], heap[parent]);
            i = parent;
        }
    }

    private static void SiftDown(LLamaTokenData[] heap, int n)
    {
        var i = 0;
        while (true)
        {
            var smallest = i;
            int l = 2 * i + 1, r = l + 1;
            if (l < n && heap[l].Logit < heap[smallest].Logit)
                smallest = l;
            if (r < n && heap[r].Logit < heap[smallest].Logit)
                smallest = r;
            if (smallest == i)
                return;
            (heap[smallest], heap[i]) = (heap[i], heap[smallest]);
            i = smallest;
        }
    }

    /// <summary>Fills the buffer with the tokens whose first byte the grammar accepts now, plus the end-of-generation tokens.</summary>
    private int Prefiltered(ReadOnlySpan<float> logits)
    {
        var index = _index;
        var n = 0;
        for (var b = 0; b < 256; b++)
        {
            if (index.Probe[b] >= 0)
            {
                _probes[n] = new LLamaTokenData(index.Probe[b], 0, 0);
                _probeBytes[n++] = (byte)b;
            }
        }
        Span<bool> allowed = stackalloc bool[256];
        for (var b = 0; b < 256; b++)
            allowed[b] = index.Probe[b] < 0; // no probe for this byte: its tokens stay candidates
        using (LLamaTokenDataArrayNative.Create(new LLamaTokenDataArray(_probes.AsMemory(0, n)), out var native))
            _grammar.Apply(ref native);
        for (var i = 0; i < n; i++)
            allowed[_probeBytes[i]] |= !float.IsNegativeInfinity(_probes[i].Logit);

        var size = 0;
        for (var b = 0; b < 256; b++)
        {
            if (!allowed[b])
                continue;
            foreach (var id in index.ByFirstByte[b])
                _buffer[size++] = new LLamaTokenData(id, logits[id], 0);
        }
        foreach (var id in index.EndOfGeneration)
            _buffer[size++] = new LLamaTokenData(id, logits[id], 0);
        return size;
    }

    private int Fill(ReadOnlySpan<float> logits)
    {
        for (var i = 0; i < _vocabulary; i++)
            _buffer[i] = new LLamaTokenData(i, logits[i], 0);
        return _vocabulary;
    }

    public void Dispose()
    {
        _grammar.Dispose();
        _chain.Dispose();
    }
}
