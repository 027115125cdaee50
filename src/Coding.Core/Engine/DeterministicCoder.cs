using Coding.Core.Encounters;
using Coding.Core.Engine.Candidates;
using Coding.Core.Engine.Lexicon;
using Coding.Core.Engine.Preparation;
using Coding.Core.Engine.Priors;
using Coding.Core.Engine.Ranking;
using Coding.Core.Engine.Validation;

namespace Coding.Core.Engine;

/// <summary>Everything one pass over a note produced: the engine keeps the confident part, the evaluation all of it.</summary>
public sealed record CodingRun(PreparedNote Note, CandidateSet Candidates, IReadOnlyList<Candidate> Ranked, IReadOnlyList<RemovedCandidate> Removed, double Threshold)
{
    /// <summary>Validated codes at or above the threshold, in sequence order.</summary>
    public IEnumerable<Candidate> Suggested => Ranked.Where(c => c.Confidence >= Threshold);
}

/// <summary>
/// The whole deterministic path as one pure function (no database, no clock): prepare → match → assert → resolve
/// billable → rank → validate. The engine and `coding eval` both call it, so the figures describe what the worker does.
/// </summary>
public static class DeterministicCoder
{
    /// <summary>Below this confidence a candidate is dropped before validation (it stays in the candidate set).</summary>
    public const double ConfidenceFloor = 0.01;

    public static CodingRun Code(string text, TermLexicon lexicon, CodingPriors priors, CareSetting setting, int? age, PatientSex sex)
    {
        var note = NotePreparer.Prepare(text);
        var candidates = CandidateGenerator.Generate(note, lexicon, priors, setting);
        var ranked = CandidateRanker.Rank(candidates.Candidates, priors, text.Length);
        // Candidates under the floor are never suggested and almost never gold (train and dev alike); validating them
        // would cost more CPU than everything else, since conflict checks are pairwise.
        var validated = SuggestionValidator.Validate(ranked.Where(c => c.Confidence >= ConfidenceFloor).ToList(), lexicon, age, sex);
        return new CodingRun(note, candidates, validated.Kept, validated.Removed, CandidateRanker.Threshold(priors));
    }
}
