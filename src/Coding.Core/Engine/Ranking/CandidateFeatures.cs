using Coding.Core.Codebooks;
using Coding.Core.Engine.Candidates;
using Coding.Core.Engine.Dense;
using Coding.Core.Engine.Preparation;
using Coding.Core.Engine.Priors;

namespace Coding.Core.Engine.Ranking;

/// <summary>
/// What the ranker knows about a candidate: the learned priors (as log-odds), how well and how often the note names
/// it, where (assessment and diagnosis lists weigh more), how it was reached (header → child, ambiguous words), and
/// whether the code is a residual "unspecified" one, and its chapter. All are cheap to compute; the order is the model's.
/// </summary>
public static class CandidateFeatures
{
    private static readonly string[] Base =
    [
        "code-prior-logit", "term-prior-logit", "gold-frequency-log", "code-seen-in-train", "keys-of-best-match",
        "mentions-log", "in-diagnosis-section", "uncertain", "from-header", "kind-title", "kind-inclusion", "kind-index",
        "unambiguous", "unspecified-title", "early-in-note", "only-subsumed", "only-learned-terms", "distinct-terms-log", "sentences-log", "compactness",
        "expanded-sibling", "title-coverage", "only-historical", "side-agreement", "diagnostic-cue", "also-negated", "late-in-note",
        "dense-only", "dense-similarity", "dense-rank-inverse", "only-site-words",
    ];

    public static readonly string[] Names =
    [.. Base, .. Evaluation.IcdChapters.All.Select(c => $"chapter-{c.Number}")];

    /// <summary>The base features, then one indicator per chapter (chapters differ widely in how often a candidate is right).</summary>
    public static double[] Of(Candidate candidate, CodingPriors priors, int noteLength)
    {
        var features = BaseOf(candidate, priors, noteLength);
        var all = new double[Names.Length];
        features.CopyTo(all, 0);
        if (Evaluation.IcdChapters.Of(candidate.Code) is { } chapter)
            all[features.Length + chapter.Number - 1] = 1;
        return all;
    }

    private static double[] BaseOf(Candidate candidate, CodingPriors priors, int noteLength)
    {
        // Lexical features describe the words that named the code; a dense mention (a phrase near it by meaning) has
        // its own features below and stands in for the words only when nothing else supports the code.
        var hasDense = candidate.Mentions.Exists(m => m.Dense is not null);
        var lexical = hasDense ? candidate.Mentions.Where(m => m.Dense is null).ToList() : candidate.Mentions;
        var mentions = lexical.Count > 0 ? lexical : candidate.Mentions;
        List<DenseSupport> dense = hasDense ? candidate.Mentions.Where(m => m.Dense is not null).Select(m => m.Dense!).ToList() : [];
        var (best, termRate) = BestMention(mentions, priors);
        var first = mentions.Min(m => m.Match.Start);
        return
        [
            Logit(priors.CodeRate(candidate.Code)),
            Logit(termRate),
            Math.Log(1 + priors.Gold(candidate.Code)),
            priors.Seen(candidate.Code) ? 1 : 0,
            Math.Min(best.Match.KeyCount, 5) / 5.0,
            Math.Log(mentions.Count),
            mentions.Any(m => m.Section is SectionKind.Assessment or SectionKind.Diagnoses or SectionKind.ProblemList) ? 1 : 0,
            mentions.All(m => m.Status == AssertionStatus.Uncertain) ? 1 : 0,
            candidate.FromHeader ? 1 : 0,
            mentions.Any(m => m.Kind == TermKind.Title) ? 1 : 0,
            mentions.Any(m => m.Kind == TermKind.Inclusion) ? 1 : 0,
            mentions.Any(m => m.Kind == TermKind.Index && !m.Learned) ? 1 : 0,
            1.0 / candidate.Ambiguity,
            candidate.Title.Contains("unspecified", StringComparison.OrdinalIgnoreCase) ? 1 : 0,
            noteLength == 0 ? 0 : 1 - (double)first / noteLength,
            mentions.All(m => m.Match.Subsumed) ? 1 : 0,
            mentions.All(m => m.Learned) ? 1 : 0,
            Math.Log(mentions.Select(m => m.TermKey).Distinct().Count()),
            Math.Log(mentions.Select(m => m.Match.SentenceId).Distinct().Count()),
            // Matched tokens over the tokens the match spans: 1 for "chest pain", lower when other words sit between.
            mentions.Max(m => (double)m.Match.TokenIndexes.Length / (m.Match.TokenIndexes[^1] - m.Match.TokenIndexes[0] + 1)),
            candidate.Expanded ? 1 : 0,
            candidate.TitleCoverage,
            mentions.All(m => m.Status == AssertionStatus.Historical) ? 1 : 0,
            candidate.SideAgreement,
            candidate.DiagnosticCue ? 1 : 0,
            candidate.AlsoNegated ? 1 : 0,
            noteLength == 0 ? 0 : (double)mentions.Max(m => m.Match.End) / noteLength,
            lexical.Count == 0 ? 1 : 0,
            dense.Count == 0 ? 0 : dense.Max(d => d.Similarity),
            dense.Count == 0 ? 0 : 1.0 / dense.Min(d => d.Rank),
            mentions.All(m => Lexicon.OrganWords.OnlySites(TermKeyWords(m.TermKey))) ? 1 : 0,
        ];
    }

    /// <summary>
    /// The mention with the most keys, then the best term rate (the first of equals), and the best term rate of all:
    /// one prior lookup per mention, and one per run of mentions sharing a term key (a sibling's mentions all do).
    /// </summary>
    private static (CandidateMention Best, double TermRate) BestMention(List<CandidateMention> mentions, CodingPriors priors)
    {
        CandidateMention? best = null;
        double bestRate = 0, termRate = double.NegativeInfinity, rate = 0;
        string? rateOf = null;
        foreach (var m in mentions)
        {
            if (!ReferenceEquals(m.TermKey, rateOf))
                (rate, rateOf) = (priors.TermRate(m.TermKey), m.TermKey);
            termRate = Math.Max(termRate, rate);
            if (best is null || m.Match.KeyCount > best.Match.KeyCount || (m.Match.KeyCount == best.Match.KeyCount && rate > bestRate))
                (best, bestRate) = (m, rate);
        }
        return (best ?? throw new InvalidOperationException("a candidate has at least one mention"), termRate);
    }

    /// <summary>The keys of a term key "K6289|rectum" (code, bar, keys separated by spaces).</summary>
    private static string[] TermKeyWords(string termKey)
    {
        var bar = termKey.IndexOf('|', StringComparison.Ordinal);
        return bar < 0 ? [] : termKey[(bar + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
    }

    private static double Logit(double p)
    {
        var q = Math.Clamp(p, 1e-4, 1 - 1e-4);
        return Math.Log(q / (1 - q));
    }
}
