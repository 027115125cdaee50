namespace Coding.Core.Engine.Candidates;

/// <summary>
/// One codebook term found in one sentence: every required key present within a window. [Start, End) covers the
/// matched tokens, so <c>note.Substring(Start, End - Start)</c> is the evidence text. <see cref="Subsumed"/>: the
/// match's tokens are a strict subset of another match's in the same sentence ("pain" inside "abdominal pain").
/// </summary>
public sealed record TermMatch(int Term, int SentenceId, int Start, int End, int[] TokenIndexes, bool Subsumed = false)
{
    public int KeyCount => TokenIndexes.Length;
}
