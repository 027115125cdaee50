using System.Text.RegularExpressions;
using Coding.Core.Engine.Candidates;
using Coding.Core.Engine.Lexicon;
using Coding.Core.Engine.Preparation;

namespace Coding.Core.Engine.Claims;

/// <summary>
/// The 7th character of an injury from the documentation (Guidelines I.C.19.a): "A" while the injury receives active
/// treatment, "D" for encounters after it, "when the patient is receiving routine care for the injury during the healing or
/// recovery phase" (a fracture's follow-up: "D" routine healing, "G" delayed healing, "K" nonunion, "P" malunion), "S" for
/// a sequela (a late effect: the scar contracture of a healed burn). The words are read from the note, never assumed: an ED
/// plan's "follow up with ortho in 1 week" is the initial encounter's; "seen in follow-up for the concussion", or a
/// fracture "healing as expected", is not. Only the sentences naming the injury count. Notes name the injury as the initial encounter's code does (the lexicon keys
/// later-encounter codes with the initial one), so the code read becomes the sibling with the documented character; the
/// external cause takes the same character (I.C.20.a). Poisonings, adverse effects and complications of care keep theirs:
/// their "A" stays while the condition they caused is treated.
/// </summary>
public static partial class EncounterCharacter
{
    public static void Apply(PreparedNote note, List<Candidate> kept, Func<Candidate, bool> coded, Action<Candidate, string, string?, string> remove, TermLexicon lexicon)
    {
        ClosedUnlessOpen(note, kept, coded, remove, lexicon);
        char? causes = null;
        foreach (var c in kept.Where(c => coded(c) && c.Code.Length == 7 && c.Code[^1] == 'A' && IsInjury(c.Code)).ToList())
        {
            var text = SentencesOf(note, c);
            if (Stage(text) is not { } stage)
                continue;
            var character = stage == 'S' ? 'S' : IsFracture(c) ? FractureHealing(text) : 'D';
            if (Replace(c, character, kept, remove, lexicon, stage))
                causes ??= stage;
        }
        // The external cause takes the injury's character (I.C.20.a): "D" for every later encounter, "S" for a sequela.
        if (causes is not { } later)
            return;
        foreach (var c in kept.Where(c => coded(c) && ExternalCauseStatus.IsInitialCause(c.Code)).ToList())
            Replace(c, later, kept, remove, lexicon, later);
    }

    /// <summary>
    /// "A fracture not indicated as open or closed should be coded to closed" (I.C.19.c.1): an open-fracture 7th character
    /// (B, C) needs the words "open" or "compound" where the fracture is named; otherwise the closed one (A) is the code.
    /// </summary>
    private static void ClosedUnlessOpen(PreparedNote note, List<Candidate> kept, Func<Candidate, bool> coded, Action<Candidate, string, string?, string> remove, TermLexicon lexicon)
    {
        foreach (var c in kept.Where(c => coded(c) && c.Code.Length == 7 && c.Code[0] == 'S' && c.Code[^1] is 'B' or 'C' && IsFracture(c)).ToList())
        {
            if (Open().IsMatch(SentencesOf(note, c)))
                continue;
            var closed = kept.FirstOrDefault(k => k.Code == c.Code[..6] + "A");
            if (closed is not null)
            {
                remove(c, "encounter-character", closed.Code, $"a fracture not documented as open is coded closed: {closed.Code} (I.C.19.c.1)");
                if (c.Score > closed.Score)
                    (closed.Confidence, closed.Score) = (c.Confidence, c.Score);
            }
            else
                Replace(c, 'A', kept, remove, lexicon, 'A');
        }
    }

    private static string SentencesOf(PreparedNote note, Candidate c) =>
        string.Join(" ", c.Mentions.Select(m => note.TextOf(note.Sentences[note.SentenceIndexAt(m.Match.Start)])).Distinct());

    private static bool Replace(Candidate c, char character, List<Candidate> kept, Action<Candidate, string, string?, string> remove, TermLexicon lexicon, char stage)
    {
        var code = c.Code[..6] + character;
        if (lexicon.Code(code) is not { Billable: true } entry || kept.Any(k => k.Code == code))
            return false;
        kept.Add(c.As(code, entry.Title));
        remove(c, "encounter-character", code, stage switch
        {
            'S' => $"the note documents a sequela: {code} (I.C.19.a)",
            'D' => $"the note documents an encounter after active treatment: {code} (I.C.19.a)",
            _ => $"a fracture not documented as open is coded closed: {code} (I.C.19.c.1)",
        });
        return true;
    }

    /// <summary>
    /// 'S' (sequela), 'D' (an encounter after active treatment), or null (the initial encounter: nothing to change), from the
    /// sentences that name the injury: a "FOLLOW-UP VISIT" header says nothing of a strain the patient reports today.
    /// </summary>
    public static char? Stage(string text) =>
        Sequela().IsMatch(text) ? 'S' : FollowUpVisit().IsMatch(text) || HealingPhase().IsMatch(text) ? 'D' : null;

    /// <summary>Injuries (S00-T34: injuries, foreign bodies, burns, frostbite), pathological and stress fractures (M80, M84.3-M84.6).</summary>
    private static bool IsInjury(string code) =>
        code[0] == 'S' || code[0] == 'T' && string.CompareOrdinal(code[..3], "T35") < 0 || code[..3] == "M80" || code[..4] is "M843" or "M844" or "M845" or "M846";

    private static bool IsFracture(Candidate c) => c.Title.Contains("fracture", StringComparison.OrdinalIgnoreCase);

    private static char FractureHealing(string text) =>
        Nonunion().IsMatch(text) ? 'K' : Malunion().IsMatch(text) ? 'P' : DelayedHealing().IsMatch(text) ? 'G' : 'D';

    [GeneratedRegex(@"\b(sequela[e]?|late effects?|scar contractures?|contractures? (from|after|due to|of)|scar(ring)? (from|after|due to) (a|an|the|his|her|prior|previous|old))\b", RegexOptions.IgnoreCase)]
    private static partial Regex Sequela();

    // "FOLLOW-UP VISIT", "Concussion follow-up", "seen in f/u"; not a plan's "follow up with ortho", "f/u in 1 week", "PCP f/u 1 wk".
    [GeneratedRegex(@"\b(follow[- ]?up|f/u|re-?check)\b(?!\s*(with|in|within|at|on|appointment|appt|scheduled|as needed|prn|\d))|\b(cast (check|change)|suture removal|staple removal|post-?op(erative)? (visit|check))\b", RegexOptions.IgnoreCase)]
    private static partial Regex FollowUpVisit();

    [GeneratedRegex(@"\b(healing as expected|routine healing|healing (well|appropriately|normally)|(seen|here|presents|returns) (today )?(in|for) (f/u|follow[- ]?up)|non-?union|malunion|delayed (union|healing))\b", RegexOptions.IgnoreCase)]
    private static partial Regex HealingPhase();

    [GeneratedRegex(@"\b(open|compound)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Open();

    [GeneratedRegex(@"\bnon-?union\b", RegexOptions.IgnoreCase)]
    private static partial Regex Nonunion();

    [GeneratedRegex(@"\bmalunion\b", RegexOptions.IgnoreCase)]
    private static partial Regex Malunion();

    [GeneratedRegex(@"\bdelayed (union|healing)\b", RegexOptions.IgnoreCase)]
    private static partial Regex DelayedHealing();
}
