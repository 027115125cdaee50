using Coding.Core.Engine.Lexicon;
using Coding.Core.Engine.Priors;

namespace Coding.Core.Engine.Validation;

/// <summary>
/// A header is never suggested: it becomes its most likely billable child — the child most often gold in training,
/// else the child whose title is the header's own ("Pneumonia, unspecified organism" under J18), else an "unspecified"
/// child ending in 9 (what a coder assigns when the note gives no more detail), else the shortest, first child.
/// </summary>
public static class BillableResolver
{
    public static string? Resolve(string code, TermLexicon lexicon, CodingPriors priors)
    {
        var entry = lexicon.Code(code);
        if (entry is null)
            return null;
        if (entry.Billable)
            return code;
        var children = lexicon.BillableUnder(code);
        if (children.IsEmpty)
            return null;
        string? best = null;
        var bestRank = (Gold: -1, SameTitle: false, Unspecified: false, Nine: false, Length: int.MinValue);
        foreach (var child in children)
        {
            var title = lexicon.Code(child)!.Title;
            var rank = (priors.Gold(child), string.Equals(title, entry.Title, StringComparison.OrdinalIgnoreCase),
                title.Contains("unspecified", StringComparison.OrdinalIgnoreCase), child[^1] == '9', -child.Length);
            if (best is null || rank.CompareTo(bestRank) > 0)
            {
                best = child;
                bestRank = rank;
            }
        }
        return best;
    }
}
