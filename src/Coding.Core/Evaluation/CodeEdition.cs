using Coding.Core.Codebooks.Parsing;

namespace Coding.Core.Evaluation;

/// <summary>
/// Writes ICD-10-CM codes as an earlier edition of the code set had them, through the conversion table: a code that
/// took effect after the edition is written as the code it replaced, again until the edition has it (R51.9, new on
/// 2020-10-01, is R51 in the FY2017 edition). Used to compare the engine's codes with a gold set coded in an older
/// edition, which cannot name codes created since: without it, the engine's R51.9 against the gold's R51 scores a
/// false positive and a false negative for one correct headache.
/// </summary>
public sealed class CodeEdition
{
    private readonly Dictionary<string, string> _previous = new(StringComparer.Ordinal);
    private readonly HashSet<string> _replaced = new(StringComparer.Ordinal);

    /// <param name="name">The edition, as reports print it.</param>
    /// <param name="after">Codes that took effect on or after this day are not in the edition.</param>
    public CodeEdition(string name, IEnumerable<CodeConversion> conversions, DateOnly after)
    {
        Name = name;
        foreach (var c in conversions)
        {
            if (c.Effective < after || c.Previous is null)
                continue;
            _previous.TryAdd(CodeKey.Exact(c.Code), c.Previous);
            _replaced.Add(CodeKey.Exact(c.Previous));
        }
    }

    public string Name { get; }

    /// <summary>How many codes of the current release the edition writes otherwise.</summary>
    public int Conversions => _previous.Count;

    /// <summary>The code as the edition writes it: the code itself when it is as old as the edition.</summary>
    public string Of(string code)
    {
        // Chains are short (a code split twice); the bound only guards against a cycle in a malformed table.
        for (var i = 0; i < 10 && _previous.TryGetValue(CodeKey.Exact(code), out var previous); i++)
            code = previous;
        return code;
    }

    /// <summary>Whether later releases split or replaced this code of the edition (the gold's R51: R51.0 and R51.9 now).</summary>
    public bool WasReplaced(string code) => _replaced.Contains(CodeKey.Exact(code));
}
