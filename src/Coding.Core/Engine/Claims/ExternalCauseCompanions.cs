using Coding.Core.Encounters;
using Coding.Core.Engine.Candidates;
using Coding.Core.Engine.Lexicon;
using Coding.Core.Engine.Preparation;
using Coding.Core.Engine.Validation;

namespace Coding.Core.Engine.Claims;

/// <summary>
/// An injury treated for the first time is coded with how it happened: the cause ("assign as many external cause codes
/// as necessary to fully explain each cause", Guidelines I.C.20.a.3), the activity (I.C.20.c, at the initial encounter)
/// and the status whenever any other external cause code is assigned (I.C.20.k). With an injury on the claim, the words
/// of a fall, a bite or a sport in the note are about that injury, so the best cause and the best activity the ranker
/// found join the claim even under the cut, when at least <see cref="Floor"/>. Runs after sequencing: an injury the
/// clinician lists first counts even when the ranker doubted it, and a cause removed only because no injury was coded yet
/// comes back. Place of occurrence (Y92) is left to the ranker: on cross-fitted US train its best candidate was as often
/// wrong as right.
/// </summary>
public static class ExternalCauseCompanions
{
    /// <summary>
    /// Chosen on cross-fitted US train (two halves, each scored with priors learned on the other): the added cause,
    /// activity and status codes were 23 gold of 31 at 0.00, 23 of 30 at 0.05, 20 of 26 at 0.08, 16 of 22 at 0.15.
    /// </summary>
    public const double Floor = 0.05;

    public static IReadOnlyList<Candidate> Apply(PreparedNote note, IReadOnlyList<Candidate> sequenced, List<RemovedCandidate> removed, double threshold, TermLexicon lexicon,
        CareSetting setting)
    {
        var coded = sequenced.Where(c => c.Confidence >= threshold).ToList();
        var injury = coded.FirstOrDefault(c => NeedsCause(c.Code));
        if (injury is null)
            return sequenced;
        var kept = sequenced.ToList();
        var added = new List<Candidate>();
        if (!coded.Any(c => IsCause(c.Code)))
        {
            var dropped = removed.Where(r => r.Rule == "external-cause" && IsCause(r.Candidate.Code)).Select(r => r.Candidate);
            var cause = kept.Where(c => IsCause(c.Code)).Concat(dropped).Where(c => c.Confidence >= Floor && c.Mentions.Any(m => m.Dense is null))
                .OrderByDescending(c => c.Confidence).ThenBy(c => c.Code, StringComparer.Ordinal).FirstOrDefault();
            if (cause is not null)
            {
                removed.RemoveAll(r => r.Candidate == cause);
                if (!kept.Contains(cause))
                    kept.Add(cause);
                added.Add(cause);
            }
        }
        if (!coded.Any(c => c.Code.StartsWith("Y93", StringComparison.Ordinal))
            && kept.Where(c => c.Code.StartsWith("Y93", StringComparison.Ordinal) && c.Confidence >= Floor && c.Mentions.Any(m => m.Dense is null))
                .OrderByDescending(c => c.Confidence).ThenBy(c => c.Code, StringComparer.Ordinal).FirstOrDefault() is { } activity)
            added.Add(activity);
        foreach (var c in added)
        {
            if (c.Confidence < threshold)
            {
                c.Confidence = threshold;
                c.Score = Math.Log(threshold / (1 - threshold));
            }
        }
        var companions = kept.Where(c => c.Confidence >= threshold && ClaimsRules.IsExternalCause(c.Code) && !c.Code.StartsWith("Y99", StringComparison.Ordinal)).ToList();
        if (companions.Count > 0 && !kept.Any(c => c.Confidence >= threshold && c.Code.StartsWith("Y99", StringComparison.Ordinal)))
        {
            var status = ExternalCauseStatus.Status(note.Text);
            var evidence = companions.FirstOrDefault(c => IsCause(c.Code)) ?? companions[0];
            if (Combinations.Combine(kept, status, lexicon, threshold, [evidence]) is { } y99)
                added.Add(y99);
        }
        if (setting == CareSetting.Inpatient)
        {
            foreach (var c in added)
                c.Poa = PresentOnAdmissionRules.Of(note, c, lexicon);
        }
        return kept;
    }

    /// <summary>
    /// An injury (Chapter 19's S codes, T00-T34, T66-T79) or a fracture of Chapter 13 with an encounter character, of an
    /// initial encounter. Poisonings and adverse effects (T36-T65) carry their intent in the code, and complications of
    /// care (T80-T88) take no cause from V00-Y38.
    /// </summary>
    public static bool NeedsCause(string code)
    {
        if (code.Length != 7 || code[6] != 'A')
            return false;
        if (code[0] == 'S')
            return true;
        if (code[0] == 'T' && int.TryParse(code.AsSpan(1, 2), out var n))
            return n <= 34 || n is >= 66 and <= 79;
        return code[..3] is "M80" or "M84";
    }

    /// <summary>A cause of an initial encounter (V00-Y38): not a place, activity or status.</summary>
    private static bool IsCause(string code) => ExternalCauseStatus.IsInitialCause(code);
}
