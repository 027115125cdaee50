using System.Runtime.InteropServices;

namespace Coding.Core.Model.Llama;

/// <summary>
/// Picks the next token: greedy (or temperature + seeded dist) over the logits, constrained by the GBNF grammar.
/// llama.cpp's grammar sampler tests every token it is given, and the whole vocabulary costs milliseconds per token, so
/// the grammar is asked about as few tokens as gives the same answer:
/// <list type="number">
/// <item>check-first: the unconstrained choice alone; kept when the grammar accepts it (what a capable model mostly writes);</item>
/// <item>greedy only: the 64 highest logits; the best of them the grammar accepts is the best overall;</item>
/// <item>prefilter: the tokens whose first byte the grammar accepts (<see cref="FirstByteIndex"/>) — the same allowed
/// set as the whole vocabulary, small wherever the grammar is narrow;</item>
/// <item>the whole vocabulary, when the prefilter is off or found nothing.</item>
/// </list>
/// Steps 2–4 give the token a whole-vocabulary pass would give; every way, the chosen token is one the grammar accepts.
/// </summary>
internal sealed unsafe class TokenSampler : IDisposable
{
    private const int TopK = 64;

    private readonly SafeLlamaSamplerHandle _chain;
    private readonly SafeLlamaSamplerHandle? _grammar;
    private readonly bool _topK;
    private readonly FirstByteIndex? _index;
    private readonly bool _checkFirst;
    private readonly bool _greedy;
    private readonly int _vocabulary;
    private readonly LlamaNative.TokenData* _buffer;

    public TokenSampler(LlamaModel model, string? grammar, float temperature, uint seed, bool checkFirst, bool prefilter = true)
    {
        _vocabulary = model.VocabularySize;
        _checkFirst = checkFirst;
        _greedy = temperature <= 0;
        _chain = SafeLlamaSamplerHandle.Wrap(LlamaNative.SamplerChainInit(new LlamaNative.SamplerChainParams { NoPerf = 1 }));
        if (_greedy)
        {
            LlamaNative.SamplerChainAdd(_chain, LlamaNative.SamplerInitGreedy());
        }
        else
        {
            LlamaNative.SamplerChainAdd(_chain, LlamaNative.SamplerInitTemp(temperature));
            LlamaNative.SamplerChainAdd(_chain, LlamaNative.SamplerInitDist(seed));
        }
        if (grammar is not null)
        {
            var g = LlamaNative.SamplerInitGrammar(model.Vocab, grammar, "root");
            if (g == 0)
            {
                _chain.Dispose();
                throw new LlamaException($"llama.cpp rejected the grammar: {LlamaLibrary.LastErrors()}");
            }
            _grammar = SafeLlamaSamplerHandle.Wrap(g);
            if (prefilter)
            {
                _index = model.FirstBytes;
                _topK = _greedy;
            }
        }
        _buffer = (LlamaNative.TokenData*)NativeMemory.Alloc((nuint)_vocabulary, (nuint)sizeof(LlamaNative.TokenData));
    }

    /// <summary>Tokens for which the grammar had to test the whole vocabulary.</summary>
    public int FullGrammarPasses { get; private set; }

    /// <summary>Tokens settled by the top-64 or first-byte prefilter instead of a whole-vocabulary pass.</summary>
    public int FilteredGrammarPasses { get; private set; }

    public int Sample(SafeLlamaContextHandle ctx)
    {
        var logits = LlamaNative.GetLogitsIth(ctx, -1);
        if (logits is null)
            throw new LlamaException("no logits for the last token");
        if (_topK)
            return Accept(GreedyConstrained(logits));
        var token = _grammar is null || _checkFirst ? Choose(logits) : -1;
        if (_grammar is not null && (token < 0 || !Accepts(token, logits[token])))
            token = Constrained(logits);
        return Accept(token);
    }

    private int Accept(int token)
    {
        if (_grammar is not null)
            LlamaNative.SamplerAccept(_grammar, token);
        LlamaNative.SamplerAccept(_chain, token);
        return token;
    }

    /// <summary>
    /// Greedy with the prefilter. The grammar's cost grows with every token it is shown, so it is shown the best
    /// candidates first, in chunks of growing size, highest logits first: the first chunk holding an allowed token holds
    /// the best allowed token overall. The chunks are the unconstrained choice (check-first), the next 7 and the next 56
    /// of the 64 highest logits, then the first-byte prefilter's tokens sorted the same way, then the whole vocabulary.
    /// </summary>
    private int GreedyConstrained(float* logits)
    {
        var top = stackalloc LlamaNative.TokenData[TopK];
        var n = Highest(logits, top);
        if (_checkFirst && Accepts(top[0].Id, top[0].Logit))
            return top[0].Id;
        var from = _checkFirst ? 1 : 0;
        foreach (var to in (ReadOnlySpan<int>)[8, TopK])
        {
            if (FirstAllowed(top + from, Math.Min(to, n) - from) is var best and >= 0)
                return best;
            from = Math.Min(to, n);
        }
        var filtered = Prefiltered(logits);
        var tokens = new Span<LlamaNative.TokenData>(filtered.Data, (int)filtered.Size);
        tokens.Sort(ByLogitDescending);
        var head = Math.Min(32, tokens.Length);
        if (FirstAllowed(filtered.Data, head) is var first and >= 0)
            return first;
        if (FirstAllowed(filtered.Data + head, tokens.Length - head) is var rest and >= 0)
            return rest;
        FullGrammarPasses++;
        var full = Fill(logits);
        LlamaNative.SamplerApply(_grammar!, &full);
        LlamaNative.SamplerApply(_chain, &full);
        return Selected(&full);
    }

    /// <summary>The first token of a best-first run the grammar allows, or -1.</summary>
    private int FirstAllowed(LlamaNative.TokenData* run, int count)
    {
        if (count <= 0)
            return -1;
        var array = new LlamaNative.TokenDataArray { Data = run, Size = (nuint)count, Selected = -1 };
        LlamaNative.SamplerApply(_grammar!, &array);
        for (var i = 0; i < count; i++)
        {
            if (!float.IsNegativeInfinity(run[i].Logit))
            {
                FilteredGrammarPasses++;
                return run[i].Id;
            }
        }
        return -1;
    }

    private static readonly Comparison<LlamaNative.TokenData> ByLogitDescending =
        static (a, b) => b.Logit != a.Logit ? b.Logit.CompareTo(a.Logit) : a.Id.CompareTo(b.Id);

    /// <summary>The <see cref="TopK"/> highest logits, best first, in one pass over a min-heap.</summary>
    private int Highest(float* logits, LlamaNative.TokenData* top)
    {
        var n = Math.Min(TopK, _vocabulary);
        for (var i = 0; i < n; i++)
        {
            top[i] = new LlamaNative.TokenData { Id = i, Logit = logits[i] };
            SiftUp(top, i);
        }
        for (var i = n; i < _vocabulary; i++)
        {
            if (logits[i] <= top[0].Logit)
                continue;
            top[0] = new LlamaNative.TokenData { Id = i, Logit = logits[i] };
            SiftDown(top, n);
        }
        new Span<LlamaNative.TokenData>(top, n).Sort(ByLogitDescending);
        return n;
    }

    private static void SiftUp(LlamaNative.TokenData* heap, int i)
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

    private static void SiftDown(LlamaNative.TokenData* heap, int n)
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

    private bool Accepts(int token, float logit)
    {
        var single = new LlamaNative.TokenData { Id = token, Logit = logit };
        var one = new LlamaNative.TokenDataArray { Data = &single, Size = 1, Selected = -1 };
        LlamaNative.SamplerApply(_grammar!, &one);
        return !float.IsNegativeInfinity(single.Logit);
    }

    private int Constrained(float* logits)
    {
        if (_index is not null)
        {
            var filtered = Prefiltered(logits);
            if (Pick(&filtered) is var pick and >= 0)
                return pick;
        }
        FullGrammarPasses++;
        var full = Fill(logits);
        LlamaNative.SamplerApply(_grammar!, &full);
        LlamaNative.SamplerApply(_chain, &full);
        return Selected(&full);
    }

    /// <summary>Grammar, then the chain, over a candidate subset; -1 when the grammar allows none of it.</summary>
    private int Pick(LlamaNative.TokenDataArray* subset)
    {
        LlamaNative.SamplerApply(_grammar!, subset);
        var any = false;
        for (nuint i = 0; i < subset->Size && !any; i++)
            any = !float.IsNegativeInfinity(subset->Data[i].Logit);
        if (!any)
            return -1;
        FilteredGrammarPasses++;
        subset->Selected = -1;
        LlamaNative.SamplerApply(_chain, subset);
        return Selected(subset);
    }

    /// <summary>The tokens whose first byte the grammar accepts now, plus the end-of-generation tokens.</summary>
    private LlamaNative.TokenDataArray Prefiltered(float* logits)
    {
        var index = _index!;
        var probes = stackalloc LlamaNative.TokenData[256];
        var bytes = stackalloc byte[256];
        var n = 0;
        for (var b = 0; b < 256; b++)
        {
            if (index.Probe[b] >= 0)
            {
                probes[n] = new LlamaNative.TokenData { Id = index.Probe[b], Logit = 0 };
                bytes[n++] = (byte)b;
            }
        }
        var probeArray = new LlamaNative.TokenDataArray { Data = probes, Size = (nuint)n, Selected = -1 };
        LlamaNative.SamplerApply(_grammar!, &probeArray);
        var allowed = stackalloc bool[256];
        for (var b = 0; b < 256; b++)
            allowed[b] = index.Probe[b] < 0; // no probe for this byte: its tokens stay candidates
        for (var i = 0; i < n; i++)
            allowed[bytes[i]] |= !float.IsNegativeInfinity(probes[i].Logit);

        var size = 0;
        for (var b = 0; b < 256; b++)
        {
            if (!allowed[b])
                continue;
            foreach (var id in index.ByFirstByte[b])
                _buffer[size++] = new LlamaNative.TokenData { Id = id, Logit = logits[id] };
        }
        foreach (var id in index.EndOfGeneration)
            _buffer[size++] = new LlamaNative.TokenData { Id = id, Logit = logits[id] };
        return new LlamaNative.TokenDataArray { Data = _buffer, Size = (nuint)size, Selected = -1 };
    }

    private LlamaNative.TokenDataArray Fill(float* logits)
    {
        for (var i = 0; i < _vocabulary; i++)
            _buffer[i] = new LlamaNative.TokenData { Id = i, Logit = logits[i] };
        return new LlamaNative.TokenDataArray { Data = _buffer, Size = (nuint)_vocabulary, Selected = -1 };
    }

    /// <summary>The unconstrained choice.</summary>
    private int Choose(float* logits)
    {
        var all = Fill(logits);
        LlamaNative.SamplerApply(_chain, &all);
        return Selected(&all);
    }

    private static int Selected(LlamaNative.TokenDataArray* array)
    {
        if (array->Selected < 0 || array->Selected >= (long)array->Size)
            throw new LlamaException("the sampler selected no token");
        return array->Data[array->Selected].Id;
    }

    public void Dispose()
    {
        NativeMemory.Free(_buffer);
        _grammar?.Dispose();
        _chain.Dispose();
    }
}
