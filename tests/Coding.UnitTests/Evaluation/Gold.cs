using Coding.Core.Evaluation;

namespace Coding.UnitTests.Evaluation;

/// <summary>Terse builders for hand-computed examples.</summary>
internal static class Gold
{
    public static IReadOnlyDictionary<string, IReadOnlySet<string>> Of(params (string Doc, string[] Codes)[] docs) =>
        docs.ToDictionary(d => d.Doc, d => (IReadOnlySet<string>)d.Codes.ToHashSet(), StringComparer.Ordinal);

    /// <summary>Codes ranked in the given order, scores falling from 0.9 so list order and score order agree.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<ScoredCode>> Run(params (string Doc, string[] Codes)[] docs) =>
        docs.ToDictionary(
            d => d.Doc,
            d => (IReadOnlyList<ScoredCode>)d.Codes.Select((c, i) => new ScoredCode(c, 0.9 - i * 0.01)).ToList(),
            StringComparer.Ordinal);
}
