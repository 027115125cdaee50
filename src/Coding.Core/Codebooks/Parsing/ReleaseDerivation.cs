namespace Coding.Core.Codebooks.Parsing;

/// <summary>
/// Rebuilds the previous year's order file from this year's plus the addenda between them:
/// take away what was added, put back what was deleted (with its old flag and titles), undo title revisions.
/// Used when the previous year's own order file is not at hand; the addenda's summary counts check the result,
/// and a derivation that does not reproduce them is refused rather than loaded.
/// </summary>
public static class ReleaseDerivation
{
    public sealed record Result(IReadOnlyList<CodeEntry> Entries, int Codes, int Headers, bool MatchesSummary);

    public static Result DerivePrevious(IReadOnlyList<CodeEntry> current, OrderAddenda addenda)
    {
        var added = new HashSet<string>(addenda.Entries.Where(e => e.Action == AddendaAction.Add).Select(e => e.Entry.Code), StringComparer.Ordinal);
        var deleted = addenda.Entries.Where(e => e.Action == AddendaAction.Delete).ToDictionary(e => e.Entry.Code, e => e.Entry, StringComparer.Ordinal);
        var revisedFrom = new Dictionary<string, CodeEntry>(StringComparer.Ordinal);
        foreach (var e in addenda.Entries.Where(e => e.Action == AddendaAction.ReviseFrom))
            revisedFrom[e.Entry.Code] = e.Entry;

        var previous = new List<CodeEntry>(current.Count);
        foreach (var entry in current)
        {
            if (added.Contains(entry.Code)) continue;
            previous.Add(revisedFrom.TryGetValue(entry.Code, out var old) ? entry with { ShortTitle = old.ShortTitle, LongTitle = old.LongTitle } : entry);
        }
        previous.AddRange(deleted.Values);
        // Order files list codes in classification order, which for these code shapes is ordinal order.
        previous.Sort((a, b) => string.CompareOrdinal(a.Code, b.Code));

        var codes = previous.Count(e => e.Billable);
        var headers = previous.Count - codes;
        var matches = addenda.PreviousCodes == codes && addenda.PreviousHeaders == headers;
        return new Result(previous, codes, headers, matches);
    }
}
