namespace Coding.Core.Engine.Dense;

/// <summary>
/// A stretch of a note searched by meaning: [Start, End) covers whole word tokens of one sentence, so
/// <c>note.Substring(Start, End - Start)</c> is exactly <see cref="Text"/> and is the evidence a dense candidate shows.
/// </summary>
public sealed record DensePhrase(int SentenceId, int Start, int End, int[] TokenIndexes, string Text);

/// <summary>
/// One codebook term the vector index returned for a phrase: the phrase's offsets (its identity), the term (id as in
/// <c>codebook_terms</c>), the code it leads to, the cosine similarity and the code's rank among the phrase's codes (1 = nearest).
/// </summary>
public sealed record DenseHit(int Start, int End, long TermId, string Code, double Similarity, int Rank);

/// <summary>What the vector index said about a mention: its similarity to the nearest text of the code, and the code's rank (1 = nearest).</summary>
public sealed record DenseSupport(double Similarity, int Rank);

/// <summary>The pure part of dense retrieval's settings (the engine's <c>Engine:Dense*</c> options).</summary>
/// <param name="MaxPhrases">Most phrases searched per note (one query vector each, all in one round trip).</param>
/// <param name="Top">Codes kept per phrase, nearest first.</param>
/// <param name="MinSimilarity">Hits under this cosine similarity are dropped.</param>
/// <param name="Scope">Which eligible phrases are searched: only those no lexical match touched, or all.</param>
/// <param name="SupportOnly">Dense hits only support codes the lexical pass found (a feature), never add codes of their own.</param>
public sealed record DenseSettings(int MaxPhrases, int Top, double MinSimilarity, DenseScope Scope = DenseScope.Unmatched, bool SupportOnly = false)
{
    public static readonly DenseSettings Default = new(12, 3, 0.5);
}

/// <summary>Which phrases dense retrieval searches.</summary>
public enum DenseScope
{
    /// <summary>Phrases no lexical match (nor excluded mention) touched: dense retrieval for what the codebook's words missed.</summary>
    Unmatched,

    /// <summary>Every eligible phrase, matched or not: dense hits can also support (or refine) lexical candidates.</summary>
    All,
}
