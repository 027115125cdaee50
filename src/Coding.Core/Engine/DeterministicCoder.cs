using Coding.Core.Encounters;
using Coding.Core.Engine.Candidates;
using Coding.Core.Engine.Dense;
using Coding.Core.Engine.Lexicon;
using Coding.Core.Engine.Preparation;
using Coding.Core.Engine.Priors;
using Coding.Core.Engine.Ranking;
using Coding.Core.Engine.Claims;
using Coding.Core.Engine.Validation;
using Coding.Core.Suggestions;

namespace Coding.Core.Engine;

/// <summary>Everything one pass over a note produced: the engine keeps the confident part, the evaluation all of it.</summary>
public sealed record CodingRun(PreparedNote Note, CandidateSet Candidates, IReadOnlyList<Candidate> Ranked, IReadOnlyList<RemovedCandidate> Removed, double Threshold)
{
    /// <summary>Validated codes at or above the threshold, in sequence order (the principal / first-listed one first).</summary>
    public IEnumerable<Candidate> Suggested => Ranked.Where(c => c.Confidence >= Threshold);

    /// <summary>The principal (inpatient) or first-listed (outpatient/ED) diagnosis among the suggestions, if any.</summary>
    public Candidate? Lead => Suggested.FirstOrDefault(c => c.Role != Suggestions.DiagnosisRole.Secondary);
}

/// <summary>A prepared note and its lexical candidates, before dense retrieval and ranking.</summary>
public sealed record LexicalPass(PreparedNote Note, CandidateSet Candidates);

/// <summary>
/// The whole deterministic path as one pure function (no database, no clock): prepare → match → assert → resolve
/// billable → rank → validate → (claims policy) Official Guidelines rules → sequence and present-on-admission. The engine
/// and `coding eval` both call it, so the figures describe what the worker does.
/// </summary>
public static class DeterministicCoder
{
    /// <summary>Below this confidence a candidate is dropped before validation (it stays in the candidate set).</summary>
    public const double ConfidenceFloor = 0.01;

    public static CodingRun Code(string text, TermLexicon lexicon, CodingPriors priors, CareSetting setting, int? age, PatientSex sex,
        CodingPolicy policy = CodingPolicy.Claims) =>
        Code(Match(text, lexicon, priors, setting, policy), [], DenseSettings.Default, lexicon, priors, setting, age, sex, policy);

    /// <summary>
    /// Both halves with dense retrieval done in between by <paramref name="dense"/> (eval, bench, explain; the worker
    /// retrieves asynchronously): the run, and the retrieval with its cost (null when <paramref name="dense"/> is).
    /// </summary>
    public static (CodingRun Run, DenseRetrieval? Retrieval) Code(string text, DenseSource? dense, DenseSettings settings, TermLexicon lexicon, CodingPriors priors,
        CareSetting setting, int? age, PatientSex sex, CodingPolicy policy = CodingPolicy.Claims)
    {
        var pass = Match(text, lexicon, priors, setting, policy);
        var retrieval = dense?.Invoke(pass);
        return (Code(pass, retrieval?.Hits ?? [], settings, lexicon, priors, setting, age, sex, policy), retrieval);
    }

    /// <summary>
    /// The first half: prepare the note and match the lexicon. What it leaves unmatched is what dense retrieval searches
    /// (<see cref="DensePhrases.Select"/>); the engine retrieves those hits and hands them to the second half.
    /// </summary>
    public static LexicalPass Match(string text, TermLexicon lexicon, CodingPriors priors, CareSetting setting, CodingPolicy policy = CodingPolicy.Claims)
    {
        var note = NotePreparer.Prepare(text);
        return new LexicalPass(note, Candidates(note, lexicon, priors, setting, policy));
    }

    /// <summary>
    /// The lexical candidates of a prepared note; under claims, diabetes takes the type the note documents (<see cref="DiabetesType"/>),
    /// sides the note documents are coded (<see cref="Laterality"/>)
    /// a relative's or a past malignancy's mention supports its history code (<see cref="HistoryCodes"/>), and a drug named with
    /// the words of a poisoning, adverse effect or underdosing gives that Table of Drugs code (<see cref="DrugEvents"/>), and the
    /// stage and the qualifiers written next to a condition pick its sibling (<see cref="StagedQualifier"/>, <see cref="DocumentedQualifiers"/>).
    /// </summary>
    public static CandidateSet Candidates(PreparedNote note, TermLexicon lexicon, CodingPriors priors, CareSetting setting, CodingPolicy policy)
    {
        var set = CandidateGenerator.Generate(note, lexicon, priors, setting);
        if (policy != CodingPolicy.Claims)
            return set;
        set = DocumentedQualifiers.Resolve(note, StagedQualifier.Resolve(note, Laterality.Resolve(note, DiabetesType.Resolve(note, set, lexicon), lexicon), lexicon), lexicon);
        return DrugEvents.Derive(note, HistoryCodes.Derive(note, set, lexicon), lexicon);
    }

    /// <summary>The second half: add the dense candidates (none when <paramref name="dense"/> is empty), rank, validate.</summary>
    public static CodingRun Code(LexicalPass pass, IReadOnlyList<DenseHit> dense, DenseSettings settings, TermLexicon lexicon, CodingPriors priors,
        CareSetting setting, int? age, PatientSex sex, CodingPolicy policy = CodingPolicy.Claims)
    {
        var (note, lexical) = pass;
        var text = note.Text;
        var candidates = DenseCandidates.Add(note, lexical, dense, lexicon, priors, setting, settings);
        var ranked = CandidateRanker.Rank(candidates.Candidates, priors, text.Length);
        // Candidates under the floor are never suggested and almost never gold (train and dev alike); validating them
        // would cost more CPU than everything else, since conflict checks are pairwise.
        var validated = SuggestionValidator.Validate(ranked.Where(c => c.Confidence >= ConfidenceFloor).ToList(), lexicon, age, sex);
        var threshold = CandidateRanker.Threshold(priors);
        if (policy != CodingPolicy.Claims)
            return new CodingRun(note, candidates, Sequencing.Sequence(note, validated.Kept, threshold, setting, lexicon, reorder: false), validated.Removed, threshold);
        var (kept, removedByRules) = ClaimsRules.Apply(note, validated.Kept, validated.Removed, threshold, lexicon, setting);
        var removed = removedByRules.ToList();
        var sequenced = Sequencing.Sequence(note, kept, threshold, setting, lexicon);
        return new CodingRun(note, candidates, ExternalCauseCompanions.Apply(note, sequenced, removed, threshold, lexicon, setting), removed, threshold);
    }
}
