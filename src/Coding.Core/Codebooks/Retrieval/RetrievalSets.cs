using Coding.Core.Codebooks.Parsing;

namespace Coding.Core.Codebooks.Retrieval;

/// <summary>
/// A query a coder types into the encoder search and the codes that would satisfy them in the top results
/// (codebooks/eval/coder-queries.tsv). An accepted entry ending in * accepts every code under it; no accepted codes
/// means the right answer is "no code found".
/// </summary>
public sealed record CoderQuery(string Kind, string Query, IReadOnlyList<string> Accepted)
{
    public bool ExpectsNothing => Accepted.Count == 0;

    public bool Matches(string code) => Accepted.Any(a => a.EndsWith('*')
        ? code.StartsWith(a[..^1], StringComparison.Ordinal)
        : code == a);
}

/// <summary>A code and the Official Guidelines sections that govern it (codebooks/eval/guideline-sections.tsv).</summary>
public sealed record GuidelineLabel(string Code, IReadOnlyList<string> Sections)
{
    /// <summary>A section answers the label when it is a labelled section or one of its subsections.</summary>
    public bool Matches(string sectionPath) =>
        Sections.Any(s => sectionPath == s || sectionPath.StartsWith(s + ".", StringComparison.Ordinal));
}

/// <summary>
/// The retrieval evaluation sets, frozen before the search was tuned (issue #16). Read by `bench codebooks`; the tests
/// use their own small cases so the sets stay a measurement, not a target the tests were fitted to.
/// </summary>
public static class RetrievalSets
{
    public static IReadOnlyList<CoderQuery> LoadQueries(string path) =>
        Rows(path).Select(p => new CoderQuery(p[0], p[1],
                p[2] == "-" ? [] : p[2].Split(' ', StringSplitOptions.RemoveEmptyEntries)
                    .Select(a => a.EndsWith('*') ? CodeFormat.Normalize(a[..^1]) + "*" : CodeFormat.Normalize(a)).ToList()))
            .ToList();

    public static IReadOnlyList<GuidelineLabel> LoadGuidelineLabels(string path) =>
        Rows(path).Select(p => new GuidelineLabel(CodeFormat.Normalize(p[0]), p[1].Split(' ', StringSplitOptions.RemoveEmptyEntries))).ToList();

    /// <summary>codebooks/eval/{name} in the repository that holds the working directory or the binaries.</summary>
    public static string? DefaultPath(string name)
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
            if (CodebookSources.FindRepoRoot(start) is { } repo && File.Exists(Path.Combine(repo, "codebooks", "eval", name)))
                return Path.Combine(repo, "codebooks", "eval", name);
        return null;
    }

    // Tab-separated; the query column may hold any character (the junk queries are the point), so lines are split on tabs only.
    private static IEnumerable<string[]> Rows(string path) =>
        File.ReadLines(path).Where(l => l.Length > 0 && !l.StartsWith('#')).Select(l => l.Split('\t'));
}
