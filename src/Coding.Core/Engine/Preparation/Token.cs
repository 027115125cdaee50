namespace Coding.Core.Engine.Preparation;

/// <summary>
/// One token with exact offsets: <c>note.Substring(Start, End - Start)</c> is its text.
/// </summary>
/// <param name="Norm">Lower-case, diacritics removed; what assertion triggers are matched on.</param>
/// <param name="Key">Norm with plural/possessive endings removed; what terms are matched on.</param>
/// <param name="Expansion">Keys of the words an abbreviation stands for ("htn" → ["hypertension"]), else null.
/// The token keeps the abbreviation's own offsets, so evidence still points at "HTN".</param>
/// <param name="SentenceId">The sentence the token lies in; -1 for tokens of <see cref="Tokenizer.Tokenize(string)"/>, which knows no sentences.</param>
public readonly record struct Token(
    int Start,
    int End,
    TokenKind Kind,
    string Norm,
    string Key,
    IReadOnlyList<string>? Expansion,
    int SentenceId)
{
    public int Length => End - Start;

    /// <summary>The keys to match this token on: the expansion of an abbreviation, else its own key.</summary>
    public IReadOnlyList<string> MatchKeys => Expansion ?? [Key];
}

public enum TokenKind
{
    Word,
    Number,
    Punctuation,
}
