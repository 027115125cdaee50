using Coding.Core.Encounters;
using Coding.Core.Engine.Preparation;

namespace Coding.Core.Engine.Procedures;

/// <summary>
/// ICD-10-PCS suggestions for an inpatient stay as one pure function: Index mentions (<see cref="ProcedureMatcher"/>) →
/// the assertion machinery the diagnoses use, plus the words that plan a procedure instead of reporting one → one candidate
/// per 4-character stem → a whole valid code of the release (the Index's own when it gives one, else characters 5-7 from the
/// note's approach words and train's most frequent code) → confidence from train's priors → the confident ones.
/// </summary>
public static class ProcedureCoder
{
    /// <summary>
    /// Words that put a procedure in the future or make it a recommendation ("will schedule colonoscopy", "planned
    /// cholecystectomy", "candidate for"): the diagnosis triggers cover negation and history but not plans.
    /// </summary>
    private static readonly string[] PlannedWords =
        ["will", "planned", "plan", "scheduled", "schedule", "recommend", "recommended", "candidate", "consider", "pending", "refer", "referred", "awaiting"];

    public static ProcedureRun Code(PreparedNote note, ProcedureLexicon lexicon, ProcedurePriors priors, CareSetting setting)
    {
        var candidates = Candidates(note, lexicon, priors);
        // PCS is the inpatient procedure system; outpatient and ED procedures are CPT/HCPCS (UHDDS, HIPAA code sets).
        var threshold = setting == CareSetting.Inpatient ? priors.Threshold : double.PositiveInfinity;
        return new ProcedureRun(candidates, threshold);
    }

    /// <summary>Every asserted candidate, best first (learner and engine alike).</summary>
    public static IReadOnlyList<ProcedureCandidate> Candidates(PreparedNote note, ProcedureLexicon lexicon, ProcedurePriors priors)
    {
        var byStem = new Dictionary<string, ProcedureCandidate>(StringComparer.Ordinal);
        // Of two Index paths to one stem, the one that gives more characters leads ("Chest x-ray" → BW03; "Plain Radiography -
        // Chest" → BW03ZZZ), then the earlier mention.
        foreach (var mention in ProcedureMatcher.Find(note, lexicon).OrderByDescending(m => m.IndexCode.Length == 7).ThenBy(m => m.Start))
        {
            if (!Performed(note, mention)) continue;
            if (mention.IndexCode.Length == 3 && DefaultBodyPart(note, mention, lexicon, priors) is not { } defaulted) continue;
            var stem = mention.IndexCode.Length == 3 ? DefaultBodyPart(note, mention, lexicon, priors)! : mention.IndexCode[..4];
            if (byStem.ContainsKey(stem)) continue;
            var (code, documented) = Choose(note, mention with { IndexCode = mention.IndexCode.Length == 3 ? stem : mention.IndexCode }, lexicon, priors);
            if (code is null) continue;
            byStem[stem] = new ProcedureCandidate(code, stem, documented, priors.Confidence(stem), mention);
        }
        return byStem.Values.OrderByDescending(c => c.Confidence).ThenBy(c => c.Mention.Start).ToList();
    }

    /// <summary>
    /// A table the Index stops at whose body part the note does not name ("splenectomy" → 07T): the body part of the side the
    /// sentence writes that train's gold writes most; none when train never wrote one (the coder chooses).
    /// </summary>
    private static string? DefaultBodyPart(PreparedNote note, ProcedureMention mention, ProcedureLexicon lexicon, ProcedurePriors priors)
    {
        var words = note.TokensOf(note.Sentences[mention.SentenceId]).ToArray().Select(t => t.Key).ToHashSet(StringComparer.Ordinal);
        var side = words.Contains("bilateral") || words.Contains("both") ? "bilateral" : words.Contains("right") ? "right" : words.Contains("left") ? "left" : null;
        return lexicon.BodyPartsOf(mention.IndexCode)
            .Where(p => side is null || p.Side is null || p.Side == side)
            .Select(p => (p.Stem, Gold: priors.GoldStems.GetValueOrDefault(p.Stem)))
            .Where(p => p.Gold > 0).OrderByDescending(p => p.Gold).ThenBy(p => p.Stem, StringComparer.Ordinal)
            .Select(p => p.Stem).FirstOrDefault();
    }

    /// <summary>
    /// Present, the patient's own, and not planned: what the diagnoses' <see cref="AssertionDetector"/> says, plus plans. A
    /// negation or doubt written after the procedure is about its result ("chest X-ray showed no consolidation", "CT
    /// suggestive of"), and the test was done; one before it is about the procedure ("no colonoscopy was done").
    /// </summary>
    private static bool Performed(PreparedNote note, ProcedureMention mention)
    {
        var assertion = AssertionDetector.Assert(note, mention.HeadStart, mention.HeadEnd);
        if (assertion.Experiencer != Experiencer.Patient) return false;
        var aboutResult = assertion.Status is AssertionStatus.Negated or AssertionStatus.Uncertain
            && assertion.Cue is { Source: AssertionCueSource.Trigger } cue && cue.Start >= mention.HeadEnd;
        if (assertion.Status != AssertionStatus.Present && !aboutResult) return false;
        var sentence = note.Sentences[mention.SentenceId];
        var after = 0;
        foreach (var token in note.TokensOf(sentence))
        {
            // Before the procedure ("will schedule a colonoscopy"), or right after it ("colonoscopy is planned").
            if (token.End <= mention.HeadStart && mention.HeadStart - token.End < 60 && PlannedWords.Contains(token.Norm)) return false;
            if (token.Start >= mention.HeadEnd && ++after <= 3 && PlannedWords.Contains(token.Norm)) return false;
        }
        return true;
    }

    /// <summary>
    /// The whole code: the Index's when it gives all seven characters; else the stem's valid codes narrowed by the approach
    /// words of the sentence (PCS definitions: open, percutaneous, percutaneous endoscopic = laparoscopic/thoracoscopic/
    /// arthroscopic, via natural opening endoscopic) and "biopsy" (qualifier X, diagnostic), then the one train's gold
    /// writes most, then the one with the fewest characters specified. Documented: the note gave every character.
    /// </summary>
    private static (string? Code, bool Documented) Choose(PreparedNote note, ProcedureMention mention, ProcedureLexicon lexicon, ProcedurePriors priors)
    {
        if (mention.IndexCode.Length == 7)
            return lexicon.IsValid(mention.IndexCode) ? (mention.IndexCode, true) : (null, false);
        var codes = lexicon.CodesOf(mention.IndexCode[..4]);
        if (codes.Count == 0) return (null, false);
        var words = note.TokensOf(note.Sentences[mention.SentenceId]).ToArray().Select(t => t.Norm).ToHashSet(StringComparer.Ordinal);
        char? approach = words.Any(w => w.StartsWith("laparoscop", StringComparison.Ordinal) || w.StartsWith("thoracoscop", StringComparison.Ordinal)
                || w.StartsWith("arthroscop", StringComparison.Ordinal)) ? '4'
            : words.Contains("percutaneous") ? '3'
            : words.Any(w => w.StartsWith("endoscop", StringComparison.Ordinal)) ? '8'
            : words.Contains("open") || words.Contains("laparotomy") ? '0'
            : null;
        IReadOnlyList<string> narrowed = codes;
        if (mention.IndexCode[0] == '0' && approach is { } a && codes.Where(c => c[4] == a).ToList() is { Count: > 0 } byApproach)
            narrowed = byApproach;
        if (words.Contains("biopsy") && narrowed.Where(c => c[6] == 'X').ToList() is { Count: > 0 } diagnostic)
            narrowed = diagnostic;
        var best = narrowed.OrderByDescending(c => priors.GoldCodes.GetValueOrDefault(c))
            .ThenByDescending(c => c.Skip(4).Count(ch => ch == 'Z')).ThenBy(c => c, StringComparer.Ordinal).First();
        return (best, narrowed.Count == 1);
    }
}

/// <summary>
/// One procedure candidate: a valid code of the release, its stem, whether the note gave every character (else characters
/// 5-7 are the coder's to confirm, and a gold set that writes stems sees the stem), confidence, and the mention.
/// </summary>
public sealed record ProcedureCandidate(string Code, string Stem, bool Documented, double Confidence, ProcedureMention Mention)
{
    /// <summary>As CodiEsp's annotators write a code: all seven characters when the Index gave them, else the stem.</summary>
    public string Written => Mention.IndexCode.Length == 7 ? Code : Stem;
}

public sealed record ProcedureRun(IReadOnlyList<ProcedureCandidate> Candidates, double Threshold)
{
    public IEnumerable<ProcedureCandidate> Suggested => Candidates.Where(c => c.Confidence >= Threshold);
}
