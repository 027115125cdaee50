using System.Runtime.InteropServices;

namespace Coding.Core.Model.Llama;

/// <summary>
/// Picks the next token: greedy (or temperature + seeded dist) over the logits, constrained by the GBNF grammar.
/// Applying a grammar to the whole vocabulary costs milliseconds per token, so with <c>checkFirst</c> the
/// unconstrained choice is tested against the grammar alone and the full constrained pass runs only when the grammar
/// rejects it. Both ways the chosen token is one the grammar accepts; a capable model rarely needs the full pass.
/// </summary>
internal sealed unsafe class TokenSampler : IDisposable
{
    private readonly SafeLlamaSamplerHandle _chain;
    private readonly SafeLlamaSamplerHandle? _grammar;
    private readonly bool _checkFirst;
    private readonly int _vocabulary;
    private readonly LlamaNative.TokenData* _buffer;

    public TokenSampler(LlamaModel model, string? grammar, float temperature, uint seed, bool checkFirst)
    {
        _vocabulary = model.VocabularySize;
        _checkFirst = checkFirst;
        _chain = SafeLlamaSamplerHandle.Wrap(LlamaNative.SamplerChainInit(new LlamaNative.SamplerChainParams { NoPerf = 1 }));
        if (temperature <= 0)
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
        }
        _buffer = (LlamaNative.TokenData*)NativeMemory.Alloc((nuint)_vocabulary, (nuint)sizeof(LlamaNative.TokenData));
    }

    /// <summary>How many tokens needed the full grammar pass (with check-first), for the benchmark.</summary>
    public int FullGrammarPasses { get; private set; }

    public int Sample(SafeLlamaContextHandle ctx)
    {
        var logits = LlamaNative.GetLogitsIth(ctx, -1);
        if (logits is null)
            throw new LlamaException("no logits for the last token");
        int token;
        if (_grammar is null)
        {
            token = Choose(logits, constrain: false);
        }
        else if (_checkFirst)
        {
            token = Choose(logits, constrain: false);
            var single = new LlamaNative.TokenData { Id = token, Logit = logits[token] };
            var one = new LlamaNative.TokenDataArray { Data = &single, Size = 1, Selected = -1 };
            LlamaNative.SamplerApply(_grammar, &one);
            if (float.IsNegativeInfinity(one.Data[0].Logit))
                token = Choose(logits, constrain: true);
        }
        else
        {
            token = Choose(logits, constrain: true);
        }
        if (_grammar is not null)
            LlamaNative.SamplerAccept(_grammar, token);
        LlamaNative.SamplerAccept(_chain, token);
        return token;
    }

    private int Choose(float* logits, bool constrain)
    {
        for (var i = 0; i < _vocabulary; i++)
            _buffer[i] = new LlamaNative.TokenData { Id = i, Logit = logits[i] };
        var all = new LlamaNative.TokenDataArray { Data = _buffer, Size = (nuint)_vocabulary, Selected = -1 };
        if (constrain)
        {
            FullGrammarPasses++;
            LlamaNative.SamplerApply(_grammar!, &all);
        }
        LlamaNative.SamplerApply(_chain, &all);
        if (all.Selected < 0 || all.Selected >= (long)all.Size)
            throw new LlamaException("the sampler selected no token");
        return all.Data[all.Selected].Id;
    }

    public void Dispose()
    {
        NativeMemory.Free(_buffer);
        _grammar?.Dispose();
        _chain.Dispose();
    }
}
