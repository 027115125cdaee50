using System.Text.Json;
using Coding.Core.Codebooks.Parsing;
using Coding.Core.Engine.Candidates;
using Coding.Core.Engine.Dense;
using Coding.Core.Engine.Lexicon;
using Coding.Core.Engine.Priors;
using Coding.Core.Suggestions;
using Microsoft.Extensions.Options;

namespace Coding.Core.Engine;

/// <summary>
/// The model-free engine: dictionary matching over the codebook in force, priors learned per coding policy (US notes train
/// for claims, CodiEsp train for findings), a ranker, coding edits and, for claims, the Official Guidelines' rules, sequencing
/// and present-on-admission (<see cref="DeterministicCoder"/>). Every suggestion carries the spans of the
/// mentions that support it and provenance naming the terms, the prior, the release and this engine's version.
/// </summary>
public sealed class DeterministicEngine(TermLexiconProvider lexicons, CodingPriors priors, DenseRetriever dense, IOptions<EngineOptions> options) : ISuggestionEngine
{
    public const string EngineName = "deterministic";
    // 1.1.0: Excludes1 between codes read from the same words only, parenthesised note codes, contradiction by rank,
    // synonyms / neoplasm morphology / see-also words, optional dense candidates, 31 ranking features.
    // 1.2.0: coding policy (claims: Guidelines rules, principal / first-listed, POA; priors per policy).
    public const string EngineVersion = "1.2.0";

    public string Name => EngineName;
    public string Version => EngineVersion;

    public async Task<EngineResult> SuggestAsync(EncounterNote note, CancellationToken ct) =>
        (await ProposeAsync(note, candidates: 0, ct)).Result;

    /// <summary>
    /// The suggestions plus what an adjudicator needs: the prepared note (sentence ids = evidence ids) and the
    /// <paramref name="candidates"/> most confident validated codes, including those below the threshold.
    /// </summary>
    public async Task<EngineProposal> ProposeAsync(EncounterNote note, int candidates, CancellationToken ct)
    {
        var lexicon = await lexicons.ForAsync(CodeSystem.Icd10Cm, note.DateOfService, ct);
        var o = options.Value;
        var pass = DeterministicCoder.Match(note.Text, lexicon, priors, note.Setting, o.Policy);
        IReadOnlyList<DenseHit> hits = [];
        if (o.Dense)
            hits = (await dense.RetrieveForAsync(lexicon, pass, note.Setting, ct)).Hits;
        var run = DeterministicCoder.Code(pass, hits, o.DenseSettings, lexicon, priors, note.Setting, note.PatientAgeYears, note.PatientSex, o.Policy);
        var threshold = o.MinConfidence ?? run.Threshold;
        var suggestions = run.Ranked
            .Where(c => c.Confidence >= threshold)
            .Take(options.Value.MaxSuggestions)
            .Select(c => Draft(c, lexicon))
            .ToList();
        var considered = run.Ranked.OrderByDescending(c => c.Confidence).Take(candidates).Select(c => Draft(c, lexicon));
        return new EngineProposal(new EngineResult(lexicon.ReleaseVersion, suggestions, Policy: o.Policy), run.Note,
            suggestions.Concat(considered).DistinctBy(d => d.Code).ToList());
    }

    /// <summary>
    /// The spans a coder sees for a candidate. Phrases learned from train notes are evidence only where the codebook's
    /// own words found nothing ("diabetes" is learned for I10 because the two go together in train, not because it
    /// says hypertension); a span inside another of the same code ("hypertension" in "Essential hypertension") is the
    /// same evidence twice, so only the outer one is kept. A phrase found by dense retrieval is the evidence only of a
    /// code no words named.
    /// </summary>
    public static List<SpanDraft> Evidence(Candidate c)
    {
        var named = c.Mentions.Exists(m => m.Dense is null) ? c.Mentions.Where(m => m.Dense is null).ToList() : c.Mentions;
        var evidence = named.Any(m => !m.Learned) ? named.Where(m => !m.Learned) : named;
        var all = evidence
            .Select(m => new SpanDraft(m.Match.Start, m.Match.End, m.Match.SentenceId))
            .Distinct()
            .ToList();
        return all
            .Where(s => !all.Any(o => o != s && o.Start <= s.Start && o.End >= s.End))
            .OrderBy(s => s.Start)
            .ToList();
    }

    private SuggestionDraft Draft(Candidate c, TermLexicon lexicon)
    {
        var spans = Evidence(c);
        var provenance = JsonSerializer.Serialize(new
        {
            engine = EngineName,
            engineVersion = EngineVersion,
            release = $"{CodeFormat.Slug(lexicon.System)} {lexicon.ReleaseVersion}",
            priors = priors.Source,
            policy = options.Value.Policy.ToString().ToLowerInvariant(),
            matchedCode = c.MatchedCode,
            terms = c.Mentions.Select(m => new { id = lexicon.Terms[m.Match.Term].Id, kind = m.Kind.ToString(), section = m.Section.ToString(), dense = m.Dense?.Similarity }).Distinct().Take(8),
            prior = Math.Round(priors.CodeRate(c.Code), 4),
            score = Math.Round(c.Score, 4),
        });
        return new SuggestionDraft(CodeSystem.Icd10Cm, CodeFormat.Display(CodeSystem.Icd10Cm, c.Code), lexicon.ReleaseVersion, c.Title,
            Math.Round(c.Confidence, 4), spans, provenance, c.Role, c.Poa);
    }
}
