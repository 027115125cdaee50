using Coding.Core.Engine.Candidates;
using Coding.Core.Engine.Lexicon;

namespace Coding.Core.Engine.Validation;

/// <summary>
/// A candidate the validator took out, and why (for provenance and the evaluation report): the rule ("excludes1",
/// "less", "contradicted", "age/sex"), the kept code that removed it (none for an age/sex edit), and the reason in words.
/// </summary>
public sealed record RemovedCandidate(Candidate Candidate, string Rule, string? By, string Reason);

public sealed record ValidationResult(IReadOnlyList<Candidate> Kept, IReadOnlyList<RemovedCandidate> Removed);

/// <summary>
/// Coding edits over ranked candidates (best first; every candidate is already a billable code of the release, see
/// <see cref="BillableResolver"/>). In rank order, a candidate is removed when it conflicts with the patient's age or
/// sex, when it and a better-ranked code read from the same words exclude each other (Excludes1, on the code or any
/// header above it; see <see cref="ShareWords"/>), or when
/// it is an "unspecified" code of a category in which a better-ranked, more specific code is kept. Finally a code
/// that a kept code's "code first" note names is moved in front of it (etiology before manifestation).
/// </summary>
public static class SuggestionValidator
{
    public static ValidationResult Validate(IReadOnlyList<Candidate> ranked, TermLexicon lexicon, int? age, Encounters.PatientSex sex)
    {
        var kept = new List<Candidate>();
        var removed = new List<RemovedCandidate>();
        // A sibling added by expansion yields to every code the note names itself: the named codes are validated
        // first (in rank order), so an expanded sibling can never take out a named code through Excludes1 or
        // specificity; the final order is by score again.
        foreach (var candidate in ranked.Where(c => !c.Expanded).Concat(ranked.Where(c => c.Expanded)))
        {
            if (AgeSexEdits.Conflict(candidate.Code, age, sex) is { } conflict)
            {
                removed.Add(new(candidate, "age/sex", null, $"age/sex: {conflict}"));
                continue;
            }
            if (kept.FirstOrDefault(k => (Excludes(lexicon, k.Code, candidate.Code) || Excludes(lexicon, candidate.Code, k.Code)) && ShareWords(k, candidate)) is { } excluder)
            {
                removed.Add(new(candidate, "excludes1", excluder.Code, $"excludes1 with {excluder.Code}"));
                continue;
            }
            if (IsUnspecified(candidate) && kept.FirstOrDefault(k => SameCategory(k, candidate) && !IsUnspecified(k)) is { } specific)
            {
                removed.Add(new(candidate, "less", specific.Code, $"less specific than {specific.Code}"));
                continue;
            }
            kept.Add(candidate);
        }
        kept.Sort((a, b) => b.Score.CompareTo(a.Score) is var c and not 0 ? c : string.CompareOrdinal(a.Code, b.Code));
        kept = PreferSpecificReading(kept, removed);
        kept = DropContradictedWithoutComplications(kept, removed);
        return new ValidationResult(SequenceCodeFirst(kept, lexicon), removed);
    }

    /// <summary>
    /// Excludes1 pairs conflict when they are read from the same words ("abdominal pain" → R10.9 and, inside it, "pain" →
    /// R52; "hepatitis C" → B19.20 and K75.9): one condition cannot be coded both ways. When each code has mentions of
    /// its own and none overlaps the other's, the note documents two conditions, and Guidelines I.A.12.a allows both
    /// "when the two conditions are unrelated to each other" (the coder's query decides where they might not be). An
    /// expanded sibling borrows its category's mentions, so it always shares words with the code it came from.
    /// </summary>
    public static bool ShareWords(Candidate a, Candidate b) =>
        a.Mentions.Any(m => b.Mentions.Any(n => m.Match.SentenceId == n.Match.SentenceId && m.Match.Start < n.Match.End && n.Match.Start < m.Match.End));

    public static bool Excludes(TermLexicon lexicon, string code, string other)
    {
        foreach (var prefix in lexicon.Excludes1Prefixes(code))
        {
            if (other.StartsWith(prefix, StringComparison.Ordinal) && !code.StartsWith(prefix, StringComparison.Ordinal))
                return true;
        }
        return false;
    }

    private static bool IsUnspecified(Candidate c) =>
        c.Title.Contains("unspecified", StringComparison.OrdinalIgnoreCase) || c.Title.Contains("without complications", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// "Type 2 diabetes mellitus with hyperglycemia" matches both E11.9 (its first words) and E11.65: when every
    /// mention of an unspecified code lies inside a mention of a specific code of the same category, it is one
    /// statement read two ways, and the specific reading wins whatever their ranks — taking over the better confidence.
    /// </summary>
    /// <summary>Strictly inside: the same words leading to two codes is ambiguity, not a more specific reading.</summary>
    internal static bool Contains(TermMatch outer, TermMatch inner) =>
        outer.Start <= inner.Start && outer.End >= inner.End && outer.End - outer.Start > inner.End - inner.Start;

    private static List<Candidate> PreferSpecificReading(List<Candidate> kept, List<RemovedCandidate> removed)
    {
        foreach (var unspecified in kept.Where(IsUnspecified).ToList())
        {
            // An expanded sibling borrows its category's mentions: it is no reading of them of its own.
            var specific = kept.FirstOrDefault(k => k != unspecified && !k.Expanded && !IsUnspecified(k) && SameCategory(k, unspecified)
                && unspecified.Mentions.All(u => k.Mentions.Any(m => Contains(m.Match, u.Match))));
            if (specific is null)
                continue;
            kept.Remove(unspecified);
            removed.Add(new(unspecified, "less", specific.Code, $"less specific than {specific.Code} (same mention)"));
            if (unspecified.Confidence > specific.Confidence)
            {
                specific.Confidence = unspecified.Confidence;
                specific.Score = unspecified.Score;
            }
        }
        kept.Sort((a, b) => b.Score.CompareTo(a.Score) is var c and not 0 ? c : string.CompareOrdinal(a.Code, b.Code));
        return kept;
    }

    /// <summary>
    /// "Type 2 diabetes mellitus without complications" (E11.9) states that there are none: beside a named E11 code
    /// with a complication it is a contradiction, which is resolved as Excludes1 conflicts are, by rank: a complication
    /// ranked above it removes it, and it removes the complications ranked below it (on cross-fitted train the
    /// complication was gold in 1 of the 11 confident cases where E11.9 ranked first and was removed). Read from the same
    /// words, the specific reading has already won (<see cref="PreferSpecificReading"/>). An expanded sibling is no
    /// statement of the note's, so it never removes a named code.
    /// </summary>
    private static List<Candidate> DropContradictedWithoutComplications(List<Candidate> kept, List<RemovedCandidate> removed)
    {
        foreach (var without in kept.Where(c => c.Title.Contains("without complications", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            if (!kept.Contains(without))
                continue;
            var complications = kept.Where(k => k != without && !k.Expanded && SameCategory(k, without) && !IsUnspecified(k)).ToList();
            if (complications.Count == 0)
                continue;
            if (complications.FirstOrDefault(k => k.Score >= without.Score) is { } better)
            {
                kept.Remove(without);
                removed.Add(new(without, "contradicted", better.Code, $"contradicted by {better.Code} (a complication is coded)"));
                continue;
            }
            foreach (var complication in complications)
            {
                kept.Remove(complication);
                removed.Add(new(complication, "contradicted", without.Code, $"contradicted by {without.Code} (no complication)"));
            }
        }
        return kept;
    }

    private static bool SameCategory(Candidate a, Candidate b) => a.Code.Length >= 3 && b.Code.StartsWith(a.Code[..3], StringComparison.Ordinal);

    /// <summary>Moves each code named by a kept code's "code first" note directly before that code.</summary>
    private static List<Candidate> SequenceCodeFirst(List<Candidate> kept, TermLexicon lexicon)
    {
        var ordered = new List<Candidate>(kept);
        foreach (var manifestation in kept)
        {
            var firsts = lexicon.CodeFirstOf(manifestation.Code).ToArray();
            if (firsts.Length == 0)
                continue;
            var at = ordered.IndexOf(manifestation);
            var etiology = ordered.Skip(at + 1).FirstOrDefault(c => firsts.Any(p => c.Code.StartsWith(p, StringComparison.Ordinal)));
            if (etiology is null)
                continue;
            ordered.Remove(etiology);
            ordered.Insert(at, etiology);
        }
        return ordered;
    }
}
