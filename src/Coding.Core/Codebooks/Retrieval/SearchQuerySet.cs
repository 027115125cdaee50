using Coding.Core.Codebooks.Parsing;
using Coding.Core.Suggestions;

namespace Coding.Core.Codebooks.Retrieval;

/// <summary>A plain-language query and the code a coder expects to see in the top results.</summary>
/// <param name="KnownMiss">Marked "!" in the file: a query the search does not answer yet. Reported, not asserted.</param>
public sealed record ExpectedHit(string Query, CodeSystem? System, string Code, bool KnownMiss = false)
{
    /// <summary>The expected code, or (when it is a header such as T39.011) a code under it: T39.011A answers it too.</summary>
    public bool Matches(string code) => code.StartsWith(Code, StringComparison.Ordinal);
}

/// <summary>
/// The project's search query set (codebooks/search-queries.tsv: query, system or *, expected code), shared by the
/// tests and the benchmark so both measure the same thing.
/// </summary>
public static class SearchQuerySet
{
    public static IReadOnlyList<ExpectedHit> Load(string path) =>
        File.ReadLines(path)
            .Where(l => l.Length > 0 && !l.StartsWith('#'))
            .Select(l => (Miss: l.StartsWith('!'), Parts: l.TrimStart('!').Split('\t')))
            .Select(x => new ExpectedHit(x.Parts[0].Trim(),
                x.Parts[1].Trim() == "*" ? null : CodeFormat.ParseSystem(x.Parts[1]) ?? throw new FormatException($"unknown system '{x.Parts[1]}'"),
                CodeFormat.Normalize(x.Parts[2]), x.Miss))
            .ToList();

    /// <summary>codebooks/search-queries.tsv in the repository that holds the working directory or the binaries.</summary>
    public static string? DefaultPath()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
            if (CodebookSources.FindRepoRoot(start) is { } repo && File.Exists(Path.Combine(repo, "codebooks", "search-queries.tsv")))
                return Path.Combine(repo, "codebooks", "search-queries.tsv");
        return null;
    }
}
