using System.Diagnostics;
using Coding.Core.Codebooks.Parsing;
using Coding.Core.Encounters;
using Coding.Core.Engine.Dense;
using Coding.Core.Engine.Lexicon;
using Coding.Core.Engine.Priors;
using Coding.Core.Evaluation;

namespace Coding.Core.Engine;

/// <summary>
/// A document to evaluate: its id and note, and the encounter facts the rules read when the gold set gives them (else the
/// run's setting, no age, unknown sex); gold codes are passed separately (doc → codes as written).
/// </summary>
public sealed record EvaluationDocument(string Id, string Text, CareSetting? Setting = null, int? Age = null, PatientSex Sex = PatientSex.Unknown);

/// <summary>What running the engine over a gold set produced, before any metric.</summary>
public sealed record EngineEvaluationRun(
    IReadOnlyDictionary<string, IReadOnlyList<ScoredCode>> Ranked,
    IReadOnlyDictionary<string, IReadOnlyCollection<string>> Candidates,
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> ExcludedStatus,
    double Threshold,
    int SuggestedCodes,
    int InvalidCodes,
    int Spans,
    int ValidSpans,
    int SuggestionsWithoutEvidence,
    TimeSpan EngineCpu,
    IReadOnlyDictionary<string, int> RemovedByRule,
    IReadOnlyDictionary<string, int> RemovedGoldByRule,
    DenseCost? Dense = null)
{
    /// <summary>Each document's principal / first-listed suggestion (absent where nothing was suggested).</summary>
    public IReadOnlyDictionary<string, string> Lead { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>The care setting each document was coded in.</summary>
    public IReadOnlyDictionary<string, CareSetting> Settings { get; init; } = new Dictionary<string, CareSetting>(StringComparer.Ordinal);

    /// <summary>The policy the run followed.</summary>
    public Suggestions.CodingPolicy Policy { get; init; }

    /// <summary>Each code a rule removed, with the rule, the code that removed it and whether it was gold: what a rule costs, codes only.</summary>
    public IReadOnlyList<RuleRemoval> Removals { get; init; } = [];

    /// <summary>
    /// The run with every code written as the gold's edition writes it (CodiEsp: FY2017, so R51.9 is R51), for scoring
    /// against that gold; the invariant counts stay those of the release's own codes.
    /// </summary>
    public EngineEvaluationRun InEdition(CodeEdition edition) => this with
    {
        Ranked = Ranked.ToDictionary(e => e.Key, e => (IReadOnlyList<ScoredCode>)e.Value.Select(p => p with { Code = edition.Of(p.Code) }).ToList(), StringComparer.Ordinal),
        Lead = Lead.ToDictionary(e => e.Key, e => edition.Of(e.Value), StringComparer.Ordinal),
        Candidates = Candidates.ToDictionary(e => e.Key, e => (IReadOnlyCollection<string>)e.Value.Select(edition.Of).Distinct().ToList(), StringComparer.Ordinal),
        ExcludedStatus = ExcludedStatus.ToDictionary(e => e.Key, e => (IReadOnlyDictionary<string, string>)e.Value
            .GroupBy(x => edition.Of(x.Key), StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Value, StringComparer.Ordinal), StringComparer.Ordinal),
    };
}

/// <summary>A code a validation or claims rule removed from one document's ranking, and whether the gold held it.</summary>
public sealed record RuleRemoval(string Document, string Code, string Rule, string? By, bool Gold);

/// <summary>What dense retrieval cost over a run: phrases searched, database round-trip time, dense-only candidates and suggestions.</summary>
public sealed record DenseCost(int Phrases, TimeSpan Database, int DenseOnlyCandidates, int DenseOnlySuggested, int DenseOnlySuggestedGold);

/// <summary>Dense retrieval for one note (the database part, so the pure evaluation can be handed it): the lexical pass in, hits and cost out.</summary>
public delegate DenseRetrieval DenseSource(LexicalPass pass);

/// <summary>
/// Runs documents through <see cref="DeterministicCoder"/> — the worker's own path — and collects what the metrics
/// need: every validated code ranked (the MAP list), the candidate codes (recall ceiling), the codes only negated or
/// otherwise excluded mentions pointed at (quirk cost), and the invariant checks on the suggestions.
/// </summary>
public static class EngineEvaluation
{
    public static EngineEvaluationRun Run(IReadOnlyList<EvaluationDocument> documents, IReadOnlyDictionary<string, IReadOnlySet<string>> gold,
        TermLexicon lexicon, CodingPriors priors, CareSetting setting, DenseSource? dense = null, DenseSettings? denseSettings = null, CodeEdition? goldEdition = null,
        Suggestions.CodingPolicy policy = Suggestions.CodingPolicy.Claims)
    {
        var leads = new Dictionary<string, string>(StringComparer.Ordinal);
        var settings = new Dictionary<string, CareSetting>(StringComparer.Ordinal);
        int densePhrases = 0, denseOnly = 0, denseSuggested = 0, denseGold = 0;
        var denseTime = TimeSpan.Zero;
        var removedByRule = new Dictionary<string, int>(StringComparer.Ordinal);
        var removedGold = new Dictionary<string, int>(StringComparer.Ordinal);
        var removals = new List<RuleRemoval>();
        var ranked = new Dictionary<string, IReadOnlyList<ScoredCode>>(StringComparer.Ordinal);
        var candidates = new Dictionary<string, IReadOnlyCollection<string>>(StringComparer.Ordinal);
        var excluded = new Dictionary<string, IReadOnlyDictionary<string, string>>(StringComparer.Ordinal);
        double threshold = 0;
        int suggested = 0, invalid = 0, spans = 0, validSpans = 0, withoutEvidence = 0;
        var cpu = TimeSpan.Zero;
        foreach (var document in documents)
        {
            var started = Process.GetCurrentProcess().TotalProcessorTime;
            var documentSetting = document.Setting ?? setting;
            settings[document.Id] = documentSetting;
            var (run, retrieval) = DeterministicCoder.Code(document.Text, dense, denseSettings ?? DenseSettings.Default, lexicon, priors, documentSetting,
                document.Age, document.Sex, policy);
            cpu += Process.GetCurrentProcess().TotalProcessorTime - started;
            threshold = run.Threshold;
            var goldKeys = gold.GetValueOrDefault(document.Id)?.Select(CodeKey.Match).ToHashSet() ?? [];
            if (retrieval is not null)
            {
                densePhrases += retrieval.Phrases;
                denseTime += retrieval.Database;
                denseOnly += run.Candidates.Candidates.Count(c => c.Mentions.TrueForAll(m => m.Dense is not null));
                foreach (var c in run.Suggested.Where(c => c.Mentions.TrueForAll(m => m.Dense is not null)))
                {
                    denseSuggested++;
                    if (goldKeys.HoldsCode(c.Code, goldEdition))
                        denseGold++;
                }
            }
            foreach (var removed in run.Removed)
            {
                var rule = removed.Rule;
                removedByRule[rule] = removedByRule.GetValueOrDefault(rule) + 1;
                var isGold = goldKeys.HoldsCode(removed.Candidate.Code, goldEdition);
                if (isGold)
                    removedGold[rule] = removedGold.GetValueOrDefault(rule) + 1;
                removals.Add(new RuleRemoval(document.Id, CodeFormat.Display(lexicon.System, removed.Candidate.Code), rule,
                    removed.By is null ? null : CodeFormat.Display(lexicon.System, removed.By), isGold));
            }
            if (run.Lead is { } lead)
                leads[document.Id] = CodeFormat.Display(lexicon.System, lead.Code);
            ranked[document.Id] = run.Ranked.Select(c => new ScoredCode(CodeFormat.Display(lexicon.System, c.Code), c.Confidence)).ToList();
            candidates[document.Id] = run.Candidates.Candidates.SelectMany(c => new[] { c.Code, c.MatchedCode }).Distinct().ToList();
            excluded[document.Id] = run.Candidates.Excluded
                .GroupBy(e => e.Code)
                .ToDictionary(g => g.Key, g => g.First().Status.ToString());
            foreach (var c in run.Suggested)
            {
                suggested++;
                if (lexicon.Code(c.Code) is not { Billable: true })
                    invalid++;
                if (c.Mentions.Count == 0)
                    withoutEvidence++;
                foreach (var m in c.Mentions)
                {
                    spans++;
                    if (SpanIsValid(document.Text, m.Match.Start, m.Match.End))
                        validSpans++;
                }
            }
        }
        return new EngineEvaluationRun(ranked, candidates, excluded, threshold, suggested, invalid, spans, validSpans, withoutEvidence, cpu, removedByRule, removedGold,
            dense is null ? null : new DenseCost(densePhrases, denseTime, denseOnly, denseSuggested, denseGold))
        {
            Lead = leads,
            Settings = settings,
            Removals = removals,
            Policy = policy,
        };
    }

    /// <summary>
    /// The evidence invariant: inside the note, not empty, and starting and ending on a word character, so the
    /// substring at the offsets is exactly the matched words (no cut word, no stray whitespace).
    /// </summary>
    public static bool SpanIsValid(string text, int start, int end) =>
        start >= 0 && end > start && end <= text.Length
        && char.IsLetterOrDigit(text[start]) && char.IsLetterOrDigit(text[end - 1])
        && (start == 0 || !char.IsLetterOrDigit(text[start - 1]))
        && (end == text.Length || !char.IsLetterOrDigit(text[end]));
}
