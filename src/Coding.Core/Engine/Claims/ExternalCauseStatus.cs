using System.Text.RegularExpressions;
using Coding.Core.Engine.Candidates;
using Coding.Core.Engine.Lexicon;
using Coding.Core.Engine.Preparation;

namespace Coding.Core.Engine.Claims;

/// <summary>
/// Place of occurrence, activity and status go with the external cause of the initial encounter (Guidelines I.C.20.b,
/// c, k: each "is used only once, at the initial encounter for treatment"), and a status code from Y99 is assigned
/// "whenever any other external cause code is assigned" (I.C.20.k). So with no coded cause of an initial encounter the
/// Y92, Y93 and Y99 codes go when a cause of a later encounter is coded; with one, the claim carries exactly one Y99: Y99.0 when the note says the patient was at
/// work (civilian activity done for income or pay), Y99.1 on military duty, Y99.2 as a volunteer, otherwise Y99.8 (the
/// other statuses: leisure, hobby, student, activity not for pay). Its evidence is the cause's own mention.
/// </summary>
public static partial class ExternalCauseStatus
{
    public static void Apply(PreparedNote note, List<Candidate> kept, Func<Candidate, bool> coded, Action<Candidate, string, string?, string> remove, TermLexicon lexicon,
        double threshold)
    {
        var cause = kept.Where(c => coded(c) && IsInitialCause(c.Code)).OrderByDescending(c => c.Score).FirstOrDefault();
        var companions = kept.Where(c => coded(c) && c.Code[..3] is "Y92" or "Y93" or "Y99").ToList();
        if (cause is null)
        {
            // A cause coded for a later encounter says the place, activity and status were reported at the first; with
            // no cause coded at all they stay the ranker's call (the cause may be what the note's words missed).
            if (!kept.Any(c => coded(c) && IsLaterCause(c.Code)))
                return;
            foreach (var c in companions)
                remove(c, "external-cause-status", null, "place, activity and status go with the external cause of an initial encounter (I.C.20.b, c, k)");
            return;
        }
        var code = Status(note.Text);
        foreach (var other in companions.Where(c => c.Code[..3] == "Y99" && c.Code != code))
            remove(other, "external-cause-status", code, $"the external cause status the note documents is {code} (I.C.20.k)");
        Combinations.Combine(kept, code, lexicon, threshold, [cause]);
    }

    /// <summary>A cause (V00-Y38, not the supplementary Y90-Y99) with the 7th character of an initial encounter.</summary>
    public static bool IsInitialCause(string code) =>
        code.Length == 7 && code[^1] == 'A' && (code[0] is 'V' or 'W' or 'X' || code[0] == 'Y' && code[1] is >= '0' and <= '3');

    /// <summary>A cause with the 7th character of a subsequent encounter or a sequela.</summary>
    public static bool IsLaterCause(string code) =>
        code.Length == 7 && code[^1] is 'D' or 'S' && (code[0] is 'V' or 'W' or 'X' || code[0] == 'Y' && code[1] is >= '0' and <= '3');

    /// <summary>The Y99 code the note's words give; Y99.8 when they say nothing of work, duty or volunteering.</summary>
    public static string Status(string text) =>
        Military().IsMatch(text) ? "Y991" : Volunteer().IsMatch(text) ? "Y992" : AtWork().IsMatch(text) ? "Y990" : "Y998";

    // Words that place the event at work, not a job title ("works as a hygienist but was off") or "off work".
    [GeneratedRegex(@"\b(at work|on the job|at (his|her|their) job|where (he|she|they) works?|(was|were|had been) working|while working|work[- ]related|workers'? ?comp(ensation)?|co-?workers?|workplace|job ?site|work injury|injured at work)\b", RegexOptions.IgnoreCase)]
    private static partial Regex AtWork();

    [GeneratedRegex(@"\b(on (active )?duty|military (training|exercise|operation|duty)|deployed|during deployment)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Military();

    [GeneratedRegex(@"\b(volunteering|as a volunteer|volunteer(ed)? (at|for|with))\b", RegexOptions.IgnoreCase)]
    private static partial Regex Volunteer();
}
