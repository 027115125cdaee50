using Coding.Core.Codebooks.Parsing;
using Coding.Core.Suggestions;

namespace Coding.Core.Codebooks.Retrieval;

/// <summary>A plain-language query and the code a coder expects to see in the top results.</summary>
public sealed record ExpectedHit(string Query, CodeSystem? System, string Code);

/// <summary>
/// The project's search query set (codebooks/search-queries.tsv: query, system or *, expected code), shared by the
/// tests and the benchmark so both measure the same thing.
/// </summary>
public static class SearchQuerySet
{
    public static IReadOnlyList<ExpectedHit> Load(string path) =>
        File.ReadLines(path)
            .Where(l => l.Length > 0 && !l.StartsWith('#'))
            .Select(l => l.Split('\t'))
            .Select(p => new ExpectedHit(p[0].Trim(), p[1].Trim() == "*" ? null : CodeFormat.ParseSystem(p[1]) ?? throw new FormatException($"unknown system '{p[1]}'"), CodeFormat.Normalize(p[2])))
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
